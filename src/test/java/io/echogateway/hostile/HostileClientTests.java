package io.echogateway.hostile;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.echogateway.drain.DrainReport;
import io.echogateway.drain.DrainResult;
import io.echogateway.drain.connection.CloseReason;
import io.echogateway.support.RunningGateway;
import io.echogateway.support.TestClient;
import io.echogateway.tcp.ServerIo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.DirectFieldAccessor;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that pipeline floods, never read, or vanish, against real sockets on both server implementations: each gets
 * a bounded cost and a clear end, and the well-behaved clients and the drain carry on; run on the line service
 * ({@code com.example.lines}).
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileClientTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final int FLOOD_LINES = 4000;

	private static final int LARGE_FRAME = 60 * 1024;

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aPipelinedFloodThenAHalfCloseIsAnsweredInOrderQuicklyWithAFewThreads(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.lines(io);
				Socket socket = connect(gateway, Duration.ofSeconds(10))) {
			byte[] flood = new byte[FLOOD_LINES * 64];
			for (int i = 0; i < FLOOD_LINES; i++) {
				byte[] line = String.format("%063d\n", i).getBytes(StandardCharsets.US_ASCII);
				System.arraycopy(line, 0, flood, i * 64, 64);
			}
			int threadsBefore = this.threads.getThreadCount();
			this.threads.resetPeakThreadCount();
			long start = System.nanoTime();
			CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeThenHalfClose(socket, flood));
			byte[] replies = socket.getInputStream().readNBytes(flood.length);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			writer.get(10, TimeUnit.SECONDS);
			assertThat(replies).isEqualTo(flood);
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
			assertThat(took).isLessThan(Duration.ofSeconds(5));
			assertThat(this.threads.getPeakThreadCount() - threadsBefore).isLessThan(20);
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aClientThatNeverReadsIsClosedByTheSendTimeoutWhileAnotherIsServed(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.lines(io, "tcp-drain.limits.send-timeout=1s");
				Socket neverReads = connect(gateway, WAIT);
				TestClient other = gateway.connect()) {
			int threadsBefore = this.threads.getThreadCount();
			CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> writeLargeFramesUntilRefused(neverReads));
			await().atMost(WAIT).until(() -> gateway.server().closed(CloseReason.SEND_TIMEOUT) == 1);
			flood.get(10, TimeUnit.SECONDS);
			assertThat(other.send("still served\n").readLineText()).isEqualTo("still served\n");
			assertThat(gateway.server().openConnections()).isEqualTo(1);
			assertThat(this.threads.getThreadCount() - threadsBefore).isLessThan(20);
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aClientStuckInAWriteCannotDelayTheDrainOrTheGoodbyeOfOthers(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.lines(io, "tcp-drain.limits.send-timeout=60s",
				"lines.goodbye=bye", "tcp-drain.timeout=2s");
				Socket neverReads = connect(gateway, WAIT)) {
			List<TestClient> idle = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				TestClient client = gateway.connect();
				assertThat(client.send("hi\n").readLineText()).isEqualTo("hi\n");
				idle.add(client);
			}
			CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> writeLargeFramesUntilRefused(neverReads));
			AtomicLong lastSeen = new AtomicLong(-1);
			await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> writeBlocked(gateway, lastSeen));
			long start = System.nanoTime();
			DrainReport report = gateway.drain().start().get(10, TimeUnit.SECONDS);
			for (TestClient client : idle) {
				assertThat(client.readLineText()).isEqualTo("bye\n");
				assertThat(client.isClosedByServer()).isTrue();
			}
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
			assertThat(report.result()).isEqualTo(DrainResult.FORCED);
			assertThat(report.closedIdle()).isEqualTo(5);
			assertThat(report.forced()).hasSize(1);
			flood.get(10, TimeUnit.SECONDS);
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aGoodbyeStuckOnAClientThatDoesNotReadIsCutShortAtTheDeadlineAndCountedOnce(ServerIo io) throws Exception {
		String longGoodbye = "g".repeat(32 * 1024 * 1024);
		try (RunningGateway gateway = RunningGateway.lines(io, "tcp-drain.limits.send-timeout=60s",
				"lines.goodbye=" + longGoodbye, "tcp-drain.timeout=1s");
				Socket neverReads = connect(gateway, WAIT)) {
			await().atMost(WAIT).until(() -> gateway.server().openConnections() == 1);
			long start = System.nanoTime();
			DrainReport report = gateway.drain().start().get(10, TimeUnit.SECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the drain, 1 s timeout")
				.isLessThan(Duration.ofMillis(2500));
			assertThat(report.result()).isEqualTo(DrainResult.FORCED);
			assertThat(report.forced()).hasSize(1);
			assertThat(report.closedIdle() + report.closedAfterReply()).as("counted once, as forced").isZero();
			assertThat(gateway.server().openConnections()).isZero();
			neverReads.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
			assertThat(readToTheEnd(neverReads)).as("bytes of the goodbye before the close")
				.isLessThan(longGoodbye.length());
		}
	}

	/**
	 * Read until the end of the stream or a reset, and return how many bytes came.
	 */
	private static long readToTheEnd(Socket socket) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		try {
			int read;
			while ((read = socket.getInputStream().read(buffer)) > 0) {
				total += read;
			}
		}
		catch (SocketException ex) {
			// A reset: the server closed with bytes unsent.
		}
		return total;
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void clientsThatVanishWithRequestsInFlightLeaveNoErrorLine(ServerIo io, CapturedOutput output) throws Exception {
		try (RunningGateway gateway = RunningGateway.lines(io, "lines.delay=100ms")) {
			List<TestClient> clients = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				clients.add(gateway.connect().send("one\ntwo\nthree\nfour\nfive\n"));
			}
			await().atMost(WAIT).until(() -> gateway.server().requestsInFlight() > 0);
			for (TestClient client : clients) {
				client.reset();
			}
			await().atMost(WAIT).until(() -> gateway.server().openConnections() == 0
					&& gateway.server().requestsInFlight() == 0);
			assertThat(gateway.server().traffic().requestsRead()).isPositive();
		}
		assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain("\tat ");
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void closedConnectionsAreForgottenWithoutWaitingForTheNextAccept(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.lines(io)) {
			AbstractServerConnectionFactory factory = gateway.context().getBean(AbstractServerConnectionFactory.class);
			for (int i = 0; i < 200; i++) {
				try (TestClient client = gateway.connect()) {
					assertThat(client.send("storm\n").readLineText()).isEqualTo("storm\n");
				}
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> gateway.server().openConnections() == 0);
			// The factory's own table, which getOpenConnectionIds() would clean up itself when asked.
			Map<?, ?> table = (Map<?, ?>) new DirectFieldAccessor(factory).getPropertyValue("connections");
			await().atMost(Duration.ofSeconds(5)).until(table::isEmpty);
		}
	}

	private static Socket connect(RunningGateway gateway, Duration readTimeout) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()), (int) readTimeout.toMillis());
		socket.setSoTimeout((int) readTimeout.toMillis());
		return socket;
	}

	private static void writeThenHalfClose(Socket socket, byte[] bytes) {
		try {
			socket.getOutputStream().write(bytes);
			socket.shutdownOutput();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Write large frames and read nothing, until the server stops reading and the connection is closed.
	 */
	private static void writeLargeFramesUntilRefused(Socket socket) {
		byte[] frame = new byte[LARGE_FRAME + 1];
		Arrays.fill(frame, (byte) 'x');
		frame[LARGE_FRAME] = '\n';
		try {
			OutputStream out = socket.getOutputStream();
			for (int i = 0; i < 10_000; i++) {
				out.write(frame);
			}
		}
		catch (IOException ex) {
			// The server closed the connection, as it should.
		}
	}

	/**
	 * Tell whether the one request in flight has been waiting on its write since the previous poll.
	 */
	private static boolean writeBlocked(RunningGateway gateway, AtomicLong lastSeen) {
		long written = gateway.server().traffic().repliesWritten();
		return gateway.server().requestsInFlight() == 1 && lastSeen.getAndSet(written) == written;
	}

}
