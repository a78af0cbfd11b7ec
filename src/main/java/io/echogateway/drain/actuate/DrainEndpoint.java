package io.echogateway.drain.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.echogateway.drain.Drain;
import io.echogateway.drain.DrainReport;
import io.echogateway.drain.DrainResult;
import io.echogateway.drain.DrainState;
import io.echogateway.drain.limits.Durations;
import io.echogateway.drain.state.UnansweredClose;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.convert.DurationStyle;

/**
 * Shows the drain and its last report, starts a drain without exiting, and undoes it; like Boot's {@code shutdown}
 * endpoint, it only starts or undoes a drain where the application allows it
 * ({@code management.endpoint.drain.access=unrestricted}).
 */
@WebEndpoint(id = "drain", defaultAccess = Access.READ_ONLY)
public class DrainEndpoint {

	private static final int STATUS_ACCEPTED = 202;

	private static final int STATUS_CONFLICT = 409;

	private static final Pattern BARE_NUMBER = Pattern.compile("[+-]?\\d+");

	private static final int EXCERPT_CODE_POINTS = 40;

	private final Drain drain;

	public DrainEndpoint(Drain drain) {
		this.drain = drain;
	}

	@ReadOperation
	public DrainDescriptor drain() {
		return DrainDescriptor.of(this.drain);
	}

	/**
	 * Start a drain that leaves the process running, with the configured timeout: a {@code POST} without a body.
	 * @return 202 and the state, or 409 if a drain already started
	 */
	@WriteOperation
	public WebEndpointResponse<Object> start() {
		return startDrain(this.drain.timeout());
	}

	/**
	 * Start a drain that leaves the process running: a {@code POST} with a JSON body.
	 * @param timeout how long busy connections may take after the listeners closed, with a unit, such as {@code 10s}
	 * or {@code PT10S}; the configured timeout if absent or {@code null}
	 * @return 202 and the state, 400 for a timeout that is not a positive duration with a unit shorter than the
	 * drain's limit, 409 if a drain already started
	 */
	@WriteOperation
	public WebEndpointResponse<Object> start(@Nullable String timeout) {
		if (timeout == null) {
			return start();
		}
		if (BARE_NUMBER.matcher(timeout).matches()) {
			return badRequest("The timeout must have a unit, such as 10s or PT10S, but was '" + excerpt(timeout)
					+ "'.");
		}
		Optional<Duration> parsed = positiveDuration(timeout);
		if (parsed.isEmpty()) {
			return badRequest("The timeout must be a positive duration such as 10s or PT10S, but was '"
					+ excerpt(timeout) + "'.");
		}
		if (parsed.get().compareTo(this.drain.timeoutLimit()) >= 0) {
			return badRequest("The timeout must be shorter than " + Durations.readable(this.drain.timeoutLimit())
					+ " (spring.lifecycle.timeout-per-shutdown-phase less tcp-drain.grace-period and the "
					+ Durations.readable(Drain.OVERHEAD) + " a drain needs to release the port and finish forced "
					+ "closes), so that a shutdown during the drain still waits for it, but was "
					+ Durations.readable(parsed.get()) + ".");
		}
		return startDrain(parsed.get());
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

	private WebEndpointResponse<Object> startDrain(Duration timeout) {
		if (this.drain.startIfAccepting(timeout).isEmpty()) {
			return new WebEndpointResponse<>(new ProblemDescriptor("A drain has already started; DELETE "
					+ "/actuator/drain undoes it once it has finished."), STATUS_CONFLICT);
		}
		return new WebEndpointResponse<>(DrainDescriptor.of(this.drain), STATUS_ACCEPTED);
	}

	private static WebEndpointResponse<Object> badRequest(String sentence) {
		return new WebEndpointResponse<>(new ProblemDescriptor(sentence), WebEndpointResponse.STATUS_BAD_REQUEST);
	}

	private static String excerpt(String value) {
		if (value.codePointCount(0, value.length()) <= EXCERPT_CODE_POINTS) {
			return value;
		}
		return value.substring(0, value.offsetByCodePoints(0, EXCERPT_CODE_POINTS)) + "...";
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
	 * @param closedAfterReply of those, closed by the drain right after their last reply
	 * @param closedByClient of those, closed by their client after the goodbye (await-client mode)
	 * @param closedOtherwise closed during the drain for another reason, by the reason's tag
	 * @param forced of those, force-closed at the deadline
	 * @param failedRequests requests that failed during the drain and got no reply
	 * @param unanswered connections closed before the deadline with requests unanswered
	 */
	public record ReportDescriptor(DrainResult result, Instant startedAt, long durationMillis, int connections,
			int closedIdle, int closedAfterReply, int closedByClient, Map<String, Integer> closedOtherwise,
			List<ForcedDescriptor> forced, int failedRequests, List<UnansweredClose> unanswered) {

		static ReportDescriptor of(DrainReport report) {
			return new ReportDescriptor(report.result(), report.startedAt(), report.duration().toMillis(),
					report.connections(), report.closedIdle(), report.closedAfterReply(), report.closedByClient(),
					report.closedOtherwise(), report.forced().stream().map(ForcedDescriptor::of).toList(),
					report.failedRequests(), report.unanswered());
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
