package io.echogateway.process;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.echogateway.support.ContainerEngine;
import io.echogateway.support.LoadClient;
import io.echogateway.support.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Builds the image from the Dockerfile and runs it: echo, a non-root user, the healthcheck, SIGTERM under load, and
 * the start-up time with and without the AOT cache. Skipped where no container engine works.
 */
class ContainerIT {

	private static final String IMAGE = "localhost/echo-gateway:it";

	private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);

	private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(1);

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);

	private static final Pattern REPORT = Pattern.compile("Drain finished (\\w+) in \\d+ ms: (\\d+) connections were open");

	private static final Pattern TRAFFIC = Pattern.compile("read (\\d+) requests and wrote (\\d+) replies");

	private static final Pattern STARTED = Pattern.compile("Started \\w+ in ([\\d.]+) seconds \\(process running for ([\\d.]+)\\)");

	private static ContainerEngine engine;

	private final List<String> containers = new ArrayList<>();

	@BeforeAll
	static void buildImage() {
		Optional<ContainerEngine> found = ContainerEngine.find();
		Assumptions.assumeTrue(found.isPresent(), "No container engine answers here (podman or docker), so the "
				+ "container test is skipped; .ci/run sets up podman with ../shared/container/setup-podman.sh.");
		engine = found.get();
		List<String> build = new ArrayList<>(List.of("build", "-t", IMAGE, "."));
		if (engine.isPodman()) {
			build.add(1, "--format=docker");
		}
		engine.run(BUILD_TIMEOUT, build.toArray(String[]::new));
	}

	@AfterEach
	void removeContainers() {
		this.containers.forEach((name) -> engine.tryRun(COMMAND_TIMEOUT, "rm", "-f", name));
	}

	@Test
	void theImageEchoesRunsAsNonRootAndPassesItsHealthcheck() throws Exception {
		String name = run();
		TestClient client = awaitEcho(name);
		assertThat(client.send("through the container\n").readLineText()).isEqualTo("through the container\n");
		assertThat(engine.run(COMMAND_TIMEOUT, "exec", name, "id", "-u")).isNotEqualTo("0");
		await().atMost(Duration.ofSeconds(30)).until(() -> healthy(name));
		client.close();
	}

	@Test
	void sigtermUnderLoadDrainsAndExits143WithinTheDrainTimeout() throws Exception {
		String name = run();
		awaitEcho(name).close();
		try (LoadClient clients = new LoadClient(hostPort(name, 5388))) {
			clients.openIdle(200);
			clients.startBusy(20);
			await().atMost(Duration.ofSeconds(30)).until(() -> clients.answered() >= 2_000);
			long stopping = System.nanoTime();
			engine.run(Duration.ofSeconds(60), "stop", "-t", "30", name);
			Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);
			LoadClient.Totals totals = clients.awaitClosed(Duration.ofSeconds(10));
			String log = engine.run(COMMAND_TIMEOUT, "logs", name);
			System.out.printf("container SIGTERM: stopped in %d ms; %s; clients: %s%n", stopped.toMillis(),
					find(REPORT, log).group(), totals);

			assertThat(engine.run(COMMAND_TIMEOUT, "inspect", name, "--format", "{{.State.ExitCode}}")).isEqualTo("143");
			assertThat(stopped).isLessThan(DRAIN_TIMEOUT);
			assertThat(find(REPORT, log).group(1)).isEqualTo("DRAINED");
			assertThat(Integer.parseInt(find(REPORT, log).group(2))).isEqualTo(220);
			Matcher traffic = find(TRAFFIC, log);
			assertThat(traffic.group(2)).isEqualTo(traffic.group(1));
			long readinessEcho = 1;
			assertThat(totals.answered() + readinessEcho).isEqualTo(Long.parseLong(traffic.group(2)));
			assertThat(totals.wrong()).isZero();
			assertThat(totals.idleClosed()).isEqualTo(200);
		}
	}

	@Test
	void startUpToTheFirstEchoIsMeasuredWithAndWithoutTheAotCache() throws Exception {
		for (int round = 0; round < 2; round++) {
			for (boolean aot : new boolean[] { true, false }) {
				long starting = System.nanoTime();
				String name = aot ? run() : run("--entrypoint", "java", IMAGE, "-XX:MaxRAMPercentage=75",
						"-Dspring.aot.enabled=true", "-jar", "echo-gateway.jar");
				awaitEcho(name).close();
				Duration firstEcho = Duration.ofNanos(System.nanoTime() - starting);
				await().atMost(Duration.ofSeconds(30))
					.until(() -> STARTED.matcher(engine.run(COMMAND_TIMEOUT, "logs", name)).find());
				Matcher started = find(STARTED, engine.run(COMMAND_TIMEOUT, "logs", name));
				System.out.printf("container start-up %s the AOT cache: first echo %d ms after '%s run'; Spring says "
						+ "started in %s s, JVM running for %s s%n", aot ? "with" : "without", firstEcho.toMillis(),
						engine.isPodman() ? "podman" : "docker", started.group(1), started.group(2));
				engine.run(Duration.ofSeconds(60), "stop", "-t", "30", name);
			}
		}
	}

	private String run(String... imageAndCommand) {
		String name = "echo-gateway-it-" + System.nanoTime();
		// Read-only with a writable /tmp, as the Kubernetes manifest runs it.
		List<String> command = new ArrayList<>(List.of("run", "-d", "--name", name, "--read-only", "--tmpfs", "/tmp",
				"-p", "127.0.0.1::5388", "-p", "127.0.0.1::8081"));
		command.addAll((imageAndCommand.length == 0) ? List.of(IMAGE) : List.of(imageAndCommand));
		this.containers.add(name);
		engine.run(COMMAND_TIMEOUT, command.toArray(String[]::new));
		return name;
	}

	private static int hostPort(String name, int containerPort) {
		String mapping = engine.run(COMMAND_TIMEOUT, "port", name, containerPort + "/tcp").lines().findFirst()
			.orElseThrow();
		return Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1));
	}

	private static TestClient awaitEcho(String name) {
		int port = hostPort(name, 5388);
		TestClient[] client = new TestClient[1];
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> {
			TestClient candidate = TestClient.connect(new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(2));
			if (candidate.send("ready?\n").readLineText().equals("ready?\n")) {
				client[0] = candidate;
				return true;
			}
			candidate.close();
			return false;
		});
		return client[0];
	}

	private static boolean healthy(String name) {
		if (engine.isPodman()) {
			return engine.tryRun(COMMAND_TIMEOUT, "healthcheck", "run", name).exitCode() == 0;
		}
		return engine.run(COMMAND_TIMEOUT, "inspect", name, "--format", "{{.State.Health.Status}}").equals("healthy");
	}

	private static Matcher find(Pattern pattern, String log) {
		Matcher matcher = pattern.matcher(log);
		if (!matcher.find()) {
			throw new AssertionError("The container did not log " + pattern + ". Its log:\n" + log);
		}
		return matcher;
	}

}
