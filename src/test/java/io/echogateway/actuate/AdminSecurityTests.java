package io.echogateway.actuate;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.sun.management.OperatingSystemMXBean;
import io.echogateway.drain.Drain;
import io.echogateway.support.ActuatorClient;
import io.echogateway.support.ActuatorClient.Reply;
import io.echogateway.support.RunningGateway;
import io.echogateway.tcp.ServerIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may call which endpoint: probes and metrics are open, connection data and control need the admin credentials.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminSecurityTests {

	private static final String PASSWORD = "echo-gateway.admin.password=test-secret";

	private static final int FAILURES_BEFORE_LOCK_OUT = 10;

	private static final Duration LOCK_OUT = Duration.ofMinutes(1);

	private static final int GUESSING_ADDRESSES = 25;

	private static final int GUESSES_PER_ADDRESS = FAILURES_BEFORE_LOCK_OUT - 2;

	private static final int PARALLEL_GUESSERS = 8;

	private static final Duration CPU_BUDGET = Duration.ofSeconds(4);

	private static final Duration BURST_TIMEOUT = Duration.ofMinutes(1);

	@ParameterizedTest
	@CsvSource({ "GET, /connections", "GET, /connections/some-id", "DELETE, /connections/some-id", "GET, /drain",
			"POST, /drain", "DELETE, /drain", "POST, /shutdown" })
	void adminEndpointsAnswer401WithoutOrWithWrongCredentialsAndRevealNothing(String method, String path)
			throws Exception {
		try (RunningGateway gateway = RunningGateway.startWithWeb(ServerIo.NIO, new String[] { PASSWORD })) {
			gateway.connect().send("hi\n").readLine();
			String id = gateway.server().connections().iterator().next().id();
			ActuatorClient anyone = ActuatorClient.anonymous(gateway.actuator());
			for (ActuatorClient caller : new ActuatorClient[] { anyone, anyone.as("admin", "wrong"),
					anyone.as("root", "test-secret") }) {
				String target = path.replace("some-id", id);
				Reply reply = call(caller, method, target);
				assertThat(reply.status()).isEqualTo(401);
				assertThat(reply.body().replace(target, "")).as("the body, less the path the caller sent")
					.doesNotContain(id)
					.doesNotContain("127.0.0.1");
			}
			assertThat(gateway.drain().lastReport()).isNull();
			assertThat(gateway.server().openConnections()).isEqualTo(1);
			assertThat(gateway.connect().send("still serving\n").readLineText()).isEqualTo("still serving\n");
		}
	}

	@Test
	void probesInfoAndMetricsAreOpenAndAdminCallsLeaveNoSession() throws Exception {
		try (RunningGateway gateway = RunningGateway.startWithWeb(ServerIo.NIO, new String[] { PASSWORD })) {
			ActuatorClient anyone = ActuatorClient.anonymous(gateway.actuator());
			for (String path : new String[] { "/health", "/health/liveness", "/health/readiness", "/info", "/metrics",
					"/metrics/tcp.server.connections.open", "/prometheus" }) {
				assertThat(anyone.get(path).status()).as(path).isEqualTo(200);
			}
			Reply admin = anyone.as("admin", "test-secret").get("/connections");
			assertThat(admin.status()).isEqualTo(200);
			assertThat(admin.headers().firstValue("Set-Cookie")).isEmpty();
		}
	}

	@Test
	void withoutAPasswordAdminEndpointsAnswer401AndStartupSaysHowToEnableThem(CapturedOutput output)
			throws Exception {
		try (RunningGateway gateway = RunningGateway.startWithWeb(ServerIo.NIO, new String[0])) {
			ActuatorClient anyone = ActuatorClient.anonymous(gateway.actuator());
			assertThat(anyone.get("/connections").status()).isEqualTo(401);
			assertThat(anyone.as("admin", "").get("/connections").status()).isEqualTo(401);
			assertThat(anyone.as("admin", "admin").post("/shutdown", null).status()).isEqualTo(401);
			assertThat(gateway.context().isActive()).isTrue();
			assertThat(output.getOut().lines().filter((line) -> line.contains("ECHO_GATEWAY_ADMIN_PASSWORD")))
				.singleElement()
				.asString()
				.contains("WARN");
		}
	}

	@Test
	void shutdownWithCredentialsDrainsAndClosesTheContext() throws Exception {
		try (RunningGateway gateway = RunningGateway.startWithWeb(ServerIo.NIO, new String[] { PASSWORD })) {
			gateway.connect().send("hi\n").readLine();
			Drain drain = gateway.drain();
			Reply reply = ActuatorClient.anonymous(gateway.actuator()).as("admin", "test-secret").post("/shutdown",
					null);
			assertThat(reply.status()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(10)).until(() -> !gateway.context().isActive());
			assertThat(drain.lastReport()).isNotNull()
				.satisfies((report) -> assertThat(report.closedIdle()).isEqualTo(1));
		}
	}

	@Test
	void aBurstOfWrongPasswordsCostsLittleCpu() throws Exception {
		try (RunningGateway gateway = RunningGateway.startWithWeb(ServerIo.NIO, new String[] { PASSWORD })) {
			ActuatorClient anyone = ActuatorClient.anonymous(gateway.actuator());
			runInParallel(guessesFromManyAddresses(anyone, "127.0.1."));
			List<Callable<Integer>> guesses = guessesFromManyAddresses(anyone, "127.0.2.");
			OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
			long cpuBefore = os.getProcessCpuTime();
			List<Integer> statuses = runInParallel(guesses);
			Duration cpu = Duration.ofNanos(os.getProcessCpuTime() - cpuBefore);
			System.out.println(guesses.size() + " wrong passwords, " + PARALLEL_GUESSERS + " in parallel, after as many "
					+ "to warm up, cost " + cpu.toMillis() + " ms of CPU in the JVM of server and clients.");
			assertThat(statuses).hasSize(GUESSING_ADDRESSES * GUESSES_PER_ADDRESS).containsOnly(401);
			assertThat(cpu).isLessThan(CPU_BUDGET);
		}
	}

	@Test
	void repeatedFailuresFromOneAddressGet429WhileAnotherAddressStillSignsIn(CapturedOutput output)
			throws Exception {
		try (RunningGateway gateway = RunningGateway.startWithWeb(ServerIo.NIO, new String[] { PASSWORD })) {
			ActuatorClient anyone = ActuatorClient.anonymous(gateway.actuator());
			ActuatorClient guesser = anyone.from(InetAddress.getByName("127.0.0.2"));
			for (int i = 0; i < FAILURES_BEFORE_LOCK_OUT; i++) {
				Reply wrong = guesser.as("admin", "guess-" + i).get("/connections");
				assertThat(wrong.status()).isEqualTo(401);
				assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
						(challenge) -> assertThat(challenge).startsWith("Basic realm=\"echo-gateway\""));
			}
			for (String password : new String[] { "guess-again", "test-secret", "test-secret" }) {
				Reply refused = guesser.as("admin", password).get("/connections");
				assertThat(refused.status()).isEqualTo(429);
				assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
						(seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, (int) LOCK_OUT.toSeconds()));
				assertThat(refused.<String>json("$.message")).startsWith("Too many failed sign-ins");
			}
			assertThat(guesser.get("/connections").status()).isEqualTo(401);
			assertThat(guesser.get("/health").status()).isEqualTo(200);
			assertThat(anyone.as("admin", "test-secret").get("/connections").status()).isEqualTo(200);
			assertThat(output.getOut().lines().filter((line) -> line.contains("Locking out")))
				.singleElement()
				.asString()
				.contains("WARN")
				.contains("127.0.0.2");
		}
	}

	@Test
	void anyoneSeesTheHealthStatusAndOnlyTheAdminSeesItsDetails() throws Exception {
		try (RunningGateway gateway = RunningGateway.startWithWeb(ServerIo.NIO, new String[] { PASSWORD })) {
			ActuatorClient anyone = ActuatorClient.anonymous(gateway.actuator());
			for (String path : new String[] { "/health", "/health/readiness", "/health/liveness" }) {
				Reply health = anyone.get(path);
				assertThat(health.<String>json("$.status")).as(path).isEqualTo("UP");
				assertThat(health.body()).as(path).doesNotContain("components", "diskSpace", "free", "tcpServer");
			}
			Reply admin = anyone.as("admin", "test-secret").get("/health");
			assertThat(admin.<String>json("$.components.tcpServer.status")).isEqualTo("UP");
			assertThat(admin.<Number>json("$.components.diskSpace.details.free").longValue()).isPositive();
		}
	}

	private static List<Callable<Integer>> guessesFromManyAddresses(ActuatorClient anyone, String network)
			throws Exception {
		List<Callable<Integer>> guesses = new ArrayList<>();
		for (int address = 1; address <= GUESSING_ADDRESSES; address++) {
			ActuatorClient guesser = anyone.from(InetAddress.getByName(network + address)).as("admin", "wrong");
			for (int guess = 0; guess < GUESSES_PER_ADDRESS; guess++) {
				guesses.add(() -> guesser.get("/connections").status());
			}
		}
		return guesses;
	}

	private static List<Integer> runInParallel(List<Callable<Integer>> tasks) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_GUESSERS);
		try {
			List<Integer> results = new ArrayList<>();
			for (Future<Integer> result : pool.invokeAll(tasks, BURST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				results.add(result.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static Reply call(ActuatorClient caller, String method, String path) throws Exception {
		return switch (method) {
			case "GET" -> caller.get(path);
			case "POST" -> caller.post(path, null);
			case "DELETE" -> caller.delete(path);
			default -> throw new IllegalArgumentException(method);
		};
	}

}
