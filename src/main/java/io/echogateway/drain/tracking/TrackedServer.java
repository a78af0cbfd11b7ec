package io.echogateway.drain.tracking;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.echogateway.drain.connection.CloseReason;
import io.echogateway.drain.connection.ConnectionNotices;
import io.echogateway.drain.connection.RejectReason;
import io.echogateway.drain.integration.IntegrationInternals;
import io.echogateway.drain.limits.ClientWarnings;
import io.echogateway.drain.limits.ServerLimits;
import io.echogateway.drain.state.ConnectionState;
import io.echogateway.drain.state.ServerTraffic;
import io.echogateway.drain.state.UnansweredClose;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.messaging.MessageChannel;

/**
 * One Spring Integration TCP server: its open connections, who it admits, and what happened to its connections.
 */
public final class TrackedServer {

	/** How long closing a listener waits for Spring Integration to release its port. */
	public static final Duration LISTENER_RELEASE_TIMEOUT = ServerListener.RELEASE_TIMEOUT;

	private final ServerListener listener;

	private final AbstractServerConnectionFactory factory;

	private final IntegrationInternals parts;

	private final ServerLimits limits;

	private final ConnectionNotices notices;

	private final boolean buffersInput;

	private final Map<String, TrackingInterceptor> connections = new ConcurrentHashMap<>();

	private final LongAdder accepted = new LongAdder();

	private final Map<RejectReason, LongAdder> rejected = counters(RejectReason.class);

	private final Map<CloseReason, LongAdder> closed = counters(CloseReason.class);

	private final ServerTraffic traffic = new ServerTraffic();

	private final ClientWarnings warnings;

	private final Object emptyMonitor = new Object();

	private volatile boolean refusing;

	private volatile Answering answering = Answering.BEFORE_RETURN;

	private final Queue<UnansweredClose> losses = new ConcurrentLinkedQueue<>();

	private volatile boolean recordingLosses;

	private volatile @Nullable MessageChannel laterFailures;

	private List<ScheduledFuture<?>> chores = List.of();

	TrackedServer(AbstractServerConnectionFactory factory, ServerLimits limits, ConnectionNotices notices) {
		this.factory = factory;
		this.listener = new ServerListener(factory);
		this.parts = new IntegrationInternals(factory);
		this.limits = limits;
		this.notices = notices;
		this.buffersInput = factory instanceof TcpNetServerConnectionFactory;
		this.warnings = new ClientWarnings(factory.getComponentName());
	}

	public String name() {
		return this.listener.name();
	}

	/**
	 * Return the port the server listens on, or was last listening on.
	 * @return the port
	 */
	public int port() {
		return this.listener.port();
	}

	public boolean isListening() {
		return this.listener.isListening();
	}

	public ServerLimits limits() {
		return this.limits;
	}

	public Collection<ConnectionState> connections() {
		return this.connections.values().stream().map(TrackingInterceptor::state).toList();
	}

	public int openConnections() {
		return this.connections.size();
	}

	/**
	 * Return how many requests have been read and not yet answered, over all open connections.
	 * @return the count
	 */
	public int requestsInFlight() {
		return this.connections.values().stream().mapToInt((connection) -> connection.state().inFlight()).sum();
	}

	public long accepted() {
		return this.accepted.sum();
	}

	public long rejected(RejectReason reason) {
		return this.rejected.get(reason).sum();
	}

	public long closed(CloseReason reason) {
		return this.closed.get(reason).sum();
	}

	/**
	 * Return the open connections and the closes counted so far, in one step under the monitor that a close counts
	 * under, so that each connection is in it either as open or as closed.
	 * @return the census
	 */
	public Census census() {
		synchronized (this.emptyMonitor) {
			Map<CloseReason, Long> counted = new EnumMap<>(CloseReason.class);
			this.closed.forEach((reason, count) -> counted.put(reason, count.sum()));
			return new Census(connections(), counted);
		}
	}

	public ServerTraffic traffic() {
		return this.traffic;
	}

	/**
	 * Start or stop recording the connections that close with requests unanswered, as a drain does while it runs.
	 * @param record whether to record them; starting drops what an earlier drain left
	 */
	public void recordLosses(boolean record) {
		if (record) {
			this.losses.clear();
		}
		this.recordingLosses = record;
	}

	/**
	 * Return the connections recorded as closed with requests unanswered.
	 * @return them, oldest first
	 */
	public List<UnansweredClose> losses() {
		return List.copyOf(this.losses);
	}

	/**
	 * Say how this server answers its requests, completing "TCP server 'name' ".
	 * @return the sentence
	 */
	public String answeringSentence() {
		return this.answering.sentence();
	}

	/**
	 * Tell whether every request this server reads should get a reply.
	 * @return whether it expects replies
	 */
	public boolean expectsReplies() {
		return this.answering != Answering.NOT_EXPECTED;
	}

	/**
	 * Find an open connection.
	 * @param id the connection id
	 * @return its state, if it is open
	 */
	public Optional<ConnectionState> connection(String id) {
		return Optional.ofNullable(this.connections.get(id)).map(TrackingInterceptor::state);
	}

	/**
	 * Close a connection now if it is idle, after the goodbye, or else right after its replies in flight.
	 * @param id the connection id
	 * @param reason the reason to record
	 * @param goodbye whether to send the application's goodbye last
	 * @return whether the connection was idle and is now closed
	 */
	public boolean closeGracefully(String id, CloseReason reason, boolean goodbye) {
		TrackingInterceptor connection = this.connections.get(id);
		return connection != null && connection.closeGracefully(reason, goodbye ? goodbye() : null);
	}

	/**
	 * Tell a connection goodbye and keep serving it until its client closes it.
	 * @param id the connection id
	 */
	public void awaitClient(String id) {
		TrackingInterceptor connection = this.connections.get(id);
		if (connection != null) {
			connection.awaitClient(goodbye());
		}
	}

	/**
	 * Return what the application's notices send last to a connection the drain closes.
	 * @return the payload, or {@code null} for none
	 */
	public @Nullable Object goodbye() {
		return this.notices.goodbye(name());
	}

	/**
	 * Close a connection now, whatever it has in flight.
	 * @param id the connection id
	 * @param reason the reason to record
	 * @return whether this call decided the close, which a close under way or done already did not
	 */
	public boolean closeNow(String id, CloseReason reason) {
		TrackingInterceptor connection = this.connections.get(id);
		return connection != null && connection.closeNow(reason);
	}

	/**
	 * Log what a client did as a WARN line without a stack trace, summarized with the server's other lines of the
	 * same kind once there are many.
	 * @param kind what happened to the connections, as the end of "N more connections ..."
	 * @param sentence the line to log
	 */
	public void warnClient(String kind, String sentence) {
		this.warnings.warn(kind, sentence);
	}

	/**
	 * Turn away connections accepted from now on, which only happens in a race with closing the listener.
	 * @param refuse whether to turn them away
	 */
	public void refuseNewConnections(boolean refuse) {
		this.refusing = refuse;
	}

	/**
	 * Fail if another socket holds the server's port; do nothing for port 0 or a server that already started.
	 * @throws TcpServerListenException if the port is taken
	 */
	public void requireFreePort() {
		this.listener.requireFreePort();
	}

	/**
	 * Wait until the listener is bound, and fail with the cause when it could not be.
	 * @param timeout how long to wait
	 * @return the port it listens on
	 * @throws TcpServerListenException if it could not listen
	 */
	public int awaitListening(Duration timeout) {
		return this.listener.awaitListening(timeout);
	}

	/**
	 * Close the listening socket for real, so a new connect is refused and the port is free.
	 */
	public void closeListener() {
		this.listener.close();
	}

	/**
	 * Listen again on the same port and admit connections; only call when no connection is open.
	 * @param timeout how long to wait for the listener
	 */
	public void reopenListener(Duration timeout) {
		this.listener.reopen(timeout);
		this.refusing = false;
	}

	/**
	 * Wait until no connection is open or the deadline passes.
	 * @param deadlineNanos the deadline on the {@link System#nanoTime()} clock
	 * @return whether no connection is open
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitNoConnections(long deadlineNanos) throws InterruptedException {
		synchronized (this.emptyMonitor) {
			long left = deadlineNanos - System.nanoTime();
			while (!this.connections.isEmpty() && left > 0) {
				TimeUnit.NANOSECONDS.timedWait(this.emptyMonitor, left);
				left = deadlineNanos - System.nanoTime();
			}
			return this.connections.isEmpty();
		}
	}

	Answering answering() {
		return this.answering;
	}

	/**
	 * Decide how this server's requests are answered, now that it listens and its endpoints are set.
	 */
	void resolveAnswering() {
		this.answering = Answering.of(this.factory, this.limits.replies());
	}

	ServerListener listener() {
		return this.listener;
	}

	IntegrationInternals parts() {
		return this.parts;
	}

	ClientWarnings warnings() {
		return this.warnings;
	}

	boolean buffersInput() {
		return this.buffersInput;
	}

	@Nullable TrackingInterceptor trackedConnection(@Nullable String id) {
		return (id != null) ? this.connections.get(id) : null;
	}

	/**
	 * Send the errors of flows that fail after handing a request on to the application's error channel, counting
	 * the requests they leave unanswered.
	 * @param applicationErrors the application's error channel
	 */
	void sendLaterFailuresTo(Supplier<MessageChannel> applicationErrors) {
		this.laterFailures = new LaterFailures(this, applicationErrors);
	}

	@Nullable MessageChannel laterFailures() {
		return this.laterFailures;
	}

	Collection<TrackingInterceptor> trackedConnections() {
		return this.connections.values();
	}

	void chores(List<ScheduledFuture<?>> scheduled) {
		this.chores = scheduled;
	}

	void stopChores() {
		this.chores.forEach((chore) -> chore.cancel(false));
	}

	void admit(TrackingInterceptor connection) {
		RejectReason reason = this.refusing ? RejectReason.DRAINING
				: (this.connections.size() >= this.limits.maxConnections()) ? RejectReason.LIMIT : null;
		if (reason == null) {
			this.connections.put(connection.getConnectionId(), connection);
			this.accepted.increment();
			return;
		}
		this.rejected.get(reason).increment();
		this.warnings.warn("were turned away because " + reason.sentence(),
				"Rejected connection " + connection.describe() + ": " + reason.sentence() + ".");
		connection.state().decision().reject();
		connection.refuseOnceSetUp(this.notices.rejection(name(), reason));
	}

	/**
	 * Count a connection's close and forget it, in one step under the monitor that {@link #awaitNoConnections} waits
	 * on, so that whoever sees no connection open also sees every close counted.
	 */
	void closed(TrackingInterceptor connection, CloseReason reason, int unanswered) {
		synchronized (this.emptyMonitor) {
			if (this.connections.remove(connection.getConnectionId()) == null) {
				return;
			}
			this.closed.get(reason).increment();
			this.traffic.requestsUnansweredAtClose(unanswered);
			if (unanswered > 0 && reason != CloseReason.FORCED && this.recordingLosses) {
				this.losses.add(new UnansweredClose(connection.getConnectionId(), connection.state().remoteAddress(),
						reason.tag(), unanswered));
			}
			this.emptyMonitor.notifyAll();
		}
	}

	/**
	 * A server's open connections and the closes it has counted, taken together.
	 * @param open the states of the open connections
	 * @param closed the closes counted, by reason
	 */
	public record Census(Collection<ConnectionState> open, Map<CloseReason, Long> closed) {
	}

	private static <E extends Enum<E>> Map<E, LongAdder> counters(Class<E> type) {
		Map<E, LongAdder> counters = new EnumMap<>(type);
		for (E constant : type.getEnumConstants()) {
			counters.put(constant, new LongAdder());
		}
		return counters;
	}

}
