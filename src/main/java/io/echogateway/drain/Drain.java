package io.echogateway.drain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import io.echogateway.EchoGatewayProperties;
import io.echogateway.connection.CloseReason;
import io.echogateway.connection.ConnectionRegistry;
import io.echogateway.connection.ConnectionState;
import io.echogateway.connection.TrackedServer;
import io.echogateway.drain.DrainReport.ForcedConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Drains every TCP server: refuses traffic, closes the listeners, closes connections gracefully, forces the rest at
 * the deadline and reports; it can also be undone.
 */
public final class Drain implements DisposableBean {

	private static final Log logger = LogFactory.getLog(Drain.class);

	private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(10);

	private final ConnectionRegistry registry;

	private final ApplicationEventPublisher publisher;

	private final EchoGatewayProperties.Drain settings;

	private final Duration timeoutLimit;

	private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
			new LinkedBlockingQueue<>(), Thread.ofPlatform().name("tcp-drain").daemon().factory());

	private @Nullable CompletableFuture<DrainReport> current;

	private volatile @Nullable DrainReport lastReport;

	/**
	 * Create a drain of the registry's servers.
	 * @param registry the servers to drain
	 * @param publisher publishes readiness changes
	 * @param settings the drain settings
	 * @param timeoutLimit the timeout every drain must stay under, so that a shutdown that comes during a drain
	 * still waits for it
	 */
	public Drain(ConnectionRegistry registry, ApplicationEventPublisher publisher, EchoGatewayProperties.Drain settings,
			Duration timeoutLimit) {
		this.registry = registry;
		this.publisher = publisher;
		this.settings = settings;
		this.timeoutLimit = timeoutLimit;
		// The drain thread exists before it is needed, so a drain that starts under memory pressure still runs.
		this.worker.prestartCoreThread();
	}

	/**
	 * Return the timeout every drain must stay under: the shutdown phase timeout less the grace period.
	 * @return the limit, exclusive
	 */
	public Duration timeoutLimit() {
		return this.timeoutLimit;
	}

	/**
	 * Start draining with the configured timeout, or return the drain already started.
	 * @return the report, when the drain has finished
	 */
	public CompletableFuture<DrainReport> start() {
		return start(this.settings.timeout());
	}

	/**
	 * Start draining, or return the drain already started.
	 * @param timeout how long busy connections may take after the listeners closed
	 * @return the report, when the drain has finished
	 */
	public synchronized CompletableFuture<DrainReport> start(Duration timeout) {
		if (this.current == null) {
			this.current = CompletableFuture.supplyAsync(() -> drain(timeout), this.worker);
		}
		return this.current;
	}

	/**
	 * Return the configured timeout, which a drain uses unless it is given another.
	 * @return how long busy connections may take after the listeners closed
	 */
	public Duration timeout() {
		return this.settings.timeout();
	}

	/**
	 * Start draining unless a drain has already started and not been undone.
	 * @param timeout how long busy connections may take after the listeners closed
	 * @return the report when the drain has finished, or empty if one had already started
	 */
	public synchronized Optional<CompletableFuture<DrainReport>> startIfAccepting(Duration timeout) {
		return (this.current != null) ? Optional.empty() : Optional.of(start(timeout));
	}

	/**
	 * Undo a finished drain: the listeners open again on the same ports and readiness accepts traffic.
	 * @throws IllegalStateException if a drain is still running
	 */
	public synchronized void resume() {
		CompletableFuture<DrainReport> drain = this.current;
		if (drain == null) {
			return;
		}
		if (!drain.isDone()) {
			throw new IllegalStateException("A drain is still running; undo it after it has finished");
		}
		this.registry.servers().forEach((server) -> server.reopenListener(LISTEN_TIMEOUT));
		this.current = null;
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
		logger.info("Drain undone: accepting TCP connections again.");
	}

	/**
	 * Return where the drain stands.
	 * @return the state
	 */
	public synchronized DrainState state() {
		if (this.current == null) {
			return DrainState.ACCEPTING;
		}
		return this.current.isDone() ? DrainState.DRAINED : DrainState.DRAINING;
	}

	/**
	 * Return the report of the last finished drain.
	 * @return the report, or {@code null} if no drain has finished
	 */
	public @Nullable DrainReport lastReport() {
		return this.lastReport;
	}

	private DrainReport drain(Duration timeout) {
		Instant startedAt = Instant.now();
		long start = System.nanoTime();
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		logger.info("Draining TCP servers: refusing traffic, closing the listeners after " + this.settings.gracePeriod()
				+ ", then waiting up to " + timeout + " for busy connections.");
		pauseUntil(start + this.settings.gracePeriod().toNanos());
		List<OpenConnection> open = closeListeners();
		long deadline = System.nanoTime() + timeout.toNanos();
		int closedIdle = closeGracefully(open);
		List<ForcedConnection> forced = awaitClosedOrForce(deadline);
		DrainResult result = open.isEmpty() ? DrainResult.IDLE
				: forced.isEmpty() ? DrainResult.DRAINED : DrainResult.FORCED;
		DrainReport report = new DrainReport(result, startedAt, Duration.ofNanos(System.nanoTime() - start),
				open.size(), closedIdle, open.size() - closedIdle - forced.size(), forced);
		this.lastReport = report;
		logger.info(report.sentence());
		this.publisher.publishEvent(report);
		return report;
	}

	private List<OpenConnection> closeListeners() {
		List<OpenConnection> open = new ArrayList<>();
		for (TrackedServer server : this.registry.servers()) {
			server.refuseNewConnections(true);
			server.closeListener();
			server.connections().forEach((state) -> open.add(new OpenConnection(server, state)));
		}
		return open;
	}

	/**
	 * Mark busy connections to close after their reply, then close idle ones, spread over the close spread.
	 */
	private int closeGracefully(List<OpenConnection> open) {
		Map<Boolean, List<OpenConnection>> byIdle = open.stream()
			.collect(Collectors.partitioningBy((connection) -> connection.state().isIdle()));
		String goodbye = this.settings.goodbye().isEmpty() ? null : this.settings.goodbye();
		int closedIdle = 0;
		for (OpenConnection busy : byIdle.get(false)) {
			if (busy.close(goodbye)) {
				closedIdle++;
			}
		}
		List<OpenConnection> idle = byIdle.get(true)
			.stream()
			.sorted(Comparator.comparing(OpenConnection::lastActivity))
			.toList();
		long spreadStart = System.nanoTime();
		for (int i = 0; i < idle.size(); i++) {
			pauseUntil(spreadStart + this.settings.closeSpread().toNanos() * i / idle.size());
			if (idle.get(i).close(goodbye)) {
				closedIdle++;
			}
		}
		return closedIdle;
	}

	private List<ForcedConnection> awaitClosedOrForce(long deadline) {
		List<ForcedConnection> forced = new ArrayList<>();
		for (TrackedServer server : this.registry.servers()) {
			if (!awaitNoConnections(server, deadline)) {
				for (ConnectionState state : server.connections()) {
					forced.add(new ForcedConnection(state.id(), state.remoteAddress(), state.requestAge()));
					server.closeNow(state.id(), CloseReason.FORCED);
				}
			}
		}
		return forced;
	}

	private static boolean awaitNoConnections(TrackedServer server, long deadline) {
		try {
			return server.awaitNoConnections(deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void pauseUntil(long nanoTime) {
		long left = nanoTime - System.nanoTime();
		while (left > 0 && !Thread.currentThread().isInterrupted()) {
			LockSupport.parkNanos(left);
			left = nanoTime - System.nanoTime();
		}
	}

	@Override
	public void destroy() {
		this.worker.shutdownNow();
	}

	/**
	 * A connection open when the listeners closed, with its last activity captured then, since sorting by a value that
	 * changes during the sort breaks the sort.
	 */
	private record OpenConnection(TrackedServer server, ConnectionState state, Instant lastActivity) {

		OpenConnection(TrackedServer server, ConnectionState state) {
			this(server, state, state.lastActivity());
		}

		boolean close(@Nullable String goodbye) {
			return this.server.closeGracefully(this.state.id(), CloseReason.DRAIN, goodbye);
		}

	}

}
