package io.echogateway.tcp;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.echogateway.support.RunningGateway;
import io.echogateway.support.TestCertificates;
import io.echogateway.support.TlsFiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The TLS port as a client outside the JVM sees it: OpenSSL's {@code s_client} verifies the server's certificate
 * against the test authority and gets its echo, on both server implementations. Skipped where {@code openssl} is not
 * installed ({@code .ci/run} installs it).
 */
class OpensslClientTests {

	private static final TestCertificates certificates = TestCertificates.create();

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void opensslVerifiesTheCertificateAndGetsItsLineBack(ServerIo io) throws Exception {
		Optional<Path> openssl = openssl();
		assumeTrue(openssl.isPresent(), "openssl is not installed, so s_client cannot be tried against the TLS port");
		TlsFiles files = TlsFiles.create(this.directory, certificates);
		try (RunningGateway gateway = RunningGateway.start(io, files.settings("none"))) {
			Process client = new ProcessBuilder(openssl.get().toString(), "s_client", "-connect",
					"127.0.0.1:" + gateway.port(), "-CAfile", files.authorityCertificate().toString(),
					"-verify_return_error", "-verify_ip", "127.0.0.1", "-brief")
				.start();
			try {
				CompletableFuture<String> echo = CompletableFuture.supplyAsync(() -> readLine(client.inputReader()));
				try (Writer input = client.outputWriter()) {
					input.write("hello from openssl\n");
					input.flush();
					assertThat(echo.get(10, TimeUnit.SECONDS)).isEqualTo("hello from openssl");
				}
				assertThat(client.waitFor(10, TimeUnit.SECONDS)).isTrue();
				assertThat(client.exitValue()).isZero();
				assertThat(new String(client.getErrorStream().readAllBytes())).contains("Protocol version: TLSv1.3")
					.contains("Verification: OK");
			}
			finally {
				client.destroyForcibly();
			}
		}
	}

	private static Optional<Path> openssl() {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.map((directory) -> Path.of(directory, "openssl"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private static String readLine(BufferedReader reader) {
		try {
			return reader.readLine();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
