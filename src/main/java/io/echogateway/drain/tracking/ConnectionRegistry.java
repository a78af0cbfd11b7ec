package io.echogateway.drain.tracking;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.echogateway.drain.connection.ConnectionNotices;
import io.echogateway.drain.limits.ClientWarnings;
import io.echogateway.drain.limits.ConnectionSweep;
import io.echogateway.drain.limits.ServerLimits;
import io.echogateway.drain.limits.ServerSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
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

	private final ServerSettings settings;

	private final ConnectionNotices notices;

	private final TlsInstaller tls;

	/** The thread that sweeps connections and summarizes warnings, started with the first server. */
	private @Nullable ScheduledExecutorService housekeeping;

	/**
	 * Create a registry whose servers get their limits by name and write the given notices.
	 * @param publisher publishes the connection events of Spring Integration
	 * @param settings the settings of each server, by its bean name
	 * @param notices what the servers write on their own
	 */
	public ConnectionRegistry(ApplicationEventPublisher publisher, ServerSettings settings,
			ConnectionNotices notices) {
		this(publisher, settings, notices, TlsInstaller.NONE);
	}

	/**
	 * Create a registry whose servers get their limits by name, write the given notices, and serve the TLS their
	 * settings give them.
	 * @param publisher publishes the connection events of Spring Integration
	 * @param settings the settings of each server, by its bean name
	 * @param notices what the servers write on their own
	 * @param tls serves TLS on the servers whose settings ask for it
	 */
	public ConnectionRegistry(ApplicationEventPublisher publisher, ServerSettings settings, ConnectionNotices notices,
			TlsInstaller tls) {
		this.publisher = publisher;
		this.settings = settings;
		this.notices = notices;
		this.tls = tls;
	}

	TlsInstaller tls() {
		return this.tls;
	}

	public Collection<TrackedServer> servers() {
		return List.copyOf(this.servers.values());
	}

	boolean tracks(AbstractServerConnectionFactory factory) {
		return this.servers.containsKey(factory);
	}

	TrackedServer track(AbstractServerConnectionFactory factory) {
		return this.servers.computeIfAbsent(factory, this::newServer);
	}

	/**
	 * Fail if a setting names a server that is not tracked, once the application is ready, so that the servers of
	 * flows its runners register count.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void requireSettingsOnlyForTrackedServers() {
		this.settings.requireOnly(this.servers.values().stream().map(TrackedServer::name).toList());
	}

	/**
	 * Forget a server whose factory is destroyed, such as one of a flow removed at run time.
	 */
	void untrack(AbstractServerConnectionFactory factory) {
		TrackedServer server = this.servers.remove(factory);
		if (server != null) {
			server.stopChores();
		}
	}

	TrackingInterceptor newConnection(TrackedServer server) {
		return new TrackingInterceptor(server, this.publisher);
	}

	private TrackedServer newServer(AbstractServerConnectionFactory factory) {
		ServerLimits serverLimits = this.settings.limitsOf(factory.getComponentName());
		ScheduledExecutorService chores = housekeeping();
		TrackedServer server = new TrackedServer(factory, serverLimits, this.notices);
		ConnectionSweep sweep = new ConnectionSweep(server.name(), serverLimits, server.warnings(),
				server::trackedConnections, server.parts()::harvestClosedConnections);
		long sweepMillis = sweep.interval().toMillis();
		long summaryMillis = ClientWarnings.INTERVAL.toMillis();
		server.chores(List.of(
				chores.scheduleWithFixedDelay(sweep::run, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS),
				chores.scheduleAtFixedRate(server.warnings()::summarize, summaryMillis, summaryMillis,
						TimeUnit.MILLISECONDS)));
		return server;
	}

	@EventListener
	void onListening(TcpConnectionServerListeningEvent event) {
		server(event.getSource()).ifPresent((server) -> {
			server.resolveAnswering();
			server.listener().listening(event.getPort());
			logger.info("TCP server '" + server.name() + "' is listening on port " + event.getPort() + " and "
					+ server.answeringSentence() + ".");
		});
	}

	@EventListener
	void onServerException(TcpConnectionServerExceptionEvent event) {
		server(event.getSource()).filter((server) -> !server.listener().closedOnPurpose()).ifPresent((server) -> {
			logger.error("TCP server '" + server.name() + "' failed: " + event.getCause().getMessage());
			server.listener().failed(event.getCause());
		});
	}

	private Optional<TrackedServer> server(Object source) {
		return Optional.ofNullable(this.servers.get(source));
	}

	private synchronized ScheduledExecutorService housekeeping() {
		if (this.housekeeping == null) {
			this.housekeeping = Executors.newSingleThreadScheduledExecutor(
					Thread.ofPlatform().name("tcp-housekeeping").daemon().factory());
		}
		return this.housekeeping;
	}

	@Override
	public synchronized void destroy() {
		if (this.housekeeping != null) {
			this.housekeeping.shutdownNow();
		}
	}

}
