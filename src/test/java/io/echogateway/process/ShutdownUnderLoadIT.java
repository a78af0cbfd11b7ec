package io.echogateway.process;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.echogateway.support.ActuatorClient;
import io.echogateway.support.ActuatorClient.Reply;
import io.echogateway.support.GatewayProcess;
import io.echogateway.support.LoadClient;
import io.echogateway.tcp.ServerIo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar under load, stopped the way containers are stopped and through the shutdown endpoint.
 */
class ShutdownUnderLoadIT {

	private static final int BUSY_CLIENTS = 50;

	private static final int IDLE_CLIENTS = 500;

	private static final Duration GRACE_PERIOD = Duration.ofSeconds(1);

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

	private static final Pattern REPORT = Pattern
		.compile("Drain finished (\\w+) in \\d+ ms: (\\d+) connections were open, (\\d+) closed idle, (\\d+) closed "
				+ "after their reply, (\\d+) closed by their client after the goodbye, (\\d+) forced");

	private static final Pattern TRAFFIC = Pattern.compile("read (\\d+) requests and wrote (\\d+) replies");

	private static final String PASSWORD = "process-test-secret";

	static Stream<Arguments> stops() {
		return Stream.of(ServerIo.values())
			.flatMap((io) -> Stream.of(Stop.values()).map((stop) -> Arguments.of(io, stop)));
	}

	@ParameterizedTest(name = "{0}, {1}")
	@MethodSource("stops")
	void stoppingUnderLoadAnswersEveryRequestTheServerReadClosesEveryConnectionAndExits(ServerIo io, Stop stop)
			throws Exception {
		try (GatewayProcess gateway = GatewayProcess.start("echo-gateway.tcp.io=" + io.name().toLowerCase(),
				"tcp-drain.grace-period=" + GRACE_PERIOD.toSeconds() + "s",
				"tcp-drain.timeout=" + DRAIN_TIMEOUT.toSeconds() + "s",
				"echo-gateway.admin.password=" + PASSWORD);
				LoadClient clients = new LoadClient(gateway.tcpPort())) {
			clients.openIdle(IDLE_CLIENTS);
			clients.startBusy(BUSY_CLIENTS);
			await().atMost(Duration.ofSeconds(30)).until(() -> clients.answered() >= 10_000);
			long signalled = System.nanoTime();
			stop.apply(gateway);
			int exitCode = gateway.awaitExit(GRACE_PERIOD.plus(DRAIN_TIMEOUT).plusSeconds(2));
			Duration stopping = Duration.ofNanos(System.nanoTime() - signalled);
			LoadClient.Totals totals = clients.awaitClosed(Duration.ofSeconds(10));

			System.out.printf("%s, %s: exit %d after %d ms; %s; %s; clients: %s%n", io, stop, exitCode, stopping.toMillis(),
					gateway.line(REPORT).group(), gateway.line(TRAFFIC).group(), totals);
			assertThat(exitCode).isEqualTo(stop.exitCode);
			assertThat(stopping).isLessThan(GRACE_PERIOD.plus(DRAIN_TIMEOUT).plusSeconds(2));
			Matcher report = gateway.line(REPORT);
			assertThat(report.group(1)).isEqualTo("DRAINED");
			assertThat(Integer.parseInt(report.group(2))).isEqualTo(BUSY_CLIENTS + IDLE_CLIENTS);
			assertThat(Integer.parseInt(report.group(6))).isZero();
			Matcher traffic = gateway.line(TRAFFIC);
			long read = Long.parseLong(traffic.group(1));
			long written = Long.parseLong(traffic.group(2));
			assertThat(written).as("replies written by the server").isEqualTo(read);
			assertThat(totals.answered()).as("replies received by the clients").isEqualTo(written);
			assertThat(totals.wrong()).isZero();
			assertThat(totals.unanswered()).as("requests written after the server decided to close, never read")
				.isEqualTo(totals.sent() - read)
				.isLessThanOrEqualTo(BUSY_CLIENTS);
			assertThat(totals.idleClosed()).isEqualTo(IDLE_CLIENTS);
			assertThat(gateway.log()).noneMatch((line) -> line.contains("Exception") || line.contains(" ERROR "));
		}
	}

	/**
	 * A way to stop the process, and the exit code it must end with.
	 */
	enum Stop {

		/** SIGTERM, as sent by {@code docker stop} and Kubernetes; the JVM exits 128 + 15. */
		SIGTERM(143),

		/** {@code POST /actuator/shutdown} with the admin credentials. */
		SHUTDOWN_ENDPOINT(0);

		private final int exitCode;

		Stop(int exitCode) {
			this.exitCode = exitCode;
		}

		void apply(GatewayProcess gateway) throws Exception {
			if (this == SIGTERM) {
				gateway.terminate();
				return;
			}
			Reply reply = ActuatorClient.anonymous("http://127.0.0.1:" + gateway.httpPort() + "/actuator")
				.as("admin", PASSWORD)
				.post("/shutdown", null);
			assertThat(reply.status()).isEqualTo(200);
		}

	}

}
