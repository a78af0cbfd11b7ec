package io.echogateway.drain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one drain did.
 *
 * @param result the outcome
 * @param startedAt when the drain started
 * @param duration how long it took, grace period included
 * @param connections how many connections were open when the listener closed
 * @param closedIdle how many of them were idle and closed at once
 * @param closedAfterReply how many were busy and closed after their last reply, or closed otherwise before the deadline
 * @param closedByClient how many were closed by their client after the goodbye, in the await-client mode
 * @param forced the connections that were still busy at the deadline and force-closed
 */
public record DrainReport(DrainResult result, Instant startedAt, Duration duration, int connections, int closedIdle,
		int closedAfterReply, int closedByClient, List<ForcedConnection> forced) {

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
	 * Describe this report in one sentence for the log.
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
		this.forced.forEach((connection) -> sentence.append("; forced ")
			.append(connection.id())
			.append(" from ")
			.append(connection.remoteAddress())
			.append(" with a request ")
			.append(connection.requestAge().toMillis())
			.append(" ms old"));
		return sentence.append('.').toString();
	}

}
