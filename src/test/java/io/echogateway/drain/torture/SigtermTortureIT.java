package io.echogateway.drain.torture;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocketFactory;

import com.example.lines.LinesApplication;
import io.echogateway.drain.torture.TortureClients.Behaviour;
import io.echogateway.support.GatewayProcess;
import io.echogateway.support.TestCertificates;
import io.echogateway.support.TlsFiles;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The torture runs ended the way a container is stopped: the line service in a JVM of its own, random clients, at
 * times a drain asked for over HTTP, then SIGTERM at a random moment. The JVM must exit with 143 once the drain is
 * done, every report it logs must add up and match what it lost, no close the server decided may leave a request
 * unanswered, no client may be left waiting, and no ERROR may be logged. Rerun a seed with
 * {@code -Dtorture.seed=<seed>}; run more seeds with {@code -Dtorture.sigterm-seeds=<count>}.
 */
class SigtermTortureIT {

	private static final long FIRST_SEED = 1;

	/** The seeds CI runs, about 25 s; {@code -Dtorture.sigterm-seeds=<count>} runs more. */
	private static final int CI_SEEDS = Integer.getInteger("torture.sigterm-seeds", 4);

	private static final int SIGTERM_EXIT = 143;

	private static final Pattern REPORT = Pattern.compile("Drain finished (\\w+) in \\d+ ms: (\\d+) connections were "
			+ "open, (\\d+) closed idle, (\\d+) closed after their reply, (\\d+) closed by their client after the "
			+ "goodbye, (\\d+) forced(?:; closed otherwise: ([^;.]+))?");

	private static final Pattern SERVER_DECIDED_LOSS = Pattern.compile("closed \\((drain|admin|idle-timeout)\\) with");

	private static final Pattern TRAFFIC = Pattern.compile("TCP server '\\w+' read \\d+ requests and wrote \\d+ replies");

	private static final TestCertificates certificates = TestCertificates.create();

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path directory;

	static Stream<Long> seeds() {
		String seed = System.getProperty("torture.seed");
		return (seed != null) ? Stream.of(Long.parseLong(seed)) : LongStream.range(FIRST_SEED, FIRST_SEED + CI_SEEDS).boxed();
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void sigtermAtARandomMomentDrainsAndExitsKeepingEveryPromise(long seed) throws Exception {
		Random random = new Random(seed);
		boolean cooperative = random.nextInt(4) == 0;
		String goodbye = (cooperative || random.nextBoolean()) ? "BYE" : "";
		String io = random.nextBoolean() ? "net" : "nio";
		boolean drainFirst = random.nextInt(3) == 0;
		@Nullable SSLSocketFactory tls = (random.nextInt(3) == 0)
				? certificates.clientContext(null).getSocketFactory() : null;
		Duration timeout = Duration.ofMillis(500 + random.nextInt(1500));
		List<String> settings = new ArrayList<>(List.of("spring.config.name=lines", "lines.io=" + io,
				"lines.delay=" + random.nextInt(20) + "ms", "lines.goodbye=" + goodbye,
				"tcp-drain.timeout=" + timeout.toMillis() + "ms", "spring.main.web-application-type=servlet",
				"management.endpoint.drain.access=unrestricted"));
		if (cooperative) {
			settings.add("tcp-drain.mode=await-client");
		}
		if (tls != null) {
			Path files = Files.createTempDirectory(this.directory, "seed-" + seed);
			settings.addAll(List.of(TlsFiles.create(files, certificates).settings("none")));
		}
		String description = "seed " + seed + " (" + io + ((tls != null) ? ", TLS" : "")
				+ (drainFirst ? ", drained over HTTP first" : "") + ", " + settings.stream()
					.filter((setting) -> setting.startsWith("tcp-drain") || setting.startsWith("lines"))
					.toList() + ")";
		Queue<String> problems = new ConcurrentLinkedQueue<>();
		TortureClients clients = new TortureClients(problems, goodbye, cooperative, tls);
		List<Thread> threads = new ArrayList<>();
		try (GatewayProcess lines = GatewayProcess.startClass(LinesApplication.class,
				settings.toArray(String[]::new))) {
			int port = lines.tcpPort();
			int httpPort = lines.httpPort();
			int count = 4 + random.nextInt(16);
			for (int i = 0; i < count; i++) {
				Behaviour behaviour = Behaviour.values()[random.nextInt(Behaviour.values().length)];
				long clientSeed = random.nextLong();
				threads.add(Thread.ofVirtual().name("sigterm-client-" + i)
					.start(() -> clients.run(port, behaviour, new Random(clientSeed))));
			}
			Thread.sleep(random.nextInt(800));
			if (drainFirst) {
				int status = post("http://127.0.0.1:" + httpPort + "/actuator/drain");
				expect(problems, status == 202, "POST /actuator/drain answered " + status);
				Thread.sleep(random.nextInt((int) timeout.toMillis()));
			}
			lines.terminate();
			int exit = lines.awaitExit(timeout.plusSeconds(15));
			expect(problems, exit == SIGTERM_EXIT, "the JVM exited with " + exit);
			checkLog(lines.log(), problems);
		}
		for (Thread client : threads) {
			if (!client.join(TortureClients.CLIENT_READ_TIMEOUT.plusSeconds(5))) {
				problems.add("client " + client.getName() + " was left waiting after the shutdown");
			}
		}
		assertThat(problems).as("problems of %s; rerun with -Dtorture.seed=%d", description, seed).isEmpty();
	}

	private static void checkLog(List<String> log, Queue<String> problems) {
		List<String> reports = log.stream().filter((line) -> line.contains("Drain finished")).toList();
		expect(problems, !reports.isEmpty(), "no drain report was logged");
		reports.forEach((line) -> checkReport(line, problems));
		expect(problems, log.stream().anyMatch((line) -> TRAFFIC.matcher(line).find()), "no traffic line was logged");
		log.stream()
			.filter((line) -> line.contains(" ERROR "))
			.forEach((line) -> problems.add("an ERROR was logged: " + line));
	}

	private static void checkReport(String line, Queue<String> problems) {
		Matcher report = REPORT.matcher(line);
		if (!report.find()) {
			problems.add("a report that does not read as one: " + line);
			return;
		}
		String result = report.group(1);
		int open = Integer.parseInt(report.group(2));
		int forced = Integer.parseInt(report.group(6));
		int counted = Integer.parseInt(report.group(3)) + Integer.parseInt(report.group(4))
				+ Integer.parseInt(report.group(5)) + forced + closedOtherwise(report.group(7));
		expect(problems, counted == open, "a report counts " + counted + " closes of " + open + " connections: " + line);
		boolean lost = forced > 0 || line.contains("requests failed and got no reply") || line.contains("; unanswered: ");
		expect(problems, lost == (result.equals("FORCED") || result.equals("INCOMPLETE")),
				"a report's result does not match what it lost: " + line);
		expect(problems, !SERVER_DECIDED_LOSS.matcher(line).find(),
				"the server closed a connection with requests unanswered: " + line);
	}

	/**
	 * Add up a report's "closed otherwise" part, such as {@code 1 client, 2 error}.
	 */
	private static int closedOtherwise(@Nullable String part) {
		if (part == null) {
			return 0;
		}
		return Stream.of(part.split(", ")).mapToInt((entry) -> Integer.parseInt(entry.split(" ")[0])).sum();
	}

	private int post(String uri) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).POST(HttpRequest.BodyPublishers.noBody()).build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static void expect(Queue<String> problems, boolean condition, String problem) {
		if (!condition) {
			problems.add(problem);
		}
	}

}
