package io.echogateway.drain.tracking;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The listening socket of one server: knows when it listens, closes it for real, and opens it again on the same port.
 */
final class ServerListener {

	private static final Log logger = LogFactory.getLog(ServerListener.class);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(1);

	static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration SELECTOR_WAKE_INTERVAL = Duration.ofMillis(100);

	private final AbstractServerConnectionFactory factory;

	private volatile @Nullable ServerSocket socket;

	private volatile CompletableFuture<Integer> listening = new CompletableFuture<>();

	private volatile int port;

	private volatile boolean closedOnPurpose;

	ServerListener(AbstractServerConnectionFactory factory) {
		this.factory = factory;
	}

	String name() {
		return this.factory.getComponentName();
	}

	int port() {
		return (this.port != 0) ? this.port : this.factory.getPort();
	}

	boolean isListening() {
		ServerSocket current = this.socket;
		return this.factory.isListening() && current != null && !current.isClosed();
	}

	void created(ServerSocket serverSocket) {
		this.socket = serverSocket;
	}

	void listening(int boundPort) {
		this.port = boundPort;
		this.listening.complete(boundPort);
	}

	void failed(Throwable cause) {
		this.listening.completeExceptionally(cause);
	}

	/**
	 * Tell whether the listener was closed by a drain, after which Spring Integration 7.0 reports its closed selector
	 * as a failure of the server.
	 */
	boolean closedOnPurpose() {
		return this.closedOnPurpose;
	}

	/**
	 * Wait until the listener is bound, and fail with the cause when it could not be.
	 */
	int awaitListening(Duration timeout) {
		try {
			return this.listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new TcpServerListenException(name(), this.factory.getPort(), ex.getCause());
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
	 * Before the factory binds its port, fail if another socket holds it: Spring Integration would log its own bind
	 * failure with a stack trace. A port taken between this check and the bind still fails {@link #awaitListening}.
	 */
	void requireFreePort() {
		int fixedPort = this.factory.getPort();
		if (fixedPort == 0 || this.factory.isRunning()) {
			return;
		}
		try (ServerSocket probe = new ServerSocket()) {
			probe.bind(new InetSocketAddress(localAddress(), fixedPort));
		}
		catch (IOException ex) {
			throw new TcpServerListenException(name(), fixedPort, ex);
		}
	}

	/**
	 * Close the listening socket for real, so a new connect is refused and the port is free.
	 */
	void close() {
		ServerSocket current = this.socket;
		if (current == null) {
			return;
		}
		this.closedOnPurpose = true;
		try {
			current.close();
		}
		catch (IOException ex) {
			logger.warn("Could not close the listening socket of TCP server '" + name() + "': " + ex.getMessage());
		}
		boolean released = (current.getChannel() instanceof ServerSocketChannel channel)
				? awaitDeregistered(channel, current.getInetAddress()) : awaitAcceptLoopEnded(RELEASE_TIMEOUT);
		if (!released) {
			logger.warn("TCP server '" + name() + "' has not released its closed listening socket within "
					+ RELEASE_TIMEOUT.toMillis() + " ms; the port may still accept connects.");
		}
	}

	/**
	 * Listen again on the same port; only call when no connection is open.
	 */
	void reopen(Duration timeout) {
		int samePort = port();
		this.factory.stop();
		if (!awaitAcceptLoopEnded(timeout)) {
			throw new IllegalStateException("The accept loop of TCP server '" + name() + "' did not end within "
					+ timeout);
		}
		this.factory.setPort(samePort);
		this.listening = new CompletableFuture<>();
		this.closedOnPurpose = false;
		this.factory.start();
		awaitListening(timeout);
	}

	/**
	 * Wait until the selector has let go of the closed channel, which is when the port is really closed: a channel
	 * registered with a selector is only released when the selector wakes, and Spring Integration's selector may
	 * wait for an event for ever, so wake it with a connect.
	 */
	private boolean awaitDeregistered(ServerSocketChannel channel, InetAddress boundAddress) {
		InetAddress address = boundAddress.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : boundAddress;
		long wakes = RELEASE_TIMEOUT.dividedBy(SELECTOR_WAKE_INTERVAL);
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

	private @Nullable InetAddress localAddress() throws UnknownHostException {
		String configured = this.factory.getLocalAddress();
		return (configured != null) ? InetAddress.getByName(configured) : null;
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

}
