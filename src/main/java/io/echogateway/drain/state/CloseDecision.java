package io.echogateway.drain.state;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.echogateway.drain.connection.CloseReason;
import org.jspecify.annotations.Nullable;

/**
 * When one connection closes: an explicit state machine over its phase, its requests in flight and its partial frame.
 */
public final class CloseDecision {

	private static final long INPUT_POLL_MILLIS = 50;

	/**
	 * Where a connection stands on its way to being closed.
	 */
	public enum Phase {

		/** Serving: new frames are admitted. */
		OPEN,

		/** Turned away when it was accepted: its first frame waits until the refusal has been written. */
		REJECTING,

		/** Closing once nothing is in flight and no frame is partly read; no new frame is admitted. */
		CLOSE_AFTER_REPLY,

		/** Told goodbye and still served, until the client closes or half-closes after its last reply. */
		AWAIT_CLIENT,

		/** The close has been decided and is under way. */
		CLOSING,

		/** The socket is closed. */
		CLOSED

	}

	/** How long the first frame of a connection being turned away waits for the refusal before it is refused too. */
	static final Duration REJECTION_WAIT = Duration.ofSeconds(10);

	private final Duration rejectionWait;

	private Phase phase = Phase.OPEN;

	private @Nullable CloseReason reason;

	private @Nullable Object goodbye;

	private int inFlight;

	private boolean partialFrame;

	private int unansweredAtClose;

	private boolean closingNow;

	private long requestStartNanos;

	CloseDecision() {
		this(REJECTION_WAIT);
	}

	CloseDecision(Duration rejectionWait) {
		this.rejectionWait = rejectionWait;
	}

	/**
	 * Return where the connection is in its life, from open to closed.
	 */
	public synchronized Phase phase() {
		return this.phase;
	}

	/**
	 * Return how many requests were in flight when the socket closed; they will not be answered.
	 */
	public synchronized int unansweredAtClose() {
		return this.unansweredAtClose;
	}

	synchronized int inFlight() {
		return this.inFlight;
	}

	synchronized boolean partialFrame() {
		return this.partialFrame;
	}

	synchronized boolean isIdle() {
		return this.inFlight == 0 && !this.partialFrame;
	}

	/**
	 * Return how long the oldest unanswered request has existed, counted from its first byte.
	 */
	synchronized Duration requestAge() {
		return isIdle() ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - this.requestStartNanos);
	}

	/**
	 * Admit the first byte of a new frame, which arrived at the given time, or refuse it because a close is decided;
	 * a frame of a connection that is being turned away waits for its refusal to be written, for a bounded time.
	 */
	synchronized boolean admitFrame(long nowNanos) throws InterruptedException {
		long deadline = System.nanoTime() + this.rejectionWait.toNanos();
		long left = this.rejectionWait.toNanos();
		while (this.phase == Phase.REJECTING && left > 0) {
			TimeUnit.NANOSECONDS.timedWait(this, left);
			left = deadline - System.nanoTime();
		}
		if (this.phase != Phase.OPEN && this.phase != Phase.AWAIT_CLIENT) {
			return false;
		}
		if (this.inFlight == 0) {
			this.requestStartNanos = nowNanos;
		}
		this.partialFrame = true;
		return true;
	}

	/**
	 * Record that the frame started last is complete, at the given time, and waits for its reply.
	 */
	synchronized void frameRead(long nowNanos) {
		if (!this.partialFrame && this.inFlight == 0) {
			this.requestStartNanos = nowNanos;
		}
		this.partialFrame = false;
		this.inFlight++;
	}

	/**
	 * Record that a request needs no more work, if one was in flight, running the given count then, and tell whether
	 * the caller must now close the connection; a request of a closed connection was counted when it closed.
	 */
	synchronized boolean requestFinished(Runnable settled) {
		if (this.inFlight > 0) {
			this.inFlight--;
			settled.run();
		}
		return closeIfDue();
	}

	/**
	 * Record that a request failed and will get no reply: the connection closes once its other requests are answered,
	 * so that its client does not wait for ever; the given count runs if a request was in flight; tell whether the
	 * caller must close it now.
	 */
	synchronized boolean requestFailed(Runnable settled) {
		if (this.inFlight > 0) {
			this.inFlight--;
			settled.run();
		}
		if (this.phase == Phase.OPEN || this.phase == Phase.AWAIT_CLIENT || this.phase == Phase.CLOSE_AFTER_REPLY) {
			this.phase = Phase.CLOSE_AFTER_REPLY;
			this.reason = CloseReason.ERROR;
		}
		return closeIfDue();
	}

	/**
	 * Refuse the connection: it is closed once its refusal is written.
	 */
	public synchronized void reject() {
		this.phase = Phase.REJECTING;
	}

	/**
	 * Decide to close once idle, with the goodbye to send last, and tell whether the caller must close now because it
	 * already is; a close decided earlier keeps its reason and its goodbye.
	 */
	public synchronized boolean closeAfterReply(CloseReason closeReason, @Nullable Object goodbyePayload) {
		if (this.phase != Phase.OPEN) {
			return false;
		}
		this.phase = Phase.CLOSE_AFTER_REPLY;
		this.reason = closeReason;
		this.goodbye = goodbyePayload;
		return closeIfDue();
	}

	/**
	 * Decide to close once the frame the protocol refused is answered, also when the client was told goodbye and is
	 * still served, since the rest of a refused frame cannot be read as frames.
	 */
	public synchronized void refuseFrame(CloseReason closeReason) {
		if (this.phase == Phase.OPEN || this.phase == Phase.AWAIT_CLIENT) {
			this.phase = Phase.CLOSE_AFTER_REPLY;
			this.reason = closeReason;
		}
	}

	/**
	 * Return what to send last before the close that was decided.
	 */
	public synchronized @Nullable Object goodbye() {
		return this.goodbye;
	}

	/**
	 * Keep serving until the client closes, and tell whether the caller must now say goodbye: not if a close was
	 * already decided.
	 */
	public synchronized boolean awaitClient() {
		if (this.phase != Phase.OPEN) {
			return false;
		}
		this.phase = Phase.AWAIT_CLIENT;
		return true;
	}

	/**
	 * Decide to close now, whatever is in flight, and tell whether the caller must close: once, and also when a
	 * graceful close is under way, since its goodbye may be stuck on a client that does not read.
	 */
	public synchronized boolean closeNow(CloseReason closeReason) {
		if (this.phase == Phase.CLOSED || this.closingNow) {
			return false;
		}
		this.closingNow = true;
		this.phase = Phase.CLOSING;
		this.reason = closeReason;
		notifyAll();
		return true;
	}

	/**
	 * Record that the socket is closed and tell why: the server's reason if it decided the close, else the client's,
	 * after the goodbye or not.
	 */
	public synchronized CloseReason closed() {
		CloseReason byClient = (this.phase == Phase.AWAIT_CLIENT) ? CloseReason.CLIENT_AFTER_GOODBYE
				: CloseReason.CLIENT;
		this.phase = Phase.CLOSED;
		this.unansweredAtClose = this.inFlight;
		this.inFlight = 0;
		notifyAll();
		return (this.reason != null) ? this.reason : byClient;
	}

	/**
	 * Wait until every request is answered and no input is left unread, the connection is closed, or the given time
	 * has passed, and tell whether the wait ended with everything answered or the connection closed.
	 */
	public synchronized boolean awaitAnswered(BooleanSupplier unreadInput, Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (this.phase != Phase.CLOSED && (this.inFlight > 0 || unreadInput.getAsBoolean())) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			wait(Math.max(1, Math.min(INPUT_POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
		}
		return true;
	}

	private boolean closeIfDue() {
		if (this.phase == Phase.CLOSE_AFTER_REPLY && this.inFlight == 0 && !this.partialFrame) {
			this.phase = Phase.CLOSING;
			return true;
		}
		return false;
	}

}
