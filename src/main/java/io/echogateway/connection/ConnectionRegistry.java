package io.echogateway.connection;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;

/**
 * Every Spring Integration TCP server in the context and its open connections; the drain, the endpoints and the
 * metrics all read it.
 */
public final class ConnectionRegistry implements DisposableBean {

	private static final Log logger = LogFactory.getLog(ConnectionRegistry.class);

	private final Map<AbstractServerConnectionFactory, TrackedServer> servers = new ConcurrentHashMap<>();

	private final ApplicationEventPublisher publisher;

	private final int maxConnections;

	private final Duration idleTimeout;

	private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
			Thread.ofPlatform().name("tcp-housekeeping").daemon().factory());

	/**
	 * Create a registry whose servers share one connection limit and idle timeout each.
	 * @param publisher publishes the connection events of Spring Integration
	 * @param maxConnections the most connections one server holds at once
	 * @param idleTimeout how long a connection may be idle before it is closed
	 */
	public ConnectionRegistry(ApplicationEventPublisher publisher, int maxConnections, Duration idleTimeout) {
		this.publisher = publisher;
		this.maxConnections = maxConnections;
		this.idleTimeout = idleTimeout;
		long sweepMillis = Math.clamp(idleTimeout.toMillis() / 10, 10, 1000);
		this.housekeeping.scheduleWithFixedDelay(this::closeIdleConnections, sweepMillis, sweepMillis,
				TimeUnit.MILLISECONDS);
	}

	public Collection<TrackedServer> servers() {
		return List.copyOf(this.servers.values());
	}

	TrackedServer track(AbstractServerConnectionFactory factory) {
		return this.servers.computeIfAbsent(factory,
				(key) -> new TrackedServer(key, this.maxConnections, this.housekeeping));
	}

	TrackedConnection newConnection(TrackedServer server) {
		return new TrackedConnection(server, this.publisher);
	}

	@EventListener
	void onListening(TcpConnectionServerListeningEvent event) {
		server(event.getSource()).ifPresent((server) -> server.listening(event.getPort()));
	}

	@EventListener
	void onServerException(TcpConnectionServerExceptionEvent event) {
		server(event.getSource()).ifPresent((server) -> {
			logger.error("TCP server '" + server.name() + "' failed: " + event.getCause().getMessage());
			server.failedToListen(event.getCause());
		});
	}

	private Optional<TrackedServer> server(Object source) {
		return Optional.ofNullable(this.servers.get(source));
	}

	private void closeIdleConnections() {
		try {
			closeConnectionsIdleFor(this.idleTimeout);
		}
		catch (RuntimeException ex) {
			logger.error("Could not close idle connections", ex);
		}
	}

	private void closeConnectionsIdleFor(Duration idleTimeout) {
		for (TrackedServer server : this.servers.values()) {
			for (TrackedConnection connection : server.trackedConnections()) {
				ConnectionState state = connection.state();
				if (state.awaitsNoReply() && state.idleFor().compareTo(idleTimeout) > 0) {
					logger.warn("Closing connection " + connection.describe() + ": idle for longer than "
							+ idleTimeout + ".");
					connection.closeNow(CloseReason.IDLE_TIMEOUT);
				}
			}
		}
	}

	@Override
	public void destroy() {
		this.housekeeping.shutdownNow();
	}

}
