package io.echogateway.drain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.echogateway.drain.DrainReport.ForcedConnection;
import io.echogateway.drain.state.UnansweredClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's sentence, without a drain.
 */
class DrainReportTests {

	@Test
	void aCleanDrainSaysOnlyItsCounts() {
		DrainReport report = new DrainReport(DrainResult.DRAINED, Instant.now(), Duration.ofMillis(12), 3, 2, 1, 0,
				Map.of(), List.of(), 0, List.of());
		assertThat(report.sentence()).isEqualTo("Drain finished DRAINED in 12 ms: 3 connections were open, 2 closed "
				+ "idle, 1 closed after their reply, 0 closed by their client after the goodbye, 0 forced.");
		assertThat(report.lostAnything()).isFalse();
	}

	@Test
	void anIncompleteDrainNamesWhatWasLostAndCountsTheOtherCloses() {
		DrainReport report = new DrainReport(DrainResult.INCOMPLETE, Instant.now(), Duration.ofMillis(40), 4, 1, 1, 0,
				Map.of("client", 1, "error", 1), List.of(), 1,
				List.of(new UnansweredClose("c1", "127.0.0.1:4000", "client", 2)));
		assertThat(report.sentence()).isEqualTo("Drain finished INCOMPLETE in 40 ms: 4 connections were open, 1 "
				+ "closed idle, 1 closed after their reply, 0 closed by their client after the goodbye, 0 forced; "
				+ "closed otherwise: 1 client, 1 error; 1 requests failed and got no reply; unanswered: c1 from "
				+ "127.0.0.1:4000 closed (client) with 2 requests unanswered.");
		assertThat(report.lostAnything()).isTrue();
	}

	@Test
	void manyForcedConnectionsAreNamedFiveAtATimeAndCounted() {
		List<ForcedConnection> forced = IntStream.range(0, 200)
			.mapToObj((i) -> new ForcedConnection("c" + i, "127.0.0.1:" + (5000 + i), Duration.ofMillis(900)))
			.toList();
		DrainReport report = new DrainReport(DrainResult.FORCED, Instant.now(), Duration.ofMillis(1000), 200, 0, 0, 0,
				Map.of(), forced, 0, List.of());
		assertThat(report.sentence()).endsWith("200 forced; forced: c0 from 127.0.0.1:5000 "
				+ "with a request 900 ms old, c1 from 127.0.0.1:5001 with a request 900 ms old, c2 from "
				+ "127.0.0.1:5002 with a request 900 ms old, c3 from 127.0.0.1:5003 with a request 900 ms old, c4 "
				+ "from 127.0.0.1:5004 with a request 900 ms old and 195 more (GET /actuator/drain lists them all).");
		assertThat(report.sentence().length()).isLessThan(600);
	}

}
