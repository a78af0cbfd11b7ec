package io.echogateway.drain.torture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocketFactory;

import io.echogateway.drain.Drain;
import io.echogateway.drain.DrainReport;
import io.echogateway.drain.DrainResult;
import io.echogateway.drain.DrainState;
import io.echogateway.drain.connection.CloseReason;
import io.echogateway.drain.state.ConnectionState;
import io.echogateway.drain.state.ServerTraffic;
import io.echogateway.drain.torture.TortureClients.Behaviour;
import io.echogateway.drain.tracking.TrackedServer;
import io.echogateway.support.RunningGateway;
import io.echogateway.support.TestCertificates;
import io.echogateway.support.TlsFiles;
import io.echogateway.tcp.ServerIo;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The drain against random clients and random operator actions at random moments, each run chosen by a seed: every
 * request the server read is answered, failed or counted unanswered when its connection closed, every report adds
 * up, the drain's state and the listener agree, and nothing is left behind. It runs on the line service
 * ({@code com.example.lines}), whose servers keep Spring Integration's default executors. A failure names its seed;
 * rerun it with {@code -Dtorture.seed=<seed>}, and soak with {@code -Dtorture.seconds=<seconds>}.
 */
class DrainTortureTests {

	/** The seeds CI runs, about two minutes on two cores. */
	private static final long FIRST_SEED = 1;

	private static final int CI_SEEDS = 16;

	/** Closes the server decides, which must wait for every reply. */
	private static final Set<String> SERVER_DECIDED = Set.of(CloseReason.DRAIN.tag(), CloseReason.ADMIN.tag(),
			CloseReason.IDLE_TIMEOUT.tag());

	private static final TestCertificates certificates = TestCertificates.create();

	@TempDir
	static Path directory;

	static Stream<Long> seeds() {
		String seed = System.getProperty("torture.seed");
		return (seed != null) ? Stream.of(Long.parseLong(seed)) : LongStream.range(FIRST_SEED, FIRST_SEED + CI_SEEDS).boxed();
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void theDrainKeepsItsPromisesWhateverTheTiming(long seed) throws Exception {
		new TortureRun(seed).run();
	}

	@Test
	@EnabledIfSystemProperty(named = "torture.seconds", matches = "\\d+")
	void soak() throws Exception {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.getLong("torture.seconds"));
		Random seeds = new Random();
		while (System.nanoTime() < end) {
			new TortureRun(seeds.nextLong()).run();
		}
	}

	/**
	 * One run: a server chosen by the seed, its clients, the operator's actions, and the checks.
	 */
	private static final class TortureRun {

		private final long seed;

		private final Random random;

		private final Queue<String> problems = new ConcurrentLinkedQueue<>();

		private final List<DrainReport> reports = new ArrayList<>();

		private final boolean cooperative;

		private final String goodbye;

		private final ServerIo io;

		/** TLS clients, for one seed in three. */
		private final @Nullable SSLSocketFactory tls;

		private final TortureClients clients;

		TortureRun(long seed) {
			this.seed = seed;
			this.random = new Random(seed);
			this.cooperative = this.random.nextInt(4) == 0;
			this.goodbye = (this.cooperative || this.random.nextBoolean()) ? "BYE" : "";
			this.io = this.random.nextBoolean() ? ServerIo.NET : ServerIo.NIO;
			this.tls = (this.random.nextInt(3) == 0)
					? certificates.clientContext(null).getSocketFactory() : null;
			this.clients = new TortureClients(this.problems, this.goodbye, this.cooperative, this.tls);
		}

		void run() throws Exception {
			ServerIo io = this.io;
			Duration timeout = Duration.ofMillis(500 + this.random.nextInt(1500));
			List<String> settings = new ArrayList<>(List.of("tcp-drain.timeout=" + timeout.toMillis() + "ms",
					"lines.delay=" + this.random.nextInt(20) + "ms",
					"lines.goodbye=" + this.goodbye));
			if (this.cooperative) {
				settings.add("tcp-drain.mode=await-client");
			}
			if (this.tls != null) {
				Path files = Files.createTempDirectory(directory, "seed-" + this.seed);
				settings.addAll(List.of(TlsFiles.create(files, certificates).settings("none")));
			}
			String description = "seed " + this.seed + " (" + io + ((this.tls != null) ? ", TLS" : "") + ", "
					+ settings.stream().filter((setting) -> !setting.startsWith("spring.ssl")).toList() + ")";
			List<Thread> clients = new ArrayList<>();
			TrackedServer server;
			Drain drain;
			try (RunningGateway gateway = RunningGateway.lines(io, settings.toArray(String[]::new))) {
				server = gateway.server();
				drain = gateway.drain();
				int port = gateway.port();
				int count = 4 + this.random.nextInt(16);
				for (int i = 0; i < count; i++) {
					Behaviour behaviour = Behaviour.values()[this.random.nextInt(Behaviour.values().length)];
					long clientSeed = this.random.nextLong();
					clients.add(Thread.ofVirtual().name("torture-client-" + i).start(
							() -> this.clients.run(port, behaviour, new Random(clientSeed))));
				}
				operate(gateway, server, drain, timeout);
			}
			for (Thread client : clients) {
				if (!client.join(TortureClients.CLIENT_READ_TIMEOUT.plusSeconds(5))) {
					this.problems.add("client " + client.getName() + " was left waiting after the shutdown");
				}
			}
			DrainReport last = drain.lastReport();
			if (last != null && !this.reports.contains(last)) {
				this.reports.add(last);
			}
			checkServer(server);
			this.reports.forEach(this::checkReport);
			checkNothingLeftBehind();
			assertThat(this.problems).as("problems of %s; rerun with -Dtorture.seed=%d", description, this.seed)
				.isEmpty();
		}

		/**
		 * Act as an operator: drains, undos and admin closes at random moments.
		 */
		private void operate(RunningGateway gateway, TrackedServer server, Drain drain, Duration timeout)
				throws Exception {
			int actions = 1 + this.random.nextInt(4);
			for (int i = 0; i < actions; i++) {
				Thread.sleep(this.random.nextInt(300));
				switch (this.random.nextInt(3)) {
					case 0 -> {
						DrainReport report = drain.start().get(timeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
						this.reports.add(report);
						expect(drain.state() == DrainState.DRAINED, "the drain's state after a drain is " + drain.state());
						expect(gateway.refusesConnections(), "the listener accepts after a drain reported " + report.result());
						if (this.random.nextBoolean()) {
							drain.resume();
							expect(drain.state() == DrainState.ACCEPTING, "the drain's state after an undo is " + drain.state());
							expect(!gateway.refusesConnections(), "the listener refuses after an undo");
						}
					}
					case 1 -> {
						List<ConnectionState> open = List.copyOf(server.connections());
						if (!open.isEmpty()) {
							server.closeGracefully(open.get(this.random.nextInt(open.size())).id(), CloseReason.ADMIN,
									false);
						}
					}
					default -> Thread.sleep(this.random.nextInt(200));
				}
			}
		}

		private void checkServer(TrackedServer server) {
			ServerTraffic traffic = server.traffic();
			long settled = traffic.repliesWritten() + traffic.requestsFailed() + traffic.requestsWithoutReply()
					+ traffic.requestsUnansweredAtClose();
			expect(traffic.requestsRead() == settled, "the server read " + traffic.requestsRead() + " requests but "
					+ "settled " + settled + ": " + traffic.repliesWritten() + " answered, " + traffic.requestsFailed()
					+ " failed, " + traffic.requestsWithoutReply() + " without reply, "
					+ traffic.requestsUnansweredAtClose() + " unanswered at close");
			expect(server.openConnections() == 0, server.openConnections() + " connections open after the shutdown");
		}

		private void checkReport(DrainReport report) {
			int counted = report.closedIdle() + report.closedAfterReply() + report.closedByClient()
					+ report.closedOtherwise().values().stream().mapToInt(Integer::intValue).sum()
					+ report.forced().size();
			expect(counted == report.connections(), "a report counts " + counted + " closes of "
					+ report.connections() + " connections: " + report);
			boolean lost = !report.forced().isEmpty() || report.failedRequests() > 0 || !report.unanswered().isEmpty();
			expect(lost == (report.result() == DrainResult.FORCED || report.result() == DrainResult.INCOMPLETE),
					"a report's result does not match what it lost: " + report);
			expect(report.closedIdle() >= 0 && report.closedAfterReply() >= 0, "a negative count: " + report);
			report.unanswered()
				.stream()
				.filter((close) -> SERVER_DECIDED.contains(close.reason()))
				.forEach((close) -> this.problems.add("the server closed " + close.id() + " (" + close.reason()
						+ ") with " + close.requests() + " requests unanswered"));
		}

		private void checkNothingLeftBehind() {
			try {
				await().atMost(Duration.ofSeconds(5)).until(() -> drainThreads().isEmpty());
			}
			catch (ConditionTimeoutException ex) {
				this.problems.add("threads left after the shutdown: " + drainThreads());
			}
		}

		private static List<String> drainThreads() {
			return Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter(Thread::isAlive)
				.map(Thread::getName)
				.filter((name) -> name.startsWith("tcp-") || name.startsWith("tcpServer"))
				.toList();
		}

		private void expect(boolean condition, String problem) {
			if (!condition) {
				this.problems.add(problem);
			}
		}

	}

}
