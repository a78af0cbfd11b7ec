package io.echogateway.drain;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import javax.net.ssl.SSLContext;

import io.echogateway.drain.connection.CloseReason;
import io.echogateway.support.EngineTlsClient;
import io.echogateway.support.HeldRequests;
import io.echogateway.support.RunningGateway;
import io.echogateway.support.TestCertificates;
import io.echogateway.support.TestClient;
import io.echogateway.support.TlsFiles;
import io.echogateway.tcp.ServerIo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The drain keeps its guarantees over TLS, on both server implementations: what was read is answered, idle connections
 * get the goodbye and {@code close_notify}, and the deadline forces and names what is left; run on the line service
 * ({@code com.example.lines}) with TLS from an SSL bundle.
 */
class TlsDrainTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String GOODBYE = "BYE draining\n";

	private static final int IDLE = 20;

	private static final int BUSY = 8;

	private static final int MOST_REQUESTS = 200_000;

	private static final TestCertificates certificates = TestCertificates.create();

	private static final SSLContext client = certificates.clientContext(null);

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void underLoadEveryRequestReadIsAnsweredAndEveryConnectionEndsWithTheGoodbyeAndCloseNotify(ServerIo io)
			throws Exception {
		TlsFiles files = TlsFiles.create(this.directory, certificates);
		try (RunningGateway gateway = RunningGateway.linesWithWeb(io,
				files.settings("none", "lines.goodbye=" + GOODBYE.strip()), HeldRequests.class);
				ExecutorService senders = Executors.newFixedThreadPool(BUSY)) {
			HeldRequests held = gateway.context().getBean(HeldRequests.class);
			List<EngineTlsClient> idle = new ArrayList<>();
			for (int i = 0; i < IDLE; i++) {
				EngineTlsClient connection = engineClient(gateway);
				assertThat(connection.send("idle " + i + "\n").readLine()).isEqualTo("idle " + i + "\n");
				idle.add(connection);
			}
			EngineTlsClient holder = engineClient(gateway).send("hold\n");
			held.awaitArrival();
			AtomicLongArray answered = new AtomicLongArray(BUSY);
			List<Future<Boolean>> busy = new ArrayList<>();
			for (int i = 0; i < BUSY; i++) {
				TestClient connection = gateway.connectTls(client);
				int index = i;
				busy.add(senders.submit(() -> sendUntilGoodbye(connection, index, answered)));
			}
			await().atMost(WAIT).until(() -> allAnsweredAtLeast(answered, 20));

			CompletableFuture<DrainReport> drain = gateway.drain().start();
			for (EngineTlsClient connection : idle) {
				assertThat(connection.readLine()).isEqualTo(GOODBYE);
				assertThat(connection.endsWithCloseNotify()).isTrue();
				connection.close();
			}
			for (Future<Boolean> sender : busy) {
				assertThat(sender.get(10, TimeUnit.SECONDS)).as("closed by the server").isTrue();
			}
			assertThat(drain).isNotDone();
			held.release();
			assertThat(holder.readLine()).isEqualTo("hold\n");
			assertThat(holder.readLine()).isEqualTo(GOODBYE);
			assertThat(holder.endsWithCloseNotify()).isTrue();
			holder.close();

			DrainReport report = drain.get(10, TimeUnit.SECONDS);
			assertThat(report.result()).isEqualTo(DrainResult.DRAINED);
			assertThat(report.connections()).isEqualTo(IDLE + 1 + BUSY);
			assertThat(report.forced()).isEmpty();
			long busyAnswers = 0;
			for (int i = 0; i < BUSY; i++) {
				busyAnswers += answered.get(i);
			}
			assertThat(gateway.server().traffic().requestsRead()).isEqualTo(IDLE + 1 + busyAnswers);
			assertThat(gateway.server().traffic().repliesWritten()).isEqualTo(IDLE + 1 + busyAnswers);
			assertThat(gateway.server().closed(CloseReason.DRAIN)).isEqualTo(IDLE + 1 + BUSY);
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aRequestHeldPastTheDeadlineIsForcedAndNamedAndItsConnectionStillGetsCloseNotify(ServerIo io)
			throws Exception {
		TlsFiles files = TlsFiles.create(this.directory, certificates);
		try (RunningGateway gateway = RunningGateway.linesWithWeb(io,
				files.settings("none", "tcp-drain.timeout=1s"), HeldRequests.class)) {
			HeldRequests held = gateway.context().getBean(HeldRequests.class);
			EngineTlsClient busy = engineClient(gateway).send("hold\n");
			held.awaitArrival();
			String id = gateway.server().connections().iterator().next().id();
			DrainReport report = gateway.drain().start().get(10, TimeUnit.SECONDS);
			held.release();
			assertThat(busy.endsWithCloseNotify()).isTrue();
			busy.close();
			assertThat(report.result()).isEqualTo(DrainResult.FORCED);
			assertThat(report.forced()).singleElement().satisfies((forced) -> {
				assertThat(forced.id()).isEqualTo(id);
				assertThat(forced.remoteAddress()).isEqualTo("127.0.0.1:" + busy.localPort());
				assertThat(forced.requestAge()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
			});
			assertThat(gateway.server().closed(CloseReason.FORCED)).isEqualTo(1);
		}
	}

	private static EngineTlsClient engineClient(RunningGateway gateway) throws IOException {
		return new EngineTlsClient(client, new InetSocketAddress("127.0.0.1", gateway.port()), WAIT);
	}

	/**
	 * Send requests one after another, each checked, until the server closes the connection, with or without the
	 * goodbye: a request written while the drain closes an idle connection is never read, and its goodbye may not be
	 * written either (the same as on plain TCP); tell whether the server closed it.
	 */
	private static boolean sendUntilGoodbye(TestClient connection, int index, AtomicLongArray answered)
			throws IOException {
		for (int n = 0; n < MOST_REQUESTS; n++) {
			String request = "busy " + index + " " + n + "\n";
			String reply = connection.send(request).readLineOrEnd();
			if (reply == null) {
				return true;
			}
			if (reply.equals(GOODBYE)) {
				return connection.isClosedByServer();
			}
			assertThat(reply).isEqualTo(request);
			answered.incrementAndGet(index);
		}
		return false;
	}

	private static boolean allAnsweredAtLeast(AtomicLongArray answered, long least) {
		for (int i = 0; i < answered.length(); i++) {
			if (answered.get(i) < least) {
				return false;
			}
		}
		return true;
	}

}
