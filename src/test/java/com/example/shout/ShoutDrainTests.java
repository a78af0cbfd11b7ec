package com.example.shout;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

import io.echogateway.drain.Drain;
import io.echogateway.drain.DrainReport;
import io.echogateway.drain.DrainResult;
import io.echogateway.drain.DrainState;
import io.echogateway.drain.tls.ServerTls;
import io.echogateway.drain.tracking.ConnectionRegistry;
import io.echogateway.drain.tracking.TrackedServer;
import io.echogateway.support.LengthHeaderClient;
import io.echogateway.support.SelfSignedKeyStore;
import io.echogateway.support.TestCertificates;
import io.echogateway.support.TestClient;
import io.echogateway.support.TlsFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * A service that is not echo, with {@code String} payloads, its own interceptor, a CRLF server on net and a
 * length-header server on nio with TLS, drains on shutdown with no drain code of its own.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShoutDrainTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@TempDir
	static Path directory;

	private static SelfSignedKeyStore keyStore;

	@BeforeAll
	static void makeKeyStore() throws Exception {
		keyStore = SelfSignedKeyStore.create(directory);
	}

	@Test
	void inFlightRequestsAreAnsweredIdleConnectionsClosedAtOnceAndBothPortsFreed() throws Exception {
		ConfigurableApplicationContext context = start();
		Slowness slowness = context.getBean(Slowness.class);
		TrackedServer plain = server(context, "plainServer");
		TrackedServer tls = server(context, "tlsServer");
		TestClient plainBusy = plainClient(plain);
		LengthHeaderClient tlsBusy = tlsClient(tls);
		TestClient plainIdle = plainClient(plain);
		LengthHeaderClient tlsIdle = tlsClient(tls);
		assertThat(plainIdle.send("quiet\r\n").readLineText()).isEqualTo("QUIET\r\n");
		assertThat(tlsIdle.send("quiet").read()).isEqualTo("QUIET");
		plainBusy.send("hold plain\r\n");
		tlsBusy.send("hold tls");
		await().atMost(WAIT).until(() -> plain.requestsInFlight() == 1 && tls.requestsInFlight() == 1);
		Drain drain = context.getBean(Drain.class);
		Audit audit = context.getBean(Audit.class);
		CompletableFuture<Void> shutdown = CompletableFuture.runAsync(context::close);
		assertThat(plainIdle.isClosedByServer()).isTrue();
		assertThat(tlsIdle.isClosedByServer()).isTrue();
		await().atMost(WAIT).until(() -> refuses(plain.port()) && refuses(tls.port()));
		assertThat(shutdown).isNotDone();
		slowness.release();
		assertThat(plainBusy.readLineText()).isEqualTo("HOLD PLAIN\r\n");
		assertThat(tlsBusy.read()).isEqualTo("HOLD TLS");
		assertThat(plainBusy.isClosedByServer()).isTrue();
		assertThat(tlsBusy.isClosedByServer()).isTrue();
		shutdown.get(10, TimeUnit.SECONDS);
		DrainReport report = drain.lastReport();
		assertThat(report).isNotNull();
		assertThat(report.result()).isEqualTo(DrainResult.DRAINED);
		assertThat(report.connections()).isEqualTo(4);
		assertThat(report.closedIdle()).isEqualTo(2);
		assertThat(report.closedAfterReply()).isEqualTo(2);
		assertThat(audit.requests()).isEqualTo(4);
		assertThat(audit.replies()).isEqualTo(4);
		for (int port : List.of(plain.port(), tls.port())) {
			try (ServerSocket rebound = new ServerSocket(port)) {
				assertThat(rebound.getLocalPort()).isEqualTo(port);
			}
		}
	}

	@Test
	void aRequestStillBusyAtTheDeadlineIsForcedAndNamedInTheReport(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext context = start("--tcp-drain.timeout=1s");
		Slowness slowness = context.getBean(Slowness.class);
		TrackedServer tls = server(context, "tlsServer");
		LengthHeaderClient busy = tlsClient(tls);
		busy.send("hold forever");
		assertThat(slowness.awaitHeld()).isTrue();
		String id = tls.connections().iterator().next().id();
		Drain drain = context.getBean(Drain.class);
		CompletableFuture<Void> shutdown = CompletableFuture.runAsync(context::close);
		assertThat(busy.isClosedByServer()).isTrue();
		slowness.release();
		shutdown.get(10, TimeUnit.SECONDS);
		DrainReport report = drain.lastReport();
		assertThat(report).isNotNull();
		assertThat(report.result()).isEqualTo(DrainResult.FORCED);
		assertThat(report.forced()).singleElement().satisfies((forced) -> {
			assertThat(forced.id()).isEqualTo(id);
			assertThat(forced.requestAge()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		});
		assertThat(slowness.awaitHoldersEnded()).isTrue();
		assertThat(output.getAll()).doesNotContain("Connection not found", "got no reply to a request");
	}

	@Test
	void theEndpointsAndMetersShowBothServers() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			TrackedServer plain = server(context, "plainServer");
			TrackedServer tls = server(context, "tlsServer");
			try (TestClient client = plainClient(plain)) {
				assertThat(client.send("hi\r\n").readLineText()).isEqualTo("HI\r\n");
				String actuator = "http://127.0.0.1:"
						+ ((WebServerApplicationContext) context).getWebServer().getPort() + "/actuator";
				assertThat(get(actuator + "/connections")).contains("\"name\":\"plainServer\"",
						"\"name\":\"tlsServer\"", "\"framesIn\":1");
				assertThat(get(actuator + "/drain")).contains("\"state\":\"ACCEPTING\"");
				assertThat(send(actuator + "/drain", "POST")).as("a drain the application did not allow").isNotEqualTo(202);
				String id = plain.connections().iterator().next().id();
				assertThat(send(actuator + "/connections/" + id, "DELETE")).as("a close the application did not allow")
					.isNotEqualTo(200)
					.isNotEqualTo(202);
				assertThat(context.getBean(Drain.class).state()).isEqualTo(DrainState.ACCEPTING);
				assertThat(plain.openConnections()).isEqualTo(1);
				assertThat(get(actuator + "/prometheus")).contains(
						"tcp_server_connections_open{port=\"" + plain.port() + "\"} 1",
						"tcp_server_connections_open{port=\"" + tls.port() + "\"} 0");
				assertThat(get(actuator + "/health/tcpServer")).contains("\"status\":\"UP\"");
			}
		}
	}

	private static ConfigurableApplicationContext start(String... settings) {
		String[] args = Stream.concat(Stream.of("--spring.config.name=shout", "--spring.main.banner-mode=off",
				"--shout.key-store=" + keyStore.location(), "--shout.key-store-password=" + keyStore.password()),
				Stream.of(settings))
			.toArray(String[]::new);
		return SpringApplication.run(ShoutApplication.class, args);
	}

	private static TrackedServer server(ConfigurableApplicationContext context, String name) {
		return context.getBean(ConnectionRegistry.class)
			.servers()
			.stream()
			.filter((server) -> server.name().equals(name))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void theComponentServesTlsFromABundleOnAServerWithNoTlsCodeReloadsItAndLeavesTheOwnTlsOfAnother(
			CapturedOutput output) throws Exception {
		TestCertificates certificates = TestCertificates.create();
		TlsFiles files = TlsFiles.create(Files.createTempDirectory(directory, "bundle"), certificates);
		String[] settings = Stream.of(files.settings("none"))
			.filter((setting) -> setting.startsWith("spring.ssl."))
			.map((setting) -> "--" + setting)
			.toArray(String[]::new);
		try (ConfigurableApplicationContext context = start(Stream
			.concat(Stream.of(settings), Stream.of("--tcp-drain.servers.plainServer.ssl.bundle=tcp"))
			.toArray(String[]::new))) {
			TrackedServer plain = server(context, "plainServer");
			SSLContext trusting = certificates.clientContext(null);
			InetSocketAddress address = new InetSocketAddress("127.0.0.1", plain.port());
			TestClient old = TestClient.connectTls(trusting, address, WAIT);
			assertThat(old.send("over tls\r\n").readLineText()).isEqualTo("OVER TLS\r\n");
			BigInteger renewed = files.renewServerCertificate().certificate().getSerialNumber();
			await().atMost(WAIT).until(() -> {
				try (TestClient next = TestClient.connectTls(trusting, address, WAIT)) {
					return serial(next).equals(renewed);
				}
			});
			assertThat(old.send("still\r\n").readLineText()).isEqualTo("STILL\r\n");
			assertThat(tlsClient(server(context, "tlsServer")).send("own tls").read()).isEqualTo("OWN TLS");
			ServerTls tls = context.getBean(ServerTls.class);
			assertThat(tls.describe("plainServer")).hasValueSatisfying(
					(description) -> assertThat(description.bundle()).isEqualTo("tcp"));
			assertThat(tls.describe("tlsServer")).isEmpty();
			assertThat(output.getAll()).contains("SSL bundle 'tcp' was reloaded");
		}
	}

	@Test
	void tlsForEveryServerIsRefusedAtStartUpWhereAServerHasTlsOfItsOwn() throws Exception {
		TlsFiles files = TlsFiles.create(Files.createTempDirectory(directory, "conflict"), TestCertificates.create());
		String[] settings = Stream.of(files.settings("none"))
			.filter((setting) -> setting.startsWith("spring.ssl.") || setting.startsWith("tcp-drain.ssl.bundle"))
			.map((setting) -> "--" + setting)
			.toArray(String[]::new);
		assertThatException().isThrownBy(() -> start(settings))
			.havingRootCause()
			.withMessageContaining("TCP server 'tlsServer' is given TLS by tcp-drain.ssl.bundle but has a "
					+ "DefaultTcpNioSSLConnectionSupport of its own");
	}

	private static BigInteger serial(TestClient client) throws IOException {
		return ((X509Certificate) client.tlsSession().getPeerCertificates()[0]).getSerialNumber();
	}

	private static TestClient plainClient(TrackedServer server) throws Exception {
		return TestClient.connect(new InetSocketAddress("127.0.0.1", server.port()), WAIT);
	}

	private static LengthHeaderClient tlsClient(TrackedServer server) throws Exception {
		Socket socket = keyStore.clientContext().getSocketFactory().createSocket("127.0.0.1", server.port());
		return new LengthHeaderClient(socket, WAIT);
	}

	private static boolean refuses(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static int send(String uri, String method) throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http.send(HttpRequest.newBuilder(URI.create(uri)).method(method, HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
	}

	private static String get(String uri) throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString()).body();
		}
	}

}
