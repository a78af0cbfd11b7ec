package io.echogateway.connection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * One Spring Integration TCP server: its listening socket, its open connections and what happened to them.
 */
public final class TrackedServer {

	private static final Log logger = LogFactory.getLog(TrackedServer.class);

	private static final Duration REJECTED_CLOSE_DELAY = Duration.ofMillis(100);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(1);

	private static final Duration LISTENER_RELEASE_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration SELECTOR_WAKE_INTERVAL = Duration.ofMillis(100);

	private final AbstractServerConnectionFactory factory;

	private final int maxConnections;

	private final Map<String, TrackedConnection> connections = new ConcurrentHashMap<>();

	private final LongAdder accepted = new LongAdder();

	private final Map<RejectReason, LongAdder> rejected = counters(RejectReason.class);

	private final Map<CloseReason, LongAdder> closed = counters(CloseReason.class);

	private final ServerTraffic traffic = new ServerTraffic();

	private final Object emptyMonitor = new Object();

	private volatile @Nullable ServerSocket listener;

	private volatile CompletableFuture<Integer> listening = new CompletableFuture<>();

	private volatile boolean refusing;

	private volatile int port;

	private final ScheduledExecutorService housekeeping;

	TrackedServer(AbstractServerConnectionFactory factory, int maxConnections, ScheduledExecutorService housekeeping) {
		this.factory = factory;
		this.maxConnections = maxConnections;
		this.housekeeping = housekeeping;
	}

	public String name() {
		return this.factory.getComponentName();
	}

	/**
	 * Return the port the server listens on, or was last listening on.
	 * @return the port
	 */
	public int port() {
		return (this.port != 0) ? this.port : this.factory.getPort();
	}

	public boolean isListening() {
		return this.factory.isListening() && this.listener != null && !this.listener.isClosed();
	}

	public Collection<ConnectionState> connections() {
		return this.connections.values().stream().map(TrackedConnection::state).toList();
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

	public ServerTraffic traffic() {
		return this.traffic;
	}

	/**
	 * Close a connection now if it is idle, after the optional goodbye line, or else right after its replies in flight.
	 * @param id the connection id
	 * @param reason the reason to record
	 * @param goodbye the line to send before closing an idle connection, or {@code null}
	 * @return whether the connection was idle and is now closed
	 */
	public boolean closeGracefully(String id, CloseReason reason, @Nullable String goodbye) {
		TrackedConnection connection = this.connections.get(id);
		return connection != null && connection.closeGracefully(reason, goodbye);
	}

	/**
	 * Close a connection now, whatever it has in flight.
	 * @param id the connection id
	 * @param reason the reason to record
	 */
	public void closeNow(String id, CloseReason reason) {
		TrackedConnection connection = this.connections.get(id);
		if (connection != null) {
			connection.closeNow(reason);
		}
	}

	/**
	 * Find an open connection.
	 * @param id the connection id
	 * @return its state, if it is open
	 */
	public Optional<ConnectionState> connection(String id) {
		return Optional.ofNullable(this.connections.get(id)).map(TrackedConnection::state);
	}

	Collection<TrackedConnection> trackedConnections() {
		return this.connections.values();
	}

	void listenerCreated(ServerSocket socket) {
		this.listener = socket;
	}

	void listening(int port) {
		this.port = port;
		this.listening.complete(port);
	}

	void failedToListen(Throwable cause) {
		this.listening.completeExceptionally(cause);
	}

	/**
	 * Wait until the listener is bound, and fail with the cause when it could not be.
	 * @param timeout how long to wait
	 * @return the port it listens on
	 */
	public int awaitListening(Duration timeout) {
		try {
			return this.listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("TCP server '" + name() + "' could not listen on port "
					+ this.factory.getPort() + ": " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("TCP server '" + name() + "' was not listening after " + timeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for TCP server '" + name() + "'", ex);
		}
	}

	/**
	 * Refuse connections accepted from now on, which only happens in a race with closing the listener.
	 * @param refuse whether to refuse them
	 */
	public void refuseNewConnections(boolean refuse) {
		this.refusing = refuse;
	}

	/**
	 * Close the listening socket for real, so a new connect is refused and the port is free.
	 */
	public void closeListener() {
		ServerSocket socket = this.listener;
		if (socket == null) {
			return;
		}
		try {
			socket.close();
		}
		catch (IOException ex) {
			logger.warn("Could not close the listening socket of TCP server '" + name() + "': " + ex.getMessage());
		}
		boolean released = (socket.getChannel() instanceof ServerSocketChannel channel)
				? awaitDeregistered(channel, socket.getInetAddress()) : awaitAcceptLoopEnded(LISTENER_RELEASE_TIMEOUT);
		if (!released) {
			logger.warn("TCP server '" + name() + "' has not released its closed listening socket within "
					+ LISTENER_RELEASE_TIMEOUT.toMillis() + " ms; the port may still accept connects.");
		}
	}

	/**
	 * Wait until the selector has let go of the closed channel, which is when the port is really closed: a channel
	 * registered with a selector is only released when the selector wakes, and Spring Integration's selector may
	 * wait for an event for ever, so wake it with a connect.
	 */
	private boolean awaitDeregistered(ServerSocketChannel channel, InetAddress boundAddress) {
		InetAddress address = boundAddress.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : boundAddress;
		long wakes = LISTENER_RELEASE_TIMEOUT.dividedBy(SELECTOR_WAKE_INTERVAL);
		for (long wake = 0; wake < wakes && channel.isRegistered(); wake++) {
			wakeSelector(address);
			pollUntil(() -> !channel.isRegistered(), SELECTOR_WAKE_INTERVAL);
		}
		return !channel.isRegistered();
	}

	private void wakeSelector(InetAddress address) {
		try (SocketChannel poke = SocketChannel.open()) {
			poke.connect(new InetSocketAddress(address, port()));
		}
		catch (IOException ex) {
			// Refused: the selector has already released the listening socket.
		}
	}

	/**
	 * Wait until the factory's accept loop has ended. A closed socket that a virtual thread is accepting on stays
	 * open until that thread wakes, and a loop that ends after a restart would publish its closed socket or
	 * selector as a failure of the new listener.
	 */
	private boolean awaitAcceptLoopEnded(Duration timeout) {
		return pollUntil(() -> !this.factory.isListening(), timeout);
	}

	private static boolean pollUntil(BooleanSupplier done, Duration timeout) {
		long start = System.nanoTime();
		while (!done.getAsBoolean()) {
			if (System.nanoTime() - start > timeout.toNanos()) {
				return false;
			}
			LockSupport.parkNanos(POLL_INTERVAL.toNanos());
		}
		return true;
	}

	/**
	 * Listen again on the same port; only call when no connection is open.
	 * @param timeout how long to wait for the listener
	 */
	public void reopenListener(Duration timeout) {
		int port = port();
		this.factory.stop();
		if (!awaitAcceptLoopEnded(timeout)) {
			throw new IllegalStateException("The accept loop of TCP server '" + name() + "' did not end within "
					+ timeout);
		}
		this.factory.setPort(port);
		this.listening = new CompletableFuture<>();
		this.refusing = false;
		this.factory.start();
		awaitListening(timeout);
	}

	boolean admit(TrackedConnection connection) {
		RejectReason reason = this.refusing ? RejectReason.DRAINING
				: (this.connections.size() >= this.maxConnections) ? RejectReason.LIMIT : null;
		if (reason != null) {
			this.rejected.get(reason).increment();
			logger.warn("Rejected connection " + connection.describe() + ": " + reason.sentence() + ".");
			connection.sendLine(reason.reply());
			if (connection.state().closeNow(CloseReason.ERROR)) {
				// The NIO factory registers the channel with its selector after this event: close it after that.
				this.housekeeping.schedule(connection::close, REJECTED_CLOSE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
			}
			return false;
		}
		this.connections.put(connection.getConnectionId(), connection);
		this.accepted.increment();
		return true;
	}

	void closed(TrackedConnection connection, CloseReason reason) {
		if (this.connections.remove(connection.getConnectionId()) != null) {
			this.closed.get(reason).increment();
			synchronized (this.emptyMonitor) {
				this.emptyMonitor.notifyAll();
			}
		}
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

	private static <E extends Enum<E>> Map<E, LongAdder> counters(Class<E> type) {
		Map<E, LongAdder> counters = new EnumMap<>(type);
		for (E constant : type.getEnumConstants()) {
			counters.put(constant, new LongAdder());
		}
		return counters;
	}

}
