package io.echogateway.echo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.echogateway.drain.connection.CloseReason;
import io.echogateway.drain.connection.RejectReason;
import io.echogateway.support.HeldRequests;
import io.echogateway.support.RunningGateway;
import io.echogateway.support.TestClient;
import io.echogateway.tcp.ServerIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The LF echo protocol through the real TCP port, on both server implementations.
 */
@ExtendWith(OutputCaptureExtension.class)
class EchoProtocolTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void tenClientsEachSendingTenLinesGetEveryLineBack(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.start(io);
				ExecutorService clients = Executors.newFixedThreadPool(10)) {
			List<Future<List<String>>> replies = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				int client = i;
				replies.add(clients.submit(() -> {
					List<String> lines = new ArrayList<>();
					try (TestClient connection = gateway.connect()) {
						for (int count = 0; count < 10; count++) {
							lines.add(connection.send("client #" + client + ", count " + count + "\n").readLineText());
						}
					}
					return lines;
				}));
			}
			for (int i = 0; i < 10; i++) {
				List<String> expected = new ArrayList<>();
				for (int count = 0; count < 10; count++) {
					expected.add("client #" + i + ", count " + count + "\n");
				}
				assertThat(replies.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(expected);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void crlfAndLfLinesComeBackExactlyAsSent(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.start(io)) {
			TestClient client = gateway.connect();
			assertThat(client.send("telnet line\r\n").readLineText()).isEqualTo("telnet line\r\n");
			assertThat(client.send("plain line\n").readLineText()).isEqualTo("plain line\n");
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void nulAndInvalidUtf8BytesComeBackUnchanged(ServerIo io) throws Exception {
		byte[] line = { 'a', 0, (byte) 0xff, (byte) 0xc3, (byte) 0x28, (byte) 0xfe, 'z', '\n' };
		try (RunningGateway gateway = RunningGateway.start(io)) {
			assertThat(gateway.connect().send(line).readLine()).isEqualTo(line);
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void anEmptyLineComesBackEmpty(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.start(io)) {
			TestClient client = gateway.connect();
			assertThat(client.send("\n").readLineText()).isEqualTo("\n");
			assertThat(client.send("after\n").readLineText()).isEqualTo("after\n");
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aThousandLinesPipelinedInOneWriteComeBackInOrder(ServerIo io) throws Exception {
		ByteArrayOutputStream batch = new ByteArrayOutputStream();
		for (int i = 0; i < 1000; i++) {
			batch.writeBytes(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
		}
		try (RunningGateway gateway = RunningGateway.start(io)) {
			TestClient client = gateway.connect().send(batch.toByteArray());
			for (int i = 0; i < 1000; i++) {
				assertThat(client.readLineText()).isEqualTo("line " + i + "\n");
			}
			await().atMost(WAIT)
				.until(() -> gateway.server().connections().iterator().next().framesOut() == 1000);
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aFrameAtTheLimitIsEchoedAndOneByteOverGetsAnErrorAndACloseWhileOthersCarryOn(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.start(io, "echo-gateway.tcp.max-frame-size=1KB")) {
			TestClient bystander = gateway.connect();
			TestClient client = gateway.connect();
			byte[] under = line(1023);
			byte[] atLimit = line(1024);
			assertThat(client.send(under).readLine()).isEqualTo(under);
			assertThat(client.send(atLimit).readLine()).isEqualTo(atLimit);
			client.send(line(1025));
			assertThat(client.readLineText()).isEqualTo("ERR frame exceeds 1024 bytes\n");
			assertThat(client.isClosedByServer()).isTrue();
			await().atMost(WAIT).until(() -> gateway.server().closed(CloseReason.OVERSIZE) == 1);
			assertThat(bystander.send("still here\n").readLineText()).isEqualTo("still here\n");
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void oneConnectionOverTheLimitGetsServerBusyAndIsCountedAsRejected(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.start(io, "tcp-drain.limits.max-connections=2")) {
			TestClient first = gateway.connect();
			TestClient second = gateway.connect();
			assertThat(first.send("1\n").readLineText()).isEqualTo("1\n");
			assertThat(second.send("2\n").readLineText()).isEqualTo("2\n");
			TestClient third = gateway.connect();
			assertThat(third.readLineText()).isEqualTo("ERR server busy\n");
			assertThat(third.isClosedByServer()).isTrue();
			assertThat(gateway.server().rejected(RejectReason.LIMIT)).isEqualTo(1);
			assertThat(gateway.server().openConnections()).isEqualTo(2);
			assertThat(first.send("still served\n").readLineText()).isEqualTo("still served\n");
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aStormOfConnectionsOverTheLimitIsTurnedAwayEachWithItsRefusalAndWithoutAnError(ServerIo io,
			CapturedOutput output) throws Exception {
		try (RunningGateway gateway = RunningGateway.start(io, "tcp-drain.limits.max-connections=1")) {
			TestClient admitted = gateway.connect();
			assertThat(admitted.send("in\n").readLineText()).isEqualTo("in\n");
			int storm = 100;
			List<TestClient> refused = new ArrayList<>();
			for (int i = 0; i < storm; i++) {
				refused.add(gateway.connect());
			}
			for (TestClient client : refused) {
				assertThat(client.readLineText()).isEqualTo("ERR server busy\n");
				assertThat(client.isClosedByServer()).isTrue();
			}
			assertThat(gateway.server().rejected(RejectReason.LIMIT)).isEqualTo(storm);
			assertThat(admitted.send("still in\n").readLineText()).isEqualTo("still in\n");
			assertThat(output.getAll()).doesNotContain(" ERROR ");
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aClientThatEndsItsStreamWhileItsRequestIsInTheFlowGetsItsReplyPastTheIdleTimeoutThenTheClose(ServerIo io)
			throws Exception {
		try (RunningGateway gateway = RunningGateway.startWithWeb(io,
				new String[] { "tcp-drain.limits.idle-timeout=300ms" }, HeldRequests.class)) {
			HeldRequests held = gateway.context().getBean(HeldRequests.class);
			TestClient client = gateway.connect().send("hold\n");
			held.awaitArrival();
			client.shutdownOutput();
			try {
				await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> gateway.server().openConnections() == 1);
			}
			finally {
				held.release();
			}
			assertThat(client.readLineText()).isEqualTo("hold\n");
			assertThat(client.isClosedByServer()).isTrue();
			await().atMost(WAIT).until(() -> gateway.server().openConnections() == 0);
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aConnectionIdleForLongerThanTheIdleTimeoutIsClosed(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.start(io, "tcp-drain.limits.idle-timeout=300ms")) {
			TestClient client = gateway.connect();
			assertThat(client.send("hello\n").readLineText()).isEqualTo("hello\n");
			long start = System.nanoTime();
			assertThat(client.isClosedByServer()).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), WAIT);
			await().atMost(WAIT).until(() -> gateway.server().closed(CloseReason.IDLE_TIMEOUT) == 1);
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aClientThatResetsInTheMiddleOfAFrameIsClosedAndOthersCarryOn(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.start(io)) {
			TestClient bystander = gateway.connect();
			TestClient client = gateway.connect();
			assertThat(client.send("whole\n").readLineText()).isEqualTo("whole\n");
			client.send("half a fra");
			await().atMost(WAIT).until(() -> gateway.server().connections().stream().anyMatch((c) -> c.partialFrame()));
			client.reset();
			await().atMost(WAIT).until(() -> gateway.server().closed(CloseReason.CLIENT) == 1);
			assertThat(gateway.server().openConnections()).isEqualTo(1);
			assertThat(bystander.send("unaffected\n").readLineText()).isEqualTo("unaffected\n");
		}
	}

	private static byte[] line(int payloadSize) {
		byte[] line = new byte[payloadSize + 1];
		Arrays.fill(line, (byte) 'x');
		line[payloadSize] = '\n';
		return line;
	}

}
