package io.echogateway.drain;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.echogateway.drain.limits.Durations;
import io.echogateway.drain.tracking.ConnectionRegistry;
import io.echogateway.drain.tracking.TrackedServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Drains every tracked TCP server on request, tells where the drain stands, and undoes a finished drain.
 */
public final class Drain implements DisposableBean {

	private static final Log logger = LogFactory.getLog(Drain.class);

	private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * What a drain may take beyond its grace period and timeout: the wait for a closed listener to release its port,
	 * and the wait for forced closes to finish.
	 */
	public static final Duration OVERHEAD = TrackedServer.LISTENER_RELEASE_TIMEOUT.plus(DrainRun.FORCED_CLOSE_WAIT);

	private final ConnectionRegistry registry;

	private final ApplicationEventPublisher publisher;

	private final DrainSettings settings;

	private final Duration timeoutLimit;

	private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
			new LinkedBlockingQueue<>(), Thread.ofPlatform().name("tcp-drain").daemon().factory());

	private final AtomicReference<@Nullable CompletableFuture<DrainReport>> current = new AtomicReference<>();

	private volatile @Nullable DrainReport lastReport;

	/**
	 * Create a drain of the registry's servers.
	 * @param registry the servers to drain
	 * @param publisher publishes readiness changes and each report
	 * @param settings how a drain runs
	 * @param timeoutLimit the timeout every drain must stay under, so that a shutdown that comes during a drain
	 * still waits for it
	 */
	public Drain(ConnectionRegistry registry, ApplicationEventPublisher publisher, DrainSettings settings,
			Duration timeoutLimit) {
		this.registry = registry;
		this.publisher = publisher;
		this.settings = settings;
		this.timeoutLimit = timeoutLimit;
	}

	/**
	 * Start the drain's thread before it is needed, so that a drain that starts under memory pressure still runs;
	 * an application without TCP servers never starts it.
	 */
	public void prepare() {
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
	 * Return the configured timeout, which a drain uses unless it is given another.
	 * @return how long busy connections may take after the listeners closed
	 */
	public Duration timeout() {
		return this.settings.timeout();
	}

	/**
	 * Start draining with the configured timeout, or return the drain already started.
	 * @return the report, when the drain has finished
	 */
	public CompletableFuture<DrainReport> start() {
		CompletableFuture<DrainReport> started = current();
		if (started instanceof Reopening reopening) {
			return reopening.thenCompose((reopened) -> start());
		}
		return (started != null) ? started : startIfAccepting(this.settings.timeout()).orElseGet(this::start);
	}

	/**
	 * Start draining unless a drain has already started and not been undone.
	 * @param timeout how long busy connections may take after the listeners closed
	 * @return the report when the drain has finished, or empty if one had already started
	 */
	public Optional<CompletableFuture<DrainReport>> startIfAccepting(Duration timeout) {
		CompletableFuture<DrainReport> drain = new CompletableFuture<>();
		if (!this.current.compareAndSet(null, drain)) {
			return Optional.empty();
		}
		this.worker.execute(() -> {
			try {
				drain.complete(drain(timeout));
			}
			catch (RuntimeException | Error ex) {
				drain.completeExceptionally(ex);
			}
		});
		return Optional.of(drain);
	}

	/**
	 * Undo a finished drain: the listeners open again on the same ports and readiness accepts traffic.
	 * @throws IllegalStateException if a drain is still running or being undone
	 */
	public void resume() {
		CompletableFuture<DrainReport> drain = current();
		if (drain == null) {
			return;
		}
		if (drain instanceof Reopening) {
			throw new IllegalStateException("The drain is already being undone");
		}
		if (!drain.isDone()) {
			throw new IllegalStateException("A drain is still running; undo it after it has finished");
		}
		Reopening reopening = new Reopening();
		if (!this.current.compareAndSet(drain, reopening)) {
			throw new IllegalStateException("The drain is already being undone");
		}
		try {
			this.registry.servers().forEach((server) -> server.reopenListener(LISTEN_TIMEOUT));
			this.current.set(null);
		}
		catch (RuntimeException ex) {
			this.current.set(drain);
			throw ex;
		}
		finally {
			reopening.complete(null);
		}
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
		logger.info("Drain undone: accepting TCP connections again.");
	}

	/**
	 * Return where the drain stands.
	 * @return the state
	 */
	public DrainState state() {
		CompletableFuture<DrainReport> drain = current();
		if (drain == null) {
			return DrainState.ACCEPTING;
		}
		return (drain.isDone() || drain instanceof Reopening) ? DrainState.DRAINED : DrainState.DRAINING;
	}

	/**
	 * Return the report of the last finished drain.
	 * @return the report, or {@code null} if no drain has finished
	 */
	public @Nullable DrainReport lastReport() {
		return this.lastReport;
	}

	private @Nullable CompletableFuture<DrainReport> current() {
		return this.current.get();
	}

	private DrainReport drain(Duration timeout) {
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		logger.info("Draining TCP servers: refusing traffic, closing the listeners after "
				+ Durations.readable(this.settings.gracePeriod())
				+ ", then waiting up to " + Durations.readable(timeout) + " for busy connections.");
		DrainReport report = new DrainRun(this.registry.servers(), this.settings, timeout).run();
		this.lastReport = report;
		if (report.lostAnything()) {
			logger.warn(report.sentence());
		}
		else {
			logger.info(report.sentence());
		}
		this.publisher.publishEvent(report);
		return report;
	}

	@Override
	public void destroy() {
		this.worker.shutdownNow();
	}

	/**
	 * Stands for a finished drain while its listeners open again: a drain asked for meanwhile starts once they have,
	 * so that it closes them and drains the connections they accepted.
	 */
	private static final class Reopening extends CompletableFuture<DrainReport> {

	}

}
