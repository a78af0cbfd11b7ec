package io.echogateway.tcp;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

import io.echogateway.drain.connection.CloseReason;
import io.echogateway.drain.state.ConnectionState;
import io.echogateway.support.ActuatorClient;
import io.echogateway.support.RunningGateway;
import io.echogateway.support.TestCertificates;
import io.echogateway.support.TestClient;
import io.echogateway.support.TlsFiles;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * TLS on the TCP port from a PEM SSL bundle, against real sockets and JDK TLS clients on both server implementations.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final TestCertificates certificates = TestCertificates.create();

	private static final SSLContext anonymous = certificates.clientContext(null);

	@TempDir
	Path directory;

	static Stream<Arguments> framings() {
		byte[] large = new byte[40_000];
		Arrays.fill(large, (byte) 'x');
		return Stream.of(ServerIo.values())
			.flatMap((io) -> Stream.of(Arguments.of(io, "lf", bytes("one\ntwo\r\n"), bytes("one\ntwo\r\n")),
					Arguments.of(io, "crlf", bytes("one\ntwo\r\n"), bytes("one\ntwo\r\n")),
					Arguments.of(io, "stx-etx", bytes("\u0002a\nb\u0003\u0002c\u0003"),
							bytes("\u0002a\nb\u0003\u0002c\u0003")),
					Arguments.of(io, "length-header", lengthHeader(large), lengthHeader(large))));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("framings")
	void everyFramingIsEchoedOverTls(ServerIo io, String framing, byte[] request, byte[] reply) throws Exception {
		TlsFiles files = TlsFiles.create(this.directory, certificates);
		try (RunningGateway gateway = RunningGateway.start(io,
				files.settings("none", "echo-gateway.tcp.framing=" + framing))) {
			TestClient client = gateway.connectTls(anonymous);
			assertThat(client.send(request).readExactly(reply.length)).isEqualTo(reply);
			assertThat(client.tlsSession().getProtocol()).isEqualTo("TLSv1.3");
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void mutualTlsServesATrustedClientAndRefusesOneWithoutACertificate(ServerIo io) throws Exception {
		TlsFiles files = TlsFiles.create(this.directory, certificates);
		try (RunningGateway gateway = RunningGateway.start(io, files.settings("need"))) {
			TestClient trusted = gateway.connectTls(certificates.clientContext(certificates.client("trusted")));
			assertThat(trusted.send("with a certificate\n").readLineText()).isEqualTo("with a certificate\n");
			assertThat(isRefused(gateway, anonymous)).isTrue();
			await().atMost(WAIT).until(() -> failures(gateway, "no-certificate") == 1);
			assertThat(trusted.send("still served\n").readLineText()).isEqualTo("still served\n");
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void wantServesClientsWithAndWithoutACertificate(ServerIo io) throws Exception {
		TlsFiles files = TlsFiles.create(this.directory, certificates);
		try (RunningGateway gateway = RunningGateway.start(io, files.settings("want"))) {
			SSLContext trusted = certificates.clientContext(certificates.client("trusted"));
			assertThat(gateway.connectTls(trusted).send("with\n").readLineText()).isEqualTo("with\n");
			assertThat(gateway.connectTls(anonymous).send("without\n").readLineText()).isEqualTo("without\n");
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void eachBadHandshakeIsOneWarningAndOneCountAndFreesItsSlotWhileOthersAreServed(ServerIo io,
			CapturedOutput output) throws Exception {
		TlsFiles files = TlsFiles.create(this.directory, certificates);
		try (RunningGateway gateway = RunningGateway.start(io,
				files.settings("need", "tcp-drain.ssl.handshake-timeout=1s"))) {
			TestClient served = gateway.connectTls(certificates.clientContext(certificates.client("served")));
			assertThat(served.send("before\n").readLineText()).isEqualTo("before\n");

			assertThat(gateway.connect().send("plain text\n").isClosedByServerWithin(64)).isTrue();
			await().atMost(WAIT).until(() -> failures(gateway, "not-tls") == 1);
			assertThat(isRefused(gateway, certificates.clientContext(certificates.strangerClient()))).isTrue();
			await().atMost(WAIT).until(() -> failures(gateway, "untrusted-certificate") == 1);
			assertThat(isRefused(gateway, certificates.clientContext(certificates.expiredClient()))).isTrue();
			await().atMost(WAIT).until(() -> failures(gateway, "expired-certificate") == 1);
			assertThat(isRefused(gateway, certificates.clientContext(certificates.notYetValidClient()))).isTrue();
			await().atMost(WAIT).until(() -> failures(gateway, "not-yet-valid-certificate") == 1);
			long silentSince = System.nanoTime();
			assertThat(gateway.connect().isClosedByServerWithin(64)).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - silentSince)).isBetween(Duration.ofMillis(900),
					Duration.ofSeconds(3));
			await().atMost(WAIT).until(() -> failures(gateway, "timeout") == 1);

			assertThat(served.send("after\n").readLineText()).isEqualTo("after\n");
			await().atMost(WAIT).until(() -> gateway.server().openConnections() == 1);
			if (io == ServerIo.NET) {
				assertThat(gateway.server().accepted()).as("only finished handshakes reach the server").isOne();
			}
			else {
				assertThat(gateway.server().closed(CloseReason.ERROR)).as("failed handshakes closed").isEqualTo(5);
			}
			assertThat(output.getAll().lines().filter((line) -> line.contains("TLS handshake with"))
				.filter((line) -> line.contains(" WARN ")))
				.hasSize(5);
			assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain(" ERROR ");
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aTlsClientThatVanishesInTheMiddleOfAFrameIsOneWarningWithoutAStackTrace(ServerIo io, CapturedOutput output)
			throws Exception {
		TlsFiles files = TlsFiles.create(this.directory, certificates);
		try (RunningGateway gateway = RunningGateway.start(io, files.settings("none"))) {
			TestClient vanishing = gateway.connectTls(anonymous);
			assertThat(vanishing.send("first\n").readLineText()).isEqualTo("first\n");
			vanishing.send("half a fr");
			await().atMost(WAIT)
				.until(() -> gateway.server().connections().stream().anyMatch(ConnectionState::partialFrame));
			vanishing.reset();
			await().atMost(WAIT).until(() -> gateway.server().openConnections() == 0);
			assertThat(gateway.connectTls(anonymous).send("next\n").readLineText()).isEqualTo("next\n");
			await().atMost(WAIT)
				.until(() -> output.getAll().contains("was closed by the client with a frame unfinished"));
			assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain(" ERROR ");
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aTlsClientThatNeverReadsIsClosedByTheSendTimeoutWhileAnotherIsServed(ServerIo io) throws Exception {
		TlsFiles files = TlsFiles.create(this.directory, certificates);
		try (RunningGateway gateway = RunningGateway.start(io,
				files.settings("none", "tcp-drain.limits.send-timeout=1s"))) {
			TestClient neverReads = gateway.connectTls(anonymous);
			TestClient other = gateway.connectTls(anonymous);
			CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> writeLargeLinesUntilClosed(neverReads));
			await().atMost(WAIT).until(() -> gateway.server().closed(CloseReason.SEND_TIMEOUT) == 1);
			flood.get(10, TimeUnit.SECONDS);
			assertThat(other.send("still served\n").readLineText()).isEqualTo("still served\n");
			assertThat(gateway.server().openConnections()).isEqualTo(1);
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aRenewedCertificateIsServedToTheNextConnectionWhileAnOpenOneKeepsItsOwn(ServerIo io,
			CapturedOutput output) throws Exception {
		TlsFiles files = TlsFiles.create(this.directory, certificates);
		try (RunningGateway gateway = RunningGateway.start(io, files.settings("none"))) {
			TestClient old = gateway.connectTls(anonymous);
			assertThat(old.send("before\n").readLineText()).isEqualTo("before\n");
			BigInteger oldSerial = serial(old);
			BigInteger renewed = files.renewServerCertificate().certificate().getSerialNumber();
			await().atMost(WAIT).until(() -> {
				try (TestClient next = TestClient.connectTls(anonymous, address(gateway), WAIT)) {
					return serial(next).equals(renewed);
				}
			});
			assertThat(old.send("after\n").readLineText()).isEqualTo("after\n");
			assertThat(serial(old)).isEqualTo(oldSerial);
			assertThat(output.getAll()).contains("SSL bundle 'tcp' was reloaded: new TLS connections get the "
					+ "certificate of CN=localhost valid until");
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void operatorsSeeTheTlsInTheInfoHealthConnectionsAndMetrics(ServerIo io) throws Exception {
		TlsFiles files = TlsFiles.create(this.directory, certificates);
		try (RunningGateway gateway = RunningGateway.startWithWeb(io,
				files.settings("none", "echo-gateway.admin.password=test-secret"))) {
			ActuatorClient anyone = ActuatorClient.anonymous(gateway.actuator());
			ActuatorClient admin = anyone.as("admin", "test-secret");
			assertThat(gateway.connectTls(anonymous).send("hello\n").readLineText()).isEqualTo("hello\n");
			ActuatorClient.Reply connections = admin.get("/connections");
			assertThat(connections.<String>json("$.connections[0].tlsProtocol")).isEqualTo("TLSv1.3");
			assertThat(connections.<String>json("$.connections[0].tlsCipher")).startsWith("TLS_");
			ActuatorClient.Reply info = anyone.get("/info");
			assertThat(info.<Boolean>json("$.tcp.tls.enabled")).isTrue();
			assertThat(info.<String>json("$.tcp.tls.bundle")).isEqualTo("tcp");
			assertThat(info.<String>json("$.tcp.tls.clientAuth")).isEqualTo("none");
			assertThat(Instant.parse(info.json("$.tcp.tls.certificateValidUntil")))
				.isAfter(Instant.now().plus(Duration.ofDays(1)));
			assertThat(admin.get("/health").<String>json("$.components.ssl.status")).isEqualTo("UP");
			assertThat(admin.get("/health").<Integer>json("$.components.ssl.details.validChains.length()"))
				.isPositive();
			assertThat(gateway.connect().send("plain\n").isClosedByServerWithin(64)).isTrue();
			String sample = "tcp_server_tls_handshake_failures_total{port=\"" + gateway.port()
					+ "\",reason=\"not-tls\"}";
			await().atMost(WAIT).until(() -> anyone.prometheus(sample) == 1.0);
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void plainTcpShowsTlsOffInTheInfo(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.startWithWeb(io, new String[0])) {
			ActuatorClient.Reply info = ActuatorClient.anonymous(gateway.actuator()).get("/info");
			assertThat(info.<Boolean>json("$.tcp.tls.enabled")).isFalse();
			assertThat(info.body()).doesNotContain("bundle");
		}
	}

	/**
	 * Write large lines and read nothing, until the server stops reading and closes the connection.
	 */
	private static void writeLargeLinesUntilClosed(TestClient client) {
		byte[] line = new byte[60 * 1024];
		Arrays.fill(line, (byte) 'x');
		line[line.length - 1] = '\n';
		try {
			for (int i = 0; i < 10_000; i++) {
				client.send(line);
			}
		}
		catch (IOException ex) {
			// The server closed the connection, as it should.
		}
	}

	private static boolean isRefused(RunningGateway gateway, SSLContext client) {
		try (TestClient attempt = TestClient.connectTls(client, address(gateway), WAIT)) {
			attempt.send("let me in\n").readLine();
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static double failures(RunningGateway gateway, String reason) {
		return gateway.context()
			.getBean(MeterRegistry.class)
			.get("tcp.server.tls.handshake.failures")
			.tag("reason", reason)
			.functionCounter()
			.count();
	}

	private static BigInteger serial(TestClient client) throws IOException {
		return ((X509Certificate) client.tlsSession().getPeerCertificates()[0]).getSerialNumber();
	}

	private static InetSocketAddress address(RunningGateway gateway) {
		return new InetSocketAddress("127.0.0.1", gateway.port());
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static byte[] lengthHeader(byte[] payload) {
		return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
	}

}
