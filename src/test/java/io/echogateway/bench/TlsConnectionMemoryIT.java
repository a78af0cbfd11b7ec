package io.echogateway.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import io.echogateway.EchoGatewayApplication;
import io.echogateway.support.TestCertificates;
import io.echogateway.support.TestClient;
import io.echogateway.support.TlsFiles;
import io.echogateway.tcp.ServerIo;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures what one idle TLS connection that has echoed costs the server, in a JVM of its own as the benchmark
 * measures it (heap after a full collection plus native memory besides the heap), next to a plain one in the same run,
 * and fails if it grows back towards Spring Integration's 60 KB read buffer or its write buffer sized from
 * {@code SO_SNDBUF}.
 */
class TlsConnectionMemoryIT {

	private static final Pattern LISTENING = Pattern.compile("TCP server '.+' is listening on port (\\d+)\\b");

	private static final int CONNECTIONS = 2000;

	private static final long MOST_BYTES_PER_TLS_CONNECTION = 96 * 1024;

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final TestCertificates certificates = TestCertificates.create();

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void anIdleTlsConnectionThatHasEchoedKeepsNoLargeBuffers(ServerIo io) throws Exception {
		TlsFiles files = TlsFiles.create(this.directory, certificates);
		long plain = bytesPerConnection(io, new String[0], null);
		long tls = bytesPerConnection(io, files.settings("none"), certificates.clientContext(null));
		System.out.printf("memory per idle connection that has echoed, %s: plain %,d bytes, TLS %,d bytes%n",
				io, plain, tls);
		assertThat(tls).as("bytes per idle TLS connection").isLessThan(MOST_BYTES_PER_TLS_CONNECTION);
	}

	private static long bytesPerConnection(ServerIo io, String[] settings, @Nullable SSLContext tls) throws Exception {
		List<String> command = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
				EchoGatewayApplication.class.getName(), "--echo-gateway.tcp.port=0", "--server.port=0",
				"--echo-gateway.tcp.io=" + io.toString()));
		Stream.of(settings).map((setting) -> "--" + setting).forEach(command::add);
		List<TestClient> clients = new ArrayList<>();
		try (ServerProcess server = ServerProcess.start(command, LISTENING)) {
			InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.awaitPort(WAIT));
			connect(address, tls, clients, 200);
			long before = server.memoryAfterGc();
			connect(address, tls, clients, CONNECTIONS);
			long after = server.memoryAfterGc();
			return (after - before) / CONNECTIONS;
		}
		finally {
			clients.forEach(TestClient::close);
		}
	}

	private static void connect(InetSocketAddress address, @Nullable SSLContext tls, List<TestClient> clients,
			int count) throws IOException {
		for (int i = 0; i < count; i++) {
			TestClient client = (tls != null) ? TestClient.connectTls(tls, address, WAIT)
					: TestClient.connect(address, WAIT);
			String line = "connection " + i + "\n";
			assertThat(client.send(line).readLineText()).isEqualTo(line);
			clients.add(client);
		}
	}

}
