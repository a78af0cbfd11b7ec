package io.echogateway.drain.connection;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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

	private final Function<String, ServerLimits> limits;

	private final ConnectionNotices notices;

	private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
			Thread.ofPlatform().name("tcp-housekeeping").daemon().factory());

	/**
	 * Create a registry whose servers get their limits by name and write the given notices.
	 * @param publisher publishes the connection events of Spring Integration
	 * @param limits the limits of the server with the given bean name
	 * @param notices what the servers write on their own
	 */
	public ConnectionRegistry(ApplicationEventPublisher publisher, Function<String, ServerLimits> limits,
			ConnectionNotices notices) {
		this.publisher = publisher;
		this.limits = limits;
		this.notices = notices;
	}

	public Collection<TrackedServer> servers() {
		return List.copyOf(this.servers.values());
	}

	TrackedServer track(AbstractServerConnectionFactory factory) {
		return this.servers.computeIfAbsent(factory, this::newServer);
	}

	TrackingInterceptor newConnection(TrackedServer server) {
		return new TrackingInterceptor(server, this.publisher);
	}

	private TrackedServer newServer(AbstractServerConnectionFactory factory) {
		ServerLimits serverLimits = this.limits.apply(factory.getComponentName());
		TrackedServer server = new TrackedServer(factory, serverLimits, this.notices, this.housekeeping);
		ConnectionSweep sweep = new ConnectionSweep(server);
		long sweepMillis = sweep.interval().toMillis();
		this.housekeeping.scheduleWithFixedDelay(sweep::run, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
		long summaryMillis = ClientWarnings.INTERVAL.toMillis();
		this.housekeeping.scheduleAtFixedRate(server.warnings()::summarize, summaryMillis, summaryMillis,
				TimeUnit.MILLISECONDS);
		return server;
	}

	@EventListener
	void onListening(TcpConnectionServerListeningEvent event) {
		server(event.getSource()).ifPresent((server) -> server.listener().listening(event.getPort()));
	}

	@EventListener
	void onServerException(TcpConnectionServerExceptionEvent event) {
		server(event.getSource()).ifPresent((server) -> {
			logger.error("TCP server '" + server.name() + "' failed: " + event.getCause().getMessage());
			server.listener().failed(event.getCause());
		});
	}

	private Optional<TrackedServer> server(Object source) {
		return Optional.ofNullable(this.servers.get(source));
	}

	@Override
	public void destroy() {
		this.housekeeping.shutdownNow();
	}

}
