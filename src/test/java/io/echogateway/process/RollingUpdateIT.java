package io.echogateway.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.echogateway.drain.DrainMode;
import io.echogateway.support.GatewayProcess;
import io.echogateway.support.GoodbyeAwareClient;
import io.echogateway.support.HaproxyProcess;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling update of two instances of the packaged jar behind HAProxy, under load from clients that resend a request
 * whose connection ended before its reply: nothing is lost, and with the cooperative drain nothing is resent.
 */
class RollingUpdateIT {

	private static final int CLIENTS = 40;

	private static final Duration GRACE_PERIOD = Duration.ofSeconds(2);

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

	private static final String GOODBYE = "GOODBYE";

	private static final Pattern REPORT = Pattern.compile("Drain finished (\\w+) in \\d+ ms: .*");

	private static final Pattern TRAFFIC = Pattern.compile("read (\\d+) requests and wrote (\\d+) replies");

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(DrainMode.class)
	void aRollingRestartBehindHaproxyLosesNoRequestAndTheCooperativeDrainResendsNone(DrainMode mode) throws Exception {
		assumeThat(HaproxyProcess.unavailable()).as(HaproxyProcess.unavailable().orElse("")).isEmpty();
		int[] ports = freePorts(5);
		Map<String, Instance> instances = new LinkedHashMap<>();
		instances.put("a", new Instance("nio", ports[0], ports[1], mode));
		instances.put("b", new Instance("net", ports[2], ports[3], mode));
		Map<String, int[]> backends = new LinkedHashMap<>();
		instances.forEach((name, instance) -> backends.put(name, new int[] { instance.tcpPort, instance.httpPort }));
		List<String> summary = new ArrayList<>();
		try {
			for (Instance instance : instances.values()) {
				instance.start();
			}
			try (HaproxyProcess haproxy = HaproxyProcess.start(this.directory, ports[4], backends);
					ClientFleet clients = new ClientFleet(new InetSocketAddress("127.0.0.1", ports[4]))) {
				awaitUp(haproxy, instances.keySet());
				clients.start(CLIENTS);
				await().atMost(Duration.ofSeconds(30)).until(() -> clients.answered() >= 2_000);
				for (Map.Entry<String, Instance> entry : instances.entrySet()) {
					summary.add(entry.getKey() + ": " + entry.getValue().restart());
					awaitUp(haproxy, List.of(entry.getKey()));
					long before = clients.answered();
					await().atMost(Duration.ofSeconds(30)).until(() -> clients.answered() >= before + 1_000);
				}
				ClientFleet.Totals totals = clients.stop();
				System.out.printf("Rolling update, %s: %s; clients: %s%n", mode, String.join("; ", summary), totals);
				assertThat(totals.failures()).as("requests that failed, connect errors included").isZero();
				assertThat(totals.wrong()).isZero();
				if (mode == DrainMode.AWAIT_CLIENT) {
					assertThat(totals.resent()).as("requests resent").isZero();
					assertThat(totals.goodbyes()).isPositive();
				}
				else {
					assertThat(totals.resent()).as("requests resent").isLessThanOrEqualTo(2L * CLIENTS);
				}
			}
		}
		finally {
			instances.values().forEach(Instance::close);
		}
	}

	private static void awaitUp(HaproxyProcess haproxy, Iterable<String> names) {
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
			for (String name : names) {
				if (!haproxy.state(name).equals("UP")) {
					return false;
				}
			}
			return true;
		});
	}

	private static int[] freePorts(int count) throws IOException {
		int[] ports = new int[count];
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0);
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
		}
		finally {
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
		return ports;
	}

	/**
	 * One instance of the packaged jar on fixed ports, so that HAProxy finds it again after a restart.
	 */
	private static final class Instance {

		private final String io;

		private final int tcpPort;

		private final int httpPort;

		private final DrainMode mode;

		private GatewayProcess process;

		Instance(String io, int tcpPort, int httpPort, DrainMode mode) {
			this.io = io;
			this.tcpPort = tcpPort;
			this.httpPort = httpPort;
			this.mode = mode;
		}

		void start() throws IOException {
			List<String> settings = new ArrayList<>(List.of("echo-gateway.tcp.io=" + this.io,
					"echo-gateway.tcp.port=" + this.tcpPort, "server.port=" + this.httpPort,
					"tcp-drain.grace-period=" + GRACE_PERIOD.toSeconds() + "s",
					"tcp-drain.timeout=" + DRAIN_TIMEOUT.toSeconds() + "s",
					"tcp-drain.mode=" + this.mode));
			if (this.mode == DrainMode.AWAIT_CLIENT) {
				settings.add("echo-gateway.drain.goodbye=" + GOODBYE);
			}
			this.process = GatewayProcess.start(settings.toArray(String[]::new));
		}

		/**
		 * Stop with SIGTERM, check what the drain did, and start again on the same ports.
		 */
		String restart() throws Exception {
			this.process.terminate();
			int exitCode = this.process.awaitExit(GRACE_PERIOD.plus(DRAIN_TIMEOUT).plusSeconds(5));
			Matcher report = this.process.line(REPORT);
			Matcher traffic = this.process.line(TRAFFIC);
			String outcome = this.io + ", exit " + exitCode + ", " + report.group() + ", " + traffic.group();
			assertThat(exitCode).as(outcome).isEqualTo(143);
			assertThat(report.group(1)).as(outcome).isEqualTo("DRAINED");
			assertThat(traffic.group(2)).as(outcome).isEqualTo(traffic.group(1));
			this.process.close();
			start();
			return outcome;
		}

		void close() {
			if (this.process != null) {
				this.process.close();
			}
		}

	}

	/**
	 * Clients that send request after request through the load balancer, each with a goodbye-aware client that
	 * resends a request whose connection ended before its reply.
	 */
	private static final class ClientFleet implements AutoCloseable {

		private final InetSocketAddress address;

		private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

		private final List<Future<long[]>> clients = new ArrayList<>();

		private final AtomicBoolean stopping = new AtomicBoolean();

		private final AtomicLong answered = new AtomicLong();

		ClientFleet(InetSocketAddress address) {
			this.address = address;
		}

		void start(int count) {
			for (int i = 0; i < count; i++) {
				int number = i;
				this.clients.add(this.threads.submit(() -> run(number)));
			}
		}

		long answered() {
			return this.answered.get();
		}

		/**
		 * Let every client finish the request it is on, and add up what they saw.
		 */
		Totals stop() throws Exception {
			this.stopping.set(true);
			long[] sum = new long[5];
			for (Future<long[]> client : this.clients) {
				long[] tally = client.get(30, TimeUnit.SECONDS);
				for (int i = 0; i < sum.length; i++) {
					sum[i] += tally[i];
				}
			}
			return new Totals(sum[0], sum[1], sum[2], sum[3], sum[4]);
		}

		private long[] run(int number) {
			long[] tally = new long[5];
			try (GoodbyeAwareClient client = new GoodbyeAwareClient(this.address, GOODBYE, Duration.ofSeconds(30))) {
				for (long request = 0; !this.stopping.get(); request++) {
					String line = "client #" + number + ", count " + request;
					try {
						tally[(client.request(line).equals(line)) ? 0 : 1]++;
						this.answered.incrementAndGet();
					}
					catch (IOException ex) {
						tally[2]++;
					}
				}
				tally[3] = client.resent();
				tally[4] = client.goodbyes();
			}
			return tally;
		}

		@Override
		public void close() {
			this.stopping.set(true);
			this.threads.shutdownNow();
		}

		/**
		 * What the clients saw.
		 *
		 * @param answered requests answered with their own echo
		 * @param wrong requests answered with something else
		 * @param failures requests that got no answer on any connection, or could not connect
		 * @param resent requests sent again because a connection ended before their reply
		 * @param goodbyes goodbyes received
		 */
		record Totals(long answered, long wrong, long failures, long resent, long goodbyes) {

		}

	}

}
