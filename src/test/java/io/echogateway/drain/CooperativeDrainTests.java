package io.echogateway.drain;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.echogateway.drain.connection.CloseReason;
import io.echogateway.support.HeldRequests;
import io.echogateway.support.RunningGateway;
import io.echogateway.support.TestClient;
import io.echogateway.tcp.ServerIo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The await-client drain against real sockets, on both server implementations: the goodbye comes at once, the
 * connection is still served, and the client closes it; run on the line service ({@code com.example.lines}).
 */
class CooperativeDrainTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aToldClientIsStillServedAndItsHalfCloseAfterTheLastReplyEndsTheConnection(ServerIo io) throws Exception {
		try (RunningGateway gateway = start(io)) {
			TestClient client = gateway.connect();
			assertThat(client.send("before\n").readLineText()).isEqualTo("before\n");
			CompletableFuture<DrainReport> drain = gateway.drain().start();
			assertThat(client.readLineText()).isEqualTo("GOODBYE\n");
			assertThat(client.send("after the goodbye\n").readLineText()).isEqualTo("after the goodbye\n");
			assertThat(gateway.refusesConnections()).isTrue();
			assertThat(drain).isNotDone();
			client.shutdownOutput();
			assertThat(client.isClosedByServer()).isTrue();
			DrainReport report = drain.get(10, TimeUnit.SECONDS);
			assertThat(report.result()).isEqualTo(DrainResult.DRAINED);
			assertThat(report.closedByClient()).isEqualTo(1);
			assertThat(report.closedIdle()).isZero();
			assertThat(gateway.server().closed(CloseReason.CLIENT_AFTER_GOODBYE)).isEqualTo(1);
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aBusyClientIsToldGoodbyeAtOnceAndGetsItsReplyBeforeItCloses(ServerIo io) throws Exception {
		try (RunningGateway gateway = start(io)) {
			HeldRequests held = gateway.context().getBean(HeldRequests.class);
			TestClient busy = gateway.connect().send("hold\n");
			held.awaitArrival();
			CompletableFuture<DrainReport> drain = gateway.drain().start();
			assertThat(busy.readLineText()).isEqualTo("GOODBYE\n");
			held.release();
			assertThat(busy.readLineText()).isEqualTo("hold\n");
			busy.close();
			DrainReport report = drain.get(10, TimeUnit.SECONDS);
			assertThat(report.result()).isEqualTo(DrainResult.DRAINED);
			assertThat(report.closedByClient()).isEqualTo(1);
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aClientThatIgnoresTheGoodbyeIsServedUntilTheDeadlineThenForcedAndNamed(ServerIo io) throws Exception {
		try (RunningGateway gateway = start(io, "tcp-drain.timeout=1s")) {
			TestClient stubborn = gateway.connect();
			assertThat(stubborn.send("hi\n").readLineText()).isEqualTo("hi\n");
			String id = gateway.server().connections().iterator().next().id();
			CompletableFuture<DrainReport> drain = gateway.drain().start();
			assertThat(stubborn.readLineText()).isEqualTo("GOODBYE\n");
			assertThat(stubborn.send("still here\n").readLineText()).isEqualTo("still here\n");
			DrainReport report = drain.get(10, TimeUnit.SECONDS);
			assertThat(stubborn.isClosedByServer()).isTrue();
			assertThat(report.result()).isEqualTo(DrainResult.FORCED);
			assertThat(report.forced()).singleElement().satisfies((forced) -> assertThat(forced.id()).isEqualTo(id));
			await().atMost(WAIT).until(() -> gateway.server().closed(CloseReason.FORCED) == 1);
		}
	}

	private static RunningGateway start(ServerIo io, String... settings) {
		String[] all = new String[settings.length + 2];
		all[0] = "tcp-drain.mode=await-client";
		all[1] = "lines.goodbye=GOODBYE";
		System.arraycopy(settings, 0, all, 2, settings.length);
		return RunningGateway.linesWithWeb(io, all, HeldRequests.class);
	}

}
