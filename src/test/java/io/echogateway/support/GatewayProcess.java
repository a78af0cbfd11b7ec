package io.echogateway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar running in its own JVM, with its log read line by line as it is written.
 */
public final class GatewayProcess implements AutoCloseable {

	private static final Pattern TCP_PORT = Pattern.compile("TCP server '.+' is listening on port (\\d+)\\b");

	private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

	private static final Pattern HTTP_PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private final Process process;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private GatewayProcess(Process process) {
		this.process = process;
		Thread.ofPlatform().daemon().name("gateway-log").start(this::readLog);
	}

	/**
	 * Start the packaged jar on free ports, with a 512 MB heap, and wait until its TCP server listens.
	 * @param settings more settings, as {@code name=value}
	 * @return the running process
	 * @throws IOException if the JVM cannot be started
	 */
	public static GatewayProcess start(String... settings) throws IOException {
		return startWithHeap("512m", settings);
	}

	/**
	 * Start the packaged jar on free ports with the given heap and wait until its TCP server listens.
	 * @param maxHeap the {@code -Xmx} value, such as {@code 512m}
	 * @param settings more settings, as {@code name=value}
	 * @return the running process
	 * @throws IOException if the JVM cannot be started
	 */
	public static GatewayProcess startWithHeap(String maxHeap, String... settings) throws IOException {
		Path jar = Path.of(System.getProperty("echo-gateway.jar", "target/echo-gateway.jar"));
		assertThat(jar).as("the packaged jar; run the integration tests with ./mvnw verify").exists();
		return start(List.of(JAVA, "-Xmx" + maxHeap, "-jar", jar.toString()), settings);
	}

	/**
	 * Start a main class of this test class path in its own JVM on free ports, and wait until a TCP server listens.
	 * @param main the class with the main method
	 * @param settings more settings, as {@code name=value}
	 * @return the running process
	 * @throws IOException if the JVM cannot be started
	 */
	public static GatewayProcess startClass(Class<?> main, String... settings) throws IOException {
		return start(List.of(JAVA, "-Xmx512m", "-cp", System.getProperty("java.class.path"), main.getName()), settings);
	}

	/**
	 * Start a JVM with the given launch command and settings; the ports are free ones unless the settings name them.
	 */
	private static GatewayProcess start(List<String> launch, String... settings) throws IOException {
		List<String> command = new ArrayList<>(launch);
		Stream.of("echo-gateway.tcp.port=0", "server.port=0", "spring.main.banner-mode=off")
			.filter((setting) -> Stream.of(settings).noneMatch((given) -> given.startsWith(setting.split("=")[0] + "=")))
			.map((setting) -> "--" + setting)
			.forEach(command::add);
		Stream.of(settings).map((setting) -> "--" + setting).forEach(command::add);
		Path workDir = Files.createTempDirectory("echo-gateway-process");
		Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
		GatewayProcess gateway = new GatewayProcess(process);
		gateway.tcpPort();
		return gateway;
	}

	public int tcpPort() {
		return Integer.parseInt(awaitLine(TCP_PORT, Duration.ofSeconds(60)).group(1));
	}

	/**
	 * Return the port of one of several TCP servers, once it listens.
	 * @param server the bean name of its connection factory
	 * @return the port
	 */
	public int tcpPort(String server) {
		Pattern listening = Pattern.compile("TCP server '" + Pattern.quote(server) + "' is listening on port (\\d+)\\b");
		return Integer.parseInt(awaitLine(listening, Duration.ofSeconds(60)).group(1));
	}

	public int httpPort() {
		return Integer.parseInt(awaitLine(HTTP_PORT, Duration.ofSeconds(60)).group(1));
	}

	/**
	 * Wait for a log line that contains a match of the pattern.
	 * @param pattern what to find
	 * @param timeout how long to wait
	 * @return the match
	 */
	public Matcher awaitLine(Pattern pattern, Duration timeout) {
		await().atMost(timeout).until(() -> find(pattern).isPresent() || !this.process.isAlive());
		return line(pattern);
	}

	/**
	 * Wait until the log has at least the given number of lines that contain a match of the pattern.
	 * @param pattern what to find
	 * @param count how many lines
	 * @param timeout how long to wait
	 */
	public void awaitLines(Pattern pattern, int count, Duration timeout) {
		await().atMost(timeout)
			.until(() -> this.lines.stream().filter((line) -> pattern.matcher(line).find()).count() >= count
					|| !this.process.isAlive());
		assertThat(this.lines.stream().filter((line) -> pattern.matcher(line).find()).count())
			.as("lines matching %s in the log:%n%s", pattern, String.join("\n", this.lines))
			.isGreaterThanOrEqualTo(count);
	}

	/**
	 * Return the first log line so far that contains a match of the pattern.
	 * @param pattern what to find
	 * @return the match
	 * @throws AssertionError if no line has one
	 */
	public Matcher line(Pattern pattern) {
		return find(pattern).orElseThrow(() -> new AssertionError(
				"The gateway did not log " + pattern + ". Its log:\n" + String.join("\n", this.lines)));
	}

	private Optional<Matcher> find(Pattern pattern) {
		return this.lines.stream().map(pattern::matcher).filter(Matcher::find).findFirst();
	}

	public List<String> log() {
		return List.copyOf(this.lines);
	}

	/**
	 * Send SIGTERM, as {@code docker stop} and Kubernetes do, through the process handle: {@link Process#destroy()}
	 * would also close the pipe the log is read from.
	 */
	public void terminate() {
		this.process.toHandle().destroy();
	}

	/**
	 * Wait for the JVM to exit.
	 * @param timeout how long to wait
	 * @return the exit code
	 * @throws InterruptedException if interrupted while waiting
	 */
	public int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("The gateway did not exit within " + timeout + ". Its log:\n"
					+ String.join("\n", this.lines));
		}
		return this.process.exitValue();
	}

	private void readLog() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			this.lines.add("(reading the log failed: " + ex.getMessage() + ")");
		}
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

}
