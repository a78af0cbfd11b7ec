package io.echogateway.bench;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.echogateway.bench.BenchClient.LoadResult;

/**
 * Measures echo-gateway (nio and net) against a plain Netty echo server with the same client, interleaved round by
 * round, and prints a table of medians with the ratio to the baseline.
 */
public final class Benchmark {

	private static final int[] CONNECTIONS = { 1, 10, 100, 1000 };

	private static final Duration WARMUP = Duration.ofSeconds(1);

	private static final Duration WINDOW = Duration.ofSeconds(3);

	private static final int CONNECTS_IN_FLIGHT = 64;

	private static final Pattern GATEWAY_LISTENING = Pattern.compile("TCP server '.+' is listening on port (\\d+)\\b");

	private static final Pattern NETTY_LISTENING = Pattern.compile("Netty echo is listening on port (\\d+)\\b");

	private final Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();

	private final List<String> metrics = new ArrayList<>();

	private Benchmark() {
	}

	/**
	 * Run the benchmark.
	 * @param args the packaged jar, then optionally the number of rounds (3) and of idle connections (10000)
	 * @throws Exception if a server or a client fails
	 */
	public static void main(String[] args) throws Exception {
		String jar = args[0];
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		int idle = (args.length > 2) ? Integer.parseInt(args[2]) : 10_000;
		Map<String, List<String>> contenders = new LinkedHashMap<>();
		List<String> gateway = List.of("-jar", jar, "--echo-gateway.tcp.port=0", "--server.port=0",
				"--tcp-drain.limits.max-connections=" + (idle * 2), "--spring.main.banner-mode=off");
		contenders.put("echo-gateway nio", gateway);
		contenders.put("echo-gateway net", concat(gateway, "--echo-gateway.tcp.io=net"));
		contenders.put("netty", List.of("-cp", System.getProperty("java.class.path"), NettyEchoServer.class.getName(),
				"0"));
		Benchmark benchmark = new Benchmark();
		for (int round = 1; round <= rounds; round++) {
			for (Map.Entry<String, List<String>> contender : contenders.entrySet()) {
				System.out.printf("round %d of %d: %s%n", round, rounds, contender.getKey());
				benchmark.measure(contender.getKey(), contender.getValue(), idle);
			}
		}
		benchmark.printTable(rounds, idle);
	}

	private void measure(String name, List<String> command, int idle) throws Exception {
		Pattern listening = name.startsWith("netty") ? NETTY_LISTENING : GATEWAY_LISTENING;
		try (ServerProcess server = ServerProcess.start(command, listening)) {
			int port = server.awaitPort(Duration.ofSeconds(60));
			record(name, "start to first echo (ms)", BenchClient.firstEcho(port, server.startedNanos()).toMillis());
			BenchClient.load(port, 100, WARMUP, WARMUP, server::cpuTime);
			for (int connections : CONNECTIONS) {
				LoadResult result = BenchClient.load(port, connections, WARMUP, WINDOW, server::cpuTime);
				record(name, String.format("requests/s at %,d connections", connections), result.requestsPerSecond());
				record(name, String.format("p50 latency at %,d connections (us)", connections), micros(result.p50()));
				record(name, String.format("p99 latency at %,d connections (us)", connections), micros(result.p99()));
				record(name, String.format("server CPU per request at %,d connections (us)", connections),
						micros(result.serverCpuPerRequest()));
			}
			long before = server.memoryAfterGc();
			long opening = System.nanoTime();
			List<Socket> sockets = BenchClient.connect(port, idle, CONNECTS_IN_FLIGHT);
			record(name, String.format("open %,d connections, %d in flight (ms)", idle, CONNECTS_IN_FLIGHT),
					Duration.ofNanos(System.nanoTime() - opening).toMillis());
			long after = server.memoryAfterGc();
			record(name, "memory per idle connection (bytes)", (after - before) / (double) idle);
			Duration drain = BenchClient.timeUntilAllClosed(sockets, server::terminate);
			record(name, String.format("SIGTERM to all %,d closed (ms)", idle), drain.toMillis());
			server.awaitExit(Duration.ofSeconds(60));
		}
	}

	private void record(String contender, String metric, double value) {
		if (!this.metrics.contains(metric)) {
			this.metrics.add(metric);
		}
		this.results.computeIfAbsent(contender, (key) -> new LinkedHashMap<>())
			.computeIfAbsent(metric, (key) -> new ArrayList<>())
			.add(value);
	}

	private void printTable(int rounds, int idle) throws Exception {
		List<String> names = List.copyOf(this.results.keySet());
		String baseline = names.getLast();
		System.out.printf("%nMedians of %d rounds, %s, %d cores (%s), loopback MTU %s, %s; each round starts every "
				+ "server once, in turn.%n%n", rounds, LocalDate.now(), Runtime.getRuntime().availableProcessors(),
				cpuModel(), Files.readString(Path.of("/sys/class/net/lo/mtu")).strip(), System.getProperty("java.vm.version"));
		StringBuilder header = new StringBuilder("| metric |");
		names.forEach((name) -> header.append(' ').append(name).append(" |"));
		names.subList(0, names.size() - 1).forEach((name) -> header.append(' ').append(name).append(" / ")
			.append(baseline).append(" |"));
		System.out.println(header);
		System.out.println(header.toString().replaceAll("[^|]+", " --- "));
		for (String metric : this.metrics) {
			StringBuilder row = new StringBuilder("| ").append(metric).append(" |");
			Function<String, Double> median = (name) -> median(this.results.get(name).get(metric));
			names.forEach((name) -> row.append(' ').append(format(median.apply(name))).append(" |"));
			names.subList(0, names.size() - 1).forEach((name) -> row.append(' ')
				.append(String.format(Locale.ROOT, "%.2fx", median.apply(name) / median.apply(baseline)))
				.append(" |"));
			System.out.println(row);
		}
	}

	private static String cpuModel() throws Exception {
		return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
			.filter((line) -> line.startsWith("model name"))
			.map((line) -> line.substring(line.indexOf(':') + 1).strip())
			.findFirst()
			.orElse("unknown CPU");
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static String format(double value) {
		return (value >= 100) ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
	}

	private static double micros(Duration duration) {
		return duration.toNanos() / 1000.0;
	}

	private static List<String> concat(List<String> list, String more) {
		List<String> all = new ArrayList<>(list);
		all.add(more);
		return all;
	}

}
