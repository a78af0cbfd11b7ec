package io.echogateway.drain;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.echogateway.drain.connection.CloseReason;
import io.echogateway.support.HeldRequests;
import io.echogateway.support.RunningGateway;
import io.echogateway.support.TestClient;
import io.echogateway.tcp.ServerIo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The drain against real sockets, on both server implementations of the line service ({@code com.example.lines}).
 */
@ExtendWith(OutputCaptureExtension.class)
class DrainTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newHttpClient();

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aRequestInFlightIsAnsweredAfterTheDrainStartedThenItsConnectionIsClosed(ServerIo io) throws Exception {
		try (RunningGateway gateway = startHolding(io)) {
			HeldRequests held = gateway.context().getBean(HeldRequests.class);
			TestClient busy = gateway.connect().send("hold\n");
			TestClient idle = gateway.connect();
			assertThat(idle.send("idle\n").readLineText()).isEqualTo("idle\n");
			held.awaitArrival();
			await().atMost(WAIT).until(() -> gateway.server().connections().stream().filter((c) -> c.isIdle()).count() == 1);
			CompletableFuture<DrainReport> drain = gateway.drain().start();
			assertThat(idle.isClosedByServer()).isTrue();
			await().atMost(WAIT).until(gateway::refusesConnections);
			assertThat(drain).isNotDone();
			held.release();
			assertThat(busy.readLineText()).isEqualTo("hold\n");
			assertThat(busy.isClosedByServer()).isTrue();
			DrainReport report = drain.get(10, TimeUnit.SECONDS);
			assertThat(report.result()).isEqualTo(DrainResult.DRAINED);
			assertThat(report.connections()).isEqualTo(2);
			assertThat(report.closedIdle()).isEqualTo(1);
			assertThat(report.closedAfterReply()).isEqualTo(1);
			assertThat(report.forced()).isEmpty();
			assertThat(gateway.server().closed(CloseReason.DRAIN)).isEqualTo(2);
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void readinessRefusesTrafficWhileTheGracePeriodStillAcceptsAndServesNewConnections(ServerIo io)
			throws Exception {
		try (RunningGateway gateway = RunningGateway.linesWithWeb(io,
				new String[] { "tcp-drain.grace-period=3s" })) {
			assertThat(readiness(gateway)).isEqualTo(200);
			CompletableFuture<DrainReport> drain = gateway.drain().start();
			await().atMost(WAIT).until(() -> readiness(gateway) == 503);
			TestClient late = gateway.connect();
			assertThat(late.send("during grace\n").readLineText()).isEqualTo("during grace\n");
			assertThat(late.isClosedByServer()).isTrue();
			assertThat(gateway.refusesConnections()).isTrue();
			DrainReport report = drain.get(10, TimeUnit.SECONDS);
			assertThat(report.duration()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
			assertThat(report.connections()).isEqualTo(1);
			assertThat(report.closedIdle()).isEqualTo(1);
			assertThat(readiness(gateway)).isEqualTo(503);
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aRequestHeldPastTheTimeoutIsForceClosedCountedAndNamed(ServerIo io, CapturedOutput output) throws Exception {
		try (RunningGateway gateway = startHolding(io, "tcp-drain.timeout=1s")) {
			HeldRequests held = gateway.context().getBean(HeldRequests.class);
			TestClient busy = gateway.connect().send("hold\n");
			held.awaitArrival();
			String id = gateway.server().connections().iterator().next().id();
			DrainReport report = gateway.drain().start().get(10, TimeUnit.SECONDS);
			held.release();
			assertThat(busy.isClosedByServer()).isTrue();
			assertThat(report.result()).isEqualTo(DrainResult.FORCED);
			assertThat(report.duration()).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1500));
			assertThat(report.forced()).singleElement().satisfies((forced) -> {
				assertThat(forced.id()).isEqualTo(id);
				assertThat(forced.remoteAddress()).isEqualTo("127.0.0.1:" + busy.localPort());
				assertThat(forced.requestAge()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
			});
			assertThat(gateway.server().closed(CloseReason.FORCED)).isEqualTo(1);
			held.awaitHoldersLeftTheGateway();
			assertThat(output.getAll()).doesNotContain("Connection not found", "got no reply to a request");
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void closeSpreadClosesIdleConnectionsOverTheWindowOldestIdleFirst(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.lines(io, "tcp-drain.close-spread=1s");
				ExecutorService watchers = Executors.newFixedThreadPool(5)) {
			List<Future<Long>> closedAt = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				TestClient client = gateway.connect();
				assertThat(client.send(i + "\n").readLineText()).isEqualTo(i + "\n");
				await().atMost(WAIT).until(() -> gateway.server().connections().stream()
					.allMatch((state) -> state.lastActivity().isBefore(Instant.now())));
				closedAt.add(watchers.submit(() -> client.isClosedByServer() ? System.nanoTime() : -1L));
			}
			gateway.drain().start().get(10, TimeUnit.SECONDS);
			List<Long> times = new ArrayList<>();
			for (Future<Long> time : closedAt) {
				times.add(time.get(10, TimeUnit.SECONDS));
			}
			assertThat(times).isSorted().doesNotContain(-1L);
			assertThat(Duration.ofNanos(times.get(4) - times.get(0))).isBetween(Duration.ofMillis(600),
					Duration.ofMillis(1500));
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void everyGracefullyClosedClientReceivesTheGoodbyeLineLast(ServerIo io) throws Exception {
		try (RunningGateway gateway = startHolding(io, "lines.goodbye=BYE draining")) {
			HeldRequests held = gateway.context().getBean(HeldRequests.class);
			TestClient idle = gateway.connect();
			assertThat(idle.send("hi\n").readLineText()).isEqualTo("hi\n");
			TestClient busy = gateway.connect().send("hold\n");
			held.awaitArrival();
			CompletableFuture<DrainReport> drain = gateway.drain().start();
			assertThat(idle.readLineText()).isEqualTo("BYE draining\n");
			assertThat(idle.isClosedByServer()).isTrue();
			held.release();
			assertThat(busy.readLineText()).isEqualTo("hold\n");
			assertThat(busy.readLineText()).isEqualTo("BYE draining\n");
			assertThat(busy.isClosedByServer()).isTrue();
			assertThat(drain.get(10, TimeUnit.SECONDS).result()).isEqualTo(DrainResult.DRAINED);
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aFinishedDrainCanBeUndoneAndNewConnectionsAreServedOnTheSamePort(ServerIo io) throws Exception {
		try (RunningGateway gateway = startHolding(io)) {
			int port = gateway.port();
			HeldRequests held = gateway.context().getBean(HeldRequests.class);
			gateway.connect().send("hold\n");
			held.awaitArrival();
			CompletableFuture<DrainReport> drain = gateway.drain().start();
			assertThat(gateway.drain().state()).isEqualTo(DrainState.DRAINING);
			assertThatIllegalStateException().isThrownBy(() -> gateway.drain().resume())
				.withMessage("A drain is still running; undo it after it has finished");
			held.release();
			drain.get(10, TimeUnit.SECONDS);
			assertThat(gateway.refusesConnections()).isTrue();
			try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				assertThat(squatter.getLocalPort()).as("the drained port is free to bind").isEqualTo(port);
			}
			gateway.drain().resume();
			assertThat(gateway.drain().state()).isEqualTo(DrainState.ACCEPTING);
			assertThat(gateway.port()).isEqualTo(port);
			assertThat(gateway.connect().send("back\n").readLineText()).isEqualTo("back\n");
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aShutdownWhileADrainIsBeingUndoneDrainsTheReopenedListenerInsteadOfReturningTheOldReport(ServerIo io)
			throws Exception {
		try (RunningGateway gateway = RunningGateway.linesWithWeb(io, new String[0], ListeningGate.class)) {
			ListeningGate gate = gateway.context().getBean(ListeningGate.class);
			DrainReport first = gateway.drain().start().get(10, TimeUnit.SECONDS);
			gate.arm();
			CompletableFuture<Void> undo = CompletableFuture.runAsync(() -> gateway.drain().resume());
			assertThat(gate.awaitReached()).as("the undo reopened the listener").isTrue();
			CompletableFuture<DrainReport> shutdown = gateway.drain().start();
			assertThat(shutdown).as("a drain asked for while the undo runs").isNotDone();
			gate.open();
			undo.get(10, TimeUnit.SECONDS);
			DrainReport second = shutdown.get(10, TimeUnit.SECONDS);
			assertThat(second).isNotSameAs(first);
			assertThat(gateway.drain().state()).isEqualTo(DrainState.DRAINED);
			assertThat(gateway.refusesConnections()).as("the reopened listener is closed again").isTrue();
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void stoppingRightAfterClientsClosedTheirConnectionsIsPrompt(ServerIo io) throws Exception {
		RunningGateway gateway = RunningGateway.lines(io, "lines.max-length=4");
		for (int i = 0; i < 3; i++) {
			TestClient client = gateway.connect();
			assertThat(client.send("too long\n").readLineText()).isEqualTo("TOO LONG line longer than 4 bytes\n");
			assertThat(client.isClosedByServer()).isTrue();
		}
		await().atMost(WAIT).until(() -> gateway.server().openConnections() == 0);
		long stopping = System.nanoTime();
		gateway.close();
		assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(5));
	}

	private static RunningGateway startHolding(ServerIo io, String... settings) {
		return RunningGateway.linesWithWeb(io, settings, HeldRequests.class);
	}

	private int readiness(RunningGateway gateway) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.actuator() + "/health/readiness")).build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
