package io.echogateway.drain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.echogateway.drain.state.UnansweredClose;

/**
 * What one drain did, every count counted as it happened.
 *
 * @param result the outcome
 * @param startedAt when the drain started
 * @param duration how long it took, grace period included
 * @param connections how many connections were open when the listener closed
 * @param closedIdle how many of them were idle and closed by the drain at once
 * @param closedAfterReply how many were busy and closed by the drain right after their last reply
 * @param closedByClient how many were closed by their client after the goodbye, in the await-client mode
 * @param closedOtherwise how many closed during the drain for another reason, by the reason's tag (such as
 * {@code client}, {@code send-timeout}, {@code admin} or {@code error})
 * @param forced the connections that were still busy at the deadline and force-closed
 * @param failedRequests how many requests failed during the drain: their flow threw or returned no reply
 * @param unanswered the connections that closed before the deadline with requests read and not answered
 */
public record DrainReport(DrainResult result, Instant startedAt, Duration duration, int connections, int closedIdle,
		int closedAfterReply, int closedByClient, Map<String, Integer> closedOtherwise, List<ForcedConnection> forced,
		int failedRequests, List<UnansweredClose> unanswered) {

	/** How many connections a log line names; the rest are counted, and the drain endpoint lists them all. */
	static final int NAMED_IN_LOG = 5;

	public DrainReport {
		closedOtherwise = Map.copyOf(closedOtherwise);
		forced = List.copyOf(forced);
		unanswered = List.copyOf(unanswered);
	}

	/**
	 * A connection closed at the deadline.
	 *
	 * @param id the connection id
	 * @param remoteAddress the client's address and port
	 * @param requestAge how long its oldest request in flight had been waiting
	 */
	public record ForcedConnection(String id, String remoteAddress, Duration requestAge) {

	}

	/**
	 * Tell whether the drain lost or forced anything, which the log says at WARN level.
	 * @return whether the result is neither idle nor drained
	 */
	boolean lostAnything() {
		return this.result == DrainResult.FORCED || this.result == DrainResult.INCOMPLETE;
	}

	/**
	 * Describe this report in one sentence for the log, naming a few connections and counting the rest.
	 * @return the sentence
	 */
	String sentence() {
		StringBuilder sentence = new StringBuilder("Drain finished ").append(this.result)
			.append(" in ")
			.append(this.duration.toMillis())
			.append(" ms: ")
			.append(this.connections)
			.append(" connections were open, ")
			.append(this.closedIdle)
			.append(" closed idle, ")
			.append(this.closedAfterReply)
			.append(" closed after their reply, ")
			.append(this.closedByClient)
			.append(" closed by their client after the goodbye, ")
			.append(this.forced.size())
			.append(" forced");
		if (!this.closedOtherwise.isEmpty()) {
			sentence.append("; closed otherwise: ")
				.append(this.closedOtherwise.entrySet()
					.stream()
					.sorted(Map.Entry.comparingByKey())
					.map((entry) -> entry.getValue() + " " + entry.getKey())
					.collect(Collectors.joining(", ")));
		}
		if (this.failedRequests > 0) {
			sentence.append("; ").append(this.failedRequests).append(" requests failed and got no reply");
		}
		name(sentence, "unanswered", this.unanswered, (connection) -> connection.id() + " from "
				+ connection.remoteAddress() + " closed (" + connection.reason() + ") with " + connection.requests()
				+ " requests unanswered");
		name(sentence, "forced", this.forced, (connection) -> connection.id() + " from " + connection.remoteAddress()
				+ " with a request " + connection.requestAge().toMillis() + " ms old");
		return sentence.append('.').toString();
	}

	private static <T> void name(StringBuilder sentence, String what, List<T> connections,
			Function<T, String> describe) {
		if (connections.isEmpty()) {
			return;
		}
		sentence.append("; ").append(what).append(": ");
		sentence.append(connections.stream().limit(NAMED_IN_LOG).map(describe).collect(Collectors.joining(", ")));
		if (connections.size() > NAMED_IN_LOG) {
			sentence.append(" and ")
				.append(connections.size() - NAMED_IN_LOG)
				.append(" more (GET /actuator/drain lists them all)");
		}
	}

}
