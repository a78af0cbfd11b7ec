package io.echogateway.support;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * HAProxy from the system's package in TCP mode in front of echo-gateway instances, health-checking each one's
 * readiness endpoint, with its stats socket read to see which instances it sends connections to.
 */
public final class HaproxyProcess implements AutoCloseable {

	/** How often HAProxy checks each instance's readiness. */
	public static final Duration CHECK_INTERVAL = Duration.ofMillis(200);

	private static final Path BINARY = Path.of("/usr/sbin/haproxy");

	private final Process process;

	private final Path statsSocket;

	private HaproxyProcess(Process process, Path statsSocket) {
		this.process = process;
		this.statsSocket = statsSocket;
	}

	/**
	 * Tell whether HAProxy can run here, and why not.
	 * @return empty if it can, else a sentence
	 */
	public static Optional<String> unavailable() {
		return Files.isExecutable(BINARY) ? Optional.empty()
				: Optional.of("HAProxy is not installed at " + BINARY + " (apt-get install haproxy); skipping the "
						+ "rolling update behind a load balancer.");
	}

	/**
	 * Start HAProxy on the given port in front of instances, named by their TCP and HTTP ports.
	 * @param directory where its configuration and stats socket go
	 * @param port the port clients connect to
	 * @param instances each instance's name and its TCP and HTTP ports
	 * @return the running HAProxy, once its stats socket answers
	 * @throws IOException if it cannot be started
	 */
	public static HaproxyProcess start(Path directory, int port, Map<String, int[]> instances) throws IOException {
		Path statsSocket = directory.resolve("haproxy.sock");
		String servers = instances.entrySet()
			.stream()
			.map((instance) -> "  server " + instance.getKey() + " 127.0.0.1:" + instance.getValue()[0] + " check port "
					+ instance.getValue()[1])
			.collect(Collectors.joining("\n"));
		String configuration = """
				global
				  maxconn 4000
				  stats socket %s mode 600 level admin
				defaults
				  mode tcp
				  timeout connect 2s
				  timeout client 60s
				  timeout server 60s
				  retries 3
				  option redispatch
				frontend echo
				  bind 127.0.0.1:%d
				  default_backend instances
				backend instances
				  balance roundrobin
				  option httpchk GET /actuator/health/readiness
				  http-check expect status 200
				  default-server inter %dms fall 2 rise 1
				%s
				""".formatted(statsSocket, port, CHECK_INTERVAL.toMillis(), servers);
		Path file = directory.resolve("haproxy.cfg");
		Files.writeString(file, configuration);
		Process process = new ProcessBuilder(BINARY.toString(), "-db", "-f", file.toString())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("haproxy.log").toFile())
			.start();
		HaproxyProcess haproxy = new HaproxyProcess(process, statsSocket);
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> !haproxy.stat().isEmpty());
		return haproxy;
	}

	/**
	 * Return the state HAProxy has for an instance, such as {@code UP} or {@code DOWN}.
	 * @param instance the instance's name
	 * @return its state
	 * @throws IOException if the stats socket does not answer
	 */
	public String state(String instance) throws IOException {
		for (String line : stat()) {
			List<String> fields = Arrays.asList(line.split(","));
			if (fields.size() > 17 && fields.get(0).equals("instances") && fields.get(1).equals(instance)) {
				return fields.get(17);
			}
		}
		throw new IOException("HAProxy knows no instance '" + instance + "'");
	}

	private List<String> stat() throws IOException {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(this.statsSocket));
			channel.write(ByteBuffer.wrap("show stat\n".getBytes(StandardCharsets.US_ASCII)));
			ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
			while (channel.read(buffer) >= 0 && buffer.hasRemaining()) {
				// Read until HAProxy closes the socket after its answer.
			}
			buffer.flip();
			return StandardCharsets.US_ASCII.decode(buffer).toString().lines().filter((line) -> !line.isBlank()).toList();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
