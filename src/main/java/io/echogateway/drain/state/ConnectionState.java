package io.echogateway.drain.state;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Supplier;
import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;

/**
 * What the server knows about one open connection: when it opened, its traffic and its requests in flight.
 */
public final class ConnectionState {

	private final String id;

	private final String remoteAddress;

	private final ServerTraffic serverTraffic;

	private final Instant openedAt = Instant.now();

	private static final AtomicLongFieldUpdater<ConnectionState> FRAMES_IN = counter("framesIn");

	private static final AtomicLongFieldUpdater<ConnectionState> FRAMES_OUT = counter("framesOut");

	private static final AtomicLongFieldUpdater<ConnectionState> BYTES_IN = counter("bytesIn");

	private static final AtomicLongFieldUpdater<ConnectionState> BYTES_OUT = counter("bytesOut");

	private volatile long framesIn;

	private volatile long framesOut;

	private volatile long bytesIn;

	private volatile long bytesOut;

	private final CloseDecision decision = new CloseDecision();

	private final WriteWatch writes = new WriteWatch();

	private volatile long lastActivityNanos = System.nanoTime();

	private volatile long lastFrameReadNanos;

	private volatile boolean tlsLooked;

	private volatile @Nullable String tlsProtocol;

	private volatile @Nullable String tlsCipher;

	/**
	 * Create the state of a connection just accepted, whose traffic also counts in its server's.
	 */
	public ConnectionState(String id, String remoteAddress, ServerTraffic serverTraffic) {
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
		return this.framesIn;
	}

	public long framesOut() {
		return this.framesOut;
	}

	public long bytesIn() {
		return this.bytesIn;
	}

	public long bytesOut() {
		return this.bytesOut;
	}

	public int inFlight() {
		return this.decision.inFlight();
	}

	public boolean partialFrame() {
		return this.decision.partialFrame();
	}

	/**
	 * Return how long the oldest unanswered request has existed, from its first byte; a partly read frame counts.
	 * @return the age, or {@link Duration#ZERO} when the connection is idle
	 */
	public Duration requestAge() {
		return this.decision.requestAge();
	}

	/**
	 * Tell whether the connection has no request in flight and no frame partly read.
	 * @return whether it is idle
	 */
	public boolean isIdle() {
		return this.decision.isIdle();
	}

	/**
	 * Return the TLS protocol the connection negotiated, once it has sent a frame.
	 * @return the protocol, such as {@code TLSv1.3}, or {@code null} for plain TCP or before the first frame
	 */
	public @Nullable String tlsProtocol() {
		return this.tlsProtocol;
	}

	/**
	 * Return the TLS cipher suite the connection negotiated, once it has sent a frame.
	 * @return the cipher suite, or {@code null} for plain TCP or before the first frame
	 */
	public @Nullable String tlsCipher() {
		return this.tlsCipher;
	}

	/**
	 * Note the connection's TLS session when its first frame arrives, when its handshake is over, so that asking for
	 * it does not wait for one.
	 */
	public void noteTls(Supplier<@Nullable SSLSession> session) {
		if (!this.tlsLooked) {
			this.tlsLooked = true;
			SSLSession tls = session.get();
			if (tls != null) {
				this.tlsProtocol = tls.getProtocol();
				this.tlsCipher = tls.getCipherSuite();
			}
		}
	}

	/**
	 * Return what decides when this connection closes and how it counts its requests.
	 */
	public CloseDecision decision() {
		return this.decision;
	}

	/**
	 * Return the watch on this connection's reply writes, which the send timeout reads.
	 */
	public WriteWatch writes() {
		return this.writes;
	}

	/**
	 * Return how long ago a frame last started or was read, or a reply was written.
	 */
	public Duration idleFor() {
		return Duration.ofNanos(System.nanoTime() - this.lastActivityNanos);
	}

	boolean admitFrame() throws InterruptedException {
		long now = System.nanoTime();
		this.lastActivityNanos = now;
		return this.decision.admitFrame(now);
	}

	void frameRead(long payloadBytes) {
		FRAMES_IN.incrementAndGet(this);
		BYTES_IN.addAndGet(this, payloadBytes);
		this.serverTraffic.requestRead(payloadBytes);
		long now = System.nanoTime();
		this.lastActivityNanos = now;
		this.lastFrameReadNanos = now;
		this.decision.frameRead(now);
	}

	/**
	 * Record that a request in flight, if any, was answered, and tell whether the connection must now be closed.
	 */
	public boolean requestAnswered() {
		return this.decision.requestFinished(
				() -> this.serverTraffic.requestAnswered(System.nanoTime() - this.lastFrameReadNanos));
	}

	/**
	 * Record that a request failed and gets no reply, and tell whether the connection must now be closed: it closes
	 * once its other requests are answered.
	 */
	public boolean requestFailed() {
		return this.decision.requestFailed(
				() -> this.serverTraffic.requestFailed(System.nanoTime() - this.lastFrameReadNanos));
	}

	/**
	 * Record that the last frame read needs no more work without a reply, such as a refused frame or a request of a
	 * server that expects no replies, and tell whether the connection must now be closed.
	 */
	public boolean requestDropped() {
		return this.decision.requestFinished(this.serverTraffic::requestSettledWithoutReply);
	}

	/**
	 * Count a reply written to this connection and in its server's traffic.
	 */
	public void replyWritten(long payloadBytes) {
		FRAMES_OUT.incrementAndGet(this);
		BYTES_OUT.addAndGet(this, payloadBytes);
		this.serverTraffic.replyWritten(payloadBytes);
		this.lastActivityNanos = System.nanoTime();
	}

	/**
	 * A counter kept in a field of each connection's state rather than in an object of its own, which would cost every
	 * connection another 24 bytes.
	 */
	private static AtomicLongFieldUpdater<ConnectionState> counter(String field) {
		return AtomicLongFieldUpdater.newUpdater(ConnectionState.class, field);
	}

}
