package io.echogateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each way start-up fails prints one sentence through a failure analysis and no stack trace, in a JVM of its own as
 * an operator sees it.
 */
class StartupFailureIT {

	private static final Duration START_LIMIT = Duration.ofSeconds(60);

	@TempDir
	Path workDir;

	@Test
	void aTcpPortInUseStopsStartUpWithOneSentence() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			int port = taken.getLocalPort();
			assertOneSentence(start("echo-gateway.tcp.port=" + port, "server.port=0"),
					"TCP server 'tcpServer' failed to start. Port " + port + " was already in use.");
		}
	}

	@Test
	void aWebPortOutOfRangeStopsStartUpWithOneSentence() throws Exception {
		assertOneSentence(start("echo-gateway.tcp.port=0", "server.port=70000"),
				"server.port must be between 0 and 65535, or -1 for no HTTP server, but was 70000.");
	}

	@Test
	void aWebPortInUseStopsStartUpWithSpringBootsSentence() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			int port = taken.getLocalPort();
			assertOneSentence(start("echo-gateway.tcp.port=0", "server.port=" + port),
					"Web server failed to start. Port " + port + " was already in use.");
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			echo-gateway.tcp.framing=morse      | echo-gateway.tcp.framing must be one of lf, crlf, stx-etx, length-header, but was 'morse'
			tcp-drain.limits.idle-timeout=soon  | 'soon' is not a valid duration
			echo-gateway.tcp.max-frame-size=0   | echo-gateway.tcp.max-frame-size must be between 1B and 2GB, but was 0B
			tcp-drain.timeout=0s       | tcp-drain.timeout must be positive, but was 0s
			tcp-drain.timeout=30s      | tcp-drain.grace-period (0s) plus tcp-drain.timeout (30s) plus the 1500ms the drain needs to release the port and finish forced closes must be shorter than spring.lifecycle.timeout-per-shutdown-phase (30s)
			""")
	void anInvalidSettingStopsStartUpWithOneSentence(String setting, String sentence) throws Exception {
		assertOneSentence(start("echo-gateway.tcp.port=0", "server.port=0", setting), sentence);
	}

	private static void assertOneSentence(Console console, String sentence) {
		assertThat(console.exitCode()).as(console.output()).isEqualTo(1);
		assertThat(console.output()).contains("APPLICATION FAILED TO START")
			.contains(sentence)
			.doesNotContainPattern("(?m)^\tat ")
			.as("setting values are listed as they are written, in lower case")
			.doesNotContain("LENGTH_HEADER");
	}

	private Console start(String... settings) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				EchoGatewayApplication.class.getName()));
		Stream.of(settings).map((setting) -> "--" + setting).forEach(command::add);
		Path output = this.workDir.resolve("console.txt");
		Process process = new ProcessBuilder(command).directory(this.workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		if (!process.waitFor(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("The application did not exit within " + START_LIMIT + ":\n"
					+ Files.readString(output, StandardCharsets.UTF_8));
		}
		return new Console(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
	}

	/**
	 * What one run of the application printed and how it ended.
	 *
	 * @param exitCode the exit code of its JVM
	 * @param output what it wrote to standard output and standard error
	 */
	private record Console(int exitCode, String output) {

	}

}
