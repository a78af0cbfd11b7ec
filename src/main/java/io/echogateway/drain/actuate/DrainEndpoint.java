package io.echogateway.drain.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.echogateway.drain.Drain;
import io.echogateway.drain.DrainReport;
import io.echogateway.drain.DrainResult;
import io.echogateway.drain.DrainState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.convert.DurationStyle;

/**
 * Shows the drain and its last report, starts a drain without exiting, and undoes it.
 */
@WebEndpoint(id = "drain")
public class DrainEndpoint {

	private static final int STATUS_ACCEPTED = 202;

	private static final int STATUS_CONFLICT = 409;

	private final Drain drain;

	public DrainEndpoint(Drain drain) {
		this.drain = drain;
	}

	@ReadOperation
	public DrainDescriptor drain() {
		return DrainDescriptor.of(this.drain);
	}

	/**
	 * Start a drain that leaves the process running.
	 * @param timeout how long busy connections may take after the listeners closed, such as {@code 10s} or
	 * {@code PT10S}; the configured timeout if absent
	 * @return 202 and the state, 400 for a timeout that is not a positive duration shorter than the drain's limit,
	 * 409 if a drain already started
	 */
	@WriteOperation
	public WebEndpointResponse<Object> start(@Nullable String timeout) {
		Duration chosen = this.drain.timeout();
		if (timeout != null) {
			Optional<Duration> parsed = positiveDuration(timeout);
			if (parsed.isEmpty()) {
				return badRequest("The timeout must be a positive duration such as 10s or PT10S, but was '" + timeout
						+ "'.");
			}
			chosen = parsed.get();
			if (chosen.compareTo(this.drain.timeoutLimit()) >= 0) {
				return badRequest("The timeout must be shorter than " + this.drain.timeoutLimit()
						+ " (spring.lifecycle.timeout-per-shutdown-phase less echo-gateway.drain.grace-period), so "
						+ "that a shutdown during the drain still waits for it, but was " + chosen + ".");
			}
		}
		if (this.drain.startIfAccepting(chosen).isEmpty()) {
			return new WebEndpointResponse<>(new ProblemDescriptor("A drain has already started; DELETE "
					+ "/actuator/drain undoes it once it has finished."), STATUS_CONFLICT);
		}
		return new WebEndpointResponse<>(DrainDescriptor.of(this.drain), STATUS_ACCEPTED);
	}

	/**
	 * Undo a finished drain: the listeners open again on the same ports.
	 * @return the state, or 409 while the drain is still running
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> undo() {
		try {
			this.drain.resume();
		}
		catch (IllegalStateException ex) {
			return new WebEndpointResponse<>(new ProblemDescriptor(ex.getMessage() + "."), STATUS_CONFLICT);
		}
		return new WebEndpointResponse<>(DrainDescriptor.of(this.drain));
	}

	private static WebEndpointResponse<Object> badRequest(String sentence) {
		return new WebEndpointResponse<>(new ProblemDescriptor(sentence), WebEndpointResponse.STATUS_BAD_REQUEST);
	}

	private static Optional<Duration> positiveDuration(String text) {
		try {
			return Optional.of(DurationStyle.detectAndParse(text))
				.filter((duration) -> !duration.isNegative() && !duration.isZero());
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Where the drain stands.
	 *
	 * @param state {@code ACCEPTING}, {@code DRAINING} or {@code DRAINED}
	 * @param lastReport what the last finished drain did, or {@code null} if none has finished
	 */
	public record DrainDescriptor(DrainState state, @Nullable ReportDescriptor lastReport) {

		static DrainDescriptor of(Drain drain) {
			DrainReport report = drain.lastReport();
			return new DrainDescriptor(drain.state(), (report != null) ? ReportDescriptor.of(report) : null);
		}

	}

	/**
	 * What one drain did.
	 *
	 * @param result {@code IDLE}, {@code DRAINED} or {@code FORCED}
	 * @param startedAt when it started
	 * @param durationMillis how long it took, grace period included, in milliseconds
	 * @param connections connections open when the listeners closed
	 * @param closedIdle of those, closed at once because they were idle
	 * @param closedAfterReply of those, closed after their last reply or by their client
	 * @param forced of those, force-closed at the deadline
	 */
	public record ReportDescriptor(DrainResult result, Instant startedAt, long durationMillis, int connections,
			int closedIdle, int closedAfterReply, List<ForcedDescriptor> forced) {

		static ReportDescriptor of(DrainReport report) {
			return new ReportDescriptor(report.result(), report.startedAt(), report.duration().toMillis(),
					report.connections(), report.closedIdle(), report.closedAfterReply(),
					report.forced().stream().map(ForcedDescriptor::of).toList());
		}

	}

	/**
	 * A connection force-closed at the deadline.
	 *
	 * @param id the connection id
	 * @param remoteAddress the client's address and port
	 * @param requestAgeMillis how long its oldest request had waited, in milliseconds
	 */
	public record ForcedDescriptor(String id, String remoteAddress, long requestAgeMillis) {

		static ForcedDescriptor of(DrainReport.ForcedConnection connection) {
			return new ForcedDescriptor(connection.id(), connection.remoteAddress(),
					connection.requestAge().toMillis());
		}

	}

}
