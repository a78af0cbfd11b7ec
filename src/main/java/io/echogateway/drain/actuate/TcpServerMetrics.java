package io.echogateway.drain.actuate;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.echogateway.drain.Drain;
import io.echogateway.drain.DrainReport;
import io.echogateway.drain.DrainState;
import io.echogateway.drain.connection.CloseReason;
import io.echogateway.drain.connection.RejectReason;
import io.echogateway.drain.state.ServerTraffic;
import io.echogateway.drain.tls.HandshakeFailure;
import io.echogateway.drain.tls.ServerTls;
import io.echogateway.drain.tracking.ConnectionRegistry;
import io.echogateway.drain.tracking.TrackedServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;

/**
 * Publishes the connection registry and the drain as the {@code tcp.server.*} meters, tagged with each server's port.
 */
public class TcpServerMetrics {

	private final ConnectionRegistry registry;

	private final Drain drain;

	private final MeterRegistry meters;

	private final ServerTls tls;

	/**
	 * Create the meters of every tracked server.
	 * @param registry the tracked servers
	 * @param drain the drain
	 * @param meters where the meters go
	 * @param tls the TLS the component serves, whose failed handshakes are counted
	 */
	public TcpServerMetrics(ConnectionRegistry registry, Drain drain, MeterRegistry meters, ServerTls tls) {
		this.registry = registry;
		this.drain = drain;
		this.meters = meters;
		this.tls = tls;
	}

	/**
	 * Register the meters of every server once the servers listen, so that each is tagged with its real port.
	 */
	@EventListener(ApplicationStartedEvent.class)
	void bindServers() {
		this.registry.servers().forEach(this::bind);
	}

	private void bind(TrackedServer server) {
		MeterRegistry meters = this.meters;
		Tags port = port(server);
		gauge(meters, "tcp.server.connections.open", "Connections open now.", port, server,
				TrackedServer::openConnections);
		gauge(meters, "tcp.server.requests.inflight", "Requests read and not yet answered.", port, server,
				TrackedServer::requestsInFlight);
		Gauge.builder("tcp.server.draining", this.drain, (drain) -> (drain.state() != DrainState.ACCEPTING) ? 1 : 0)
			.description("Whether the server is draining or drained: 1, or accepting connections: 0.")
			.tags(port)
			.register(meters);
		counter(meters, "tcp.server.connections.accepted", "Connections accepted.", null, port, server,
				TrackedServer::accepted);
		for (RejectReason reason : RejectReason.values()) {
			counter(meters, "tcp.server.connections.rejected", "Connections turned away.", null,
					port.and("reason", reason.tag()), server, (tracked) -> tracked.rejected(reason));
		}
		for (CloseReason reason : CloseReason.values()) {
			counter(meters, "tcp.server.connections.closed", "Connections closed.", null,
					port.and("reason", reason.tag()), server, (tracked) -> tracked.closed(reason));
		}
		if (this.tls.describe(server.name()).isPresent()) {
			for (HandshakeFailure reason : HandshakeFailure.values()) {
				FunctionCounter.builder("tcp.server.tls.handshake.failures", this.tls,
						(tls) -> tls.handshakeFailures(server.name(), reason).orElse(0L))
					.description("TLS handshakes that failed.")
					.tags(port.and("reason", reason.tag()))
					.register(meters);
			}
		}
		ServerTraffic traffic = server.traffic();
		counter(meters, "tcp.server.bytes", "Payload bytes read and written.", BaseUnits.BYTES,
				port.and("direction", "in"), traffic, ServerTraffic::bytesIn);
		counter(meters, "tcp.server.bytes", "Payload bytes read and written.", BaseUnits.BYTES,
				port.and("direction", "out"), traffic, ServerTraffic::bytesOut);
		Timer answered = requestTimer(meters, port, "answered");
		Timer failed = requestTimer(meters, port, "failed");
		traffic.observeLatency((nanos) -> answered.record(nanos, TimeUnit.NANOSECONDS));
		traffic.observeFailures((nanos) -> failed.record(nanos, TimeUnit.NANOSECONDS));
	}

	private static Timer requestTimer(MeterRegistry meters, Tags port, String outcome) {
		return Timer.builder("tcp.server.requests")
			.description("Time from reading a request to writing its reply, or to its failure.")
			.tags(port.and("outcome", outcome))
			.register(meters);
	}

	/**
	 * Record one sample of the drain timer per server when a drain finishes.
	 * @param report what the drain did
	 */
	@EventListener
	void drainFinished(DrainReport report) {
		for (TrackedServer server : this.registry.servers()) {
			drainTimer(this.meters, server, report).record(report.duration());
		}
	}

	private static Timer drainTimer(MeterRegistry meters, TrackedServer server, DrainReport report) {
		return Timer.builder("tcp.server.drain")
			.description("Time from the start of a drain, grace period included, to its report.")
			.tags(port(server).and("result", report.result().name().toLowerCase(Locale.ROOT)))
			.register(meters);
	}

	private static Tags port(TrackedServer server) {
		return Tags.of("port", Integer.toString(server.port()));
	}

	private static <T> void gauge(MeterRegistry meters, String name, String description, Tags tags, T source,
			ToDoubleFunction<T> value) {
		Gauge.builder(name, source, value).description(description).tags(tags).register(meters);
	}

	// Counts of connections have no unit, so that Prometheus does not repeat it in the name.
	private static <T> void counter(MeterRegistry meters, String name, String description, @Nullable String unit,
			Tags tags,
			T source, ToDoubleFunction<T> value) {
		FunctionCounter.builder(name, source, value).description(description).baseUnit(unit).tags(tags).register(meters);
	}

}
