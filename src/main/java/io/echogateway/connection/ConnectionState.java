package io.echogateway.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * What the server knows about one open connection: activity, traffic, requests in flight and its close decision.
 */
public final class ConnectionState {

	private static final long INPUT_POLL_MILLIS = 50;

	private final String id;

	private final String remoteAddress;

	private final ServerTraffic serverTraffic;

	private final Instant openedAt = Instant.now();

	private final AtomicLong framesIn = new AtomicLong();

	private final AtomicLong framesOut = new AtomicLong();

	private final AtomicLong bytesIn = new AtomicLong();

	private final AtomicLong bytesOut = new AtomicLong();

	private volatile long lastActivityNanos = System.nanoTime();

	private int inFlight;

	private long oldestRequestNanos;

	private boolean partialFrame;

	private long nextTicket;

	private long servingTicket;

	private boolean closeAfterReply;

	private boolean closing;

	private boolean closed;

	private @Nullable CloseReason closeReason;

	ConnectionState(String id, String remoteAddress, ServerTraffic serverTraffic) {
		this.id = id;
		this.remoteAddress = remoteAddress;
		this.serverTraffic = serverTraffic;
	}

	public String id() {
		return this.id;
	}

	public String remoteAddress() {
		return this.remoteAddress;
	}

	public Instant openedAt() {
		return this.openedAt;
	}

	/**
	 * Return when a frame last started or was read, or a reply was written.
	 * @return the time of the last activity
	 */
	public Instant lastActivity() {
		return Instant.now().minusNanos(System.nanoTime() - this.lastActivityNanos);
	}

	public long framesIn() {
		return this.framesIn.get();
	}

	public long framesOut() {
		return this.framesOut.get();
	}

	public long bytesIn() {
		return this.bytesIn.get();
	}

	public long bytesOut() {
		return this.bytesOut.get();
	}

	public synchronized int inFlight() {
		return this.inFlight;
	}

	public synchronized boolean partialFrame() {
		return this.partialFrame;
	}

	/**
	 * Return how long the oldest request in flight has been waiting for its reply.
	 * @return the age of the oldest request, or {@link Duration#ZERO} when none is in flight
	 */
	public synchronized Duration requestAge() {
		return (this.inFlight > 0) ? Duration.ofNanos(System.nanoTime() - this.oldestRequestNanos) : Duration.ZERO;
	}

	/**
	 * Tell whether the connection has no request in flight and no frame partly read.
	 * @return whether it is idle
	 */
	public synchronized boolean isIdle() {
		return this.inFlight == 0 && !this.partialFrame;
	}

	synchronized boolean isClosed() {
		return this.closed;
	}

	synchronized boolean awaitsNoReply() {
		return this.inFlight == 0;
	}

	Duration idleFor() {
		return Duration.ofNanos(System.nanoTime() - this.lastActivityNanos);
	}

	void touch() {
		this.lastActivityNanos = System.nanoTime();
	}

	/**
	 * Admit the first byte of a new frame, or refuse it because the connection is closing.
	 */
	synchronized boolean admitFrame() throws InterruptedException {
		while (this.closeAfterReply && this.inFlight > 0 && !this.closed) {
			wait();
		}
		if (this.closing || this.closeAfterReply || this.closed) {
			return false;
		}
		this.partialFrame = true;
		return true;
	}

	synchronized long frameRead(int payloadBytes) {
		this.framesIn.incrementAndGet();
		this.bytesIn.addAndGet(payloadBytes);
		this.serverTraffic.requestRead(payloadBytes);
		touch();
		return requestArrived();
	}

	/**
	 * Record a refused frame: it is in flight until its error reply is written, and no frame is admitted after it.
	 */
	synchronized long frameRejected(CloseReason reason) {
		this.closeAfterReply = true;
		if (this.closeReason == null) {
			this.closeReason = reason;
		}
		return requestArrived();
	}

	/**
	 * Wait until every earlier request of this connection is answered, so replies leave in the order of requests.
	 */
	synchronized void awaitTurn(long ticket) throws InterruptedException {
		while (this.servingTicket != ticket && !this.closed) {
			wait();
		}
	}

	/**
	 * Wait until every request is answered and no input is left unread, or the connection is closed.
	 */
	synchronized void awaitAnswered(BooleanSupplier unreadInput) throws InterruptedException {
		while (!this.closed && (this.inFlight > 0 || unreadInput.getAsBoolean())) {
			wait(INPUT_POLL_MILLIS);
		}
	}

	void replyWritten(int payloadBytes) {
		this.framesOut.incrementAndGet();
		this.bytesOut.addAndGet(payloadBytes);
		this.serverTraffic.replyWritten(payloadBytes);
		touch();
	}

	/**
	 * Finish one request and tell whether the connection should now be closed.
	 */
	synchronized boolean requestFinished() {
		this.inFlight--;
		this.servingTicket++;
		notifyAll();
		return startClosingIfDue();
	}

	/**
	 * Decide to close: now if idle (returns {@code true}), else right after the replies in flight.
	 */
	synchronized boolean requestClose(CloseReason reason) {
		if (this.closing || this.closed) {
			return false;
		}
		if (this.closeReason == null) {
			this.closeReason = reason;
		}
		this.closeAfterReply = true;
		notifyAll();
		return startClosingIfDue();
	}

	/**
	 * Decide to close now, whatever is in flight; returns {@code false} if it was already closing.
	 */
	synchronized boolean closeNow(CloseReason reason) {
		if (this.closing || this.closed) {
			return false;
		}
		this.closeReason = reason;
		this.closing = true;
		return true;
	}

	/**
	 * Record that the socket is closed and tell the reason, {@link CloseReason#CLIENT} if the server did not decide it.
	 */
	synchronized CloseReason closed() {
		this.closed = true;
		notifyAll();
		return (this.closeReason != null) ? this.closeReason : CloseReason.CLIENT;
	}

	private long requestArrived() {
		this.partialFrame = false;
		if (this.inFlight++ == 0) {
			this.oldestRequestNanos = System.nanoTime();
		}
		return this.nextTicket++;
	}

	private boolean startClosingIfDue() {
		if (this.closeAfterReply && !this.closing && this.inFlight == 0 && !this.partialFrame) {
			this.closing = true;
			return true;
		}
		return false;
	}

}
