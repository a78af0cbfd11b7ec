package io.echogateway.hostile;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.echogateway.drain.DrainReport;
import io.echogateway.drain.DrainResult;
import io.echogateway.support.RunningGateway;
import io.echogateway.support.TestCertificates;
import io.echogateway.support.TlsFiles;
import io.echogateway.tcp.ServerIo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * TLS clients that misbehave, on both servers of the line service ({@code com.example.lines}).
 */
class HostileTlsClientTests {

	/** More than loopback's socket buffers on both ends can hold. */
	private static final long MORE_THAN_BUFFERS = 16L * 1024 * 1024;

	private static final TestCertificates certificates = TestCertificates.create();

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aTlsClientThatFloodsAndNeverReadsCannotHoldItsGracefulClose(ServerIo io) throws Exception {
		TlsFiles files = TlsFiles.create(this.directory, certificates);
		try (RunningGateway gateway = RunningGateway.lines(io,
				files.settings("none", "lines.goodbye=BYE", "lines.delay=2ms"));
				Socket flooding = certificates.clientContext(null)
					.getSocketFactory()
					.createSocket("127.0.0.1", gateway.port())) {
			AtomicLong written = new AtomicLong();
			CompletableFuture<Boolean> flood = CompletableFuture.supplyAsync(() -> floodUntilRefused(flooding, written));
			await().until(() -> written.get() > MORE_THAN_BUFFERS / 4 && gateway.server().requestsInFlight() > 0);
			long atDrain = written.get();
			DrainReport report = gateway.drain().start().get(10, TimeUnit.SECONDS);
			assertThat(report.result()).isIn(DrainResult.DRAINED, DrainResult.FORCED);
			assertThat(written.get() - atDrain).as("bytes the client wrote while its connection closed")
				.isLessThan(MORE_THAN_BUFFERS);
			assertThat(flood.get(10, TimeUnit.SECONDS)).as("the client's writes end in a refusal").isTrue();
		}
	}

	/**
	 * Write 4 KB lines and read nothing, and tell whether a write failed before 400 MB were written.
	 */
	private static boolean floodUntilRefused(Socket socket, AtomicLong written) {
		byte[] line = new byte[4097];
		Arrays.fill(line, (byte) 'x');
		line[4096] = '\n';
		try {
			OutputStream out = socket.getOutputStream();
			for (int i = 0; i < 100_000; i++) {
				out.write(line);
				written.addAndGet(line.length);
			}
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

}
