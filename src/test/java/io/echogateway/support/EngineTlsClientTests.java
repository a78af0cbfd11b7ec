package io.echogateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TLS drain tests rely on this client to tell {@code close_notify} from a bare close, so it is tested against a
 * JDK server that does one or the other.
 */
class EngineTlsClientTests {

	private static final TestCertificates certificates = TestCertificates.create();

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void itTellsACloseWithCloseNotifyFromOneWithout(boolean closeNotify) throws Exception {
		SSLContext server = certificates.serverContext(certificates.server());
		try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CompletableFuture<Void> served = CompletableFuture.runAsync(() -> serveOneLine(server, listener,
					closeNotify));
			try (EngineTlsClient client = new EngineTlsClient(certificates.clientContext(null),
					new InetSocketAddress("127.0.0.1", listener.getLocalPort()), Duration.ofSeconds(10))) {
				assertThat(client.send("hi\n").readLine()).isEqualTo("hi\n");
				assertThat(client.endsWithCloseNotify()).isEqualTo(closeNotify);
			}
			served.get(10, TimeUnit.SECONDS);
		}
	}

	private static void serveOneLine(SSLContext context, ServerSocket listener, boolean closeNotify) {
		try (Socket plain = listener.accept()) {
			SSLSocket tls = (SSLSocket) context.getSocketFactory()
				.createSocket(plain, null, plain.getPort(), false);
			tls.setUseClientMode(false);
			byte[] line = new byte[3];
			tls.getInputStream().readNBytes(line, 0, line.length);
			tls.getOutputStream().write(line);
			tls.getOutputStream().flush();
			if (closeNotify) {
				tls.close();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
