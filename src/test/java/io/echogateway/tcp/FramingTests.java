package io.echogateway.tcp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.echogateway.support.RunningGateway;
import io.echogateway.support.TestClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each framing through the real TCP port, on both server implementations.
 */
class FramingTests {

	private static final byte STX = 0x02;

	private static final byte ETX = 0x03;


	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void crlfFramesComeBackWithCrlfAndALoneLfStaysInThePayload(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.start(io, "echo-gateway.tcp.framing=crlf")) {
			TestClient client = gateway.connect();
			assertThat(client.send("one\ntwo\r\n").readLineText()).isEqualTo("one\n");
			assertThat(client.readLineText()).isEqualTo("two\r\n");
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void crlfFramesMayCarryExactlyTheMaximumPayload(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.start(io, "echo-gateway.tcp.framing=crlf",
				"echo-gateway.tcp.max-frame-size=16B")) {
			TestClient client = gateway.connect();
			assertThat(client.send("0123456789abcdef\r\n").readLineText()).isEqualTo("0123456789abcdef\r\n");
			assertThat(client.send("0123456789abcdefg\r\n").readLineText())
				.isEqualTo("ERR frame exceeds 16 bytes\r\n");
			assertThat(client.isClosedByServer()).isTrue();
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void stxEtxFramesRoundTripAndAFrameWithoutStxIsRefused(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.start(io, "echo-gateway.tcp.framing=stx-etx")) {
			TestClient client = gateway.connect();
			byte[] frame = { STX, 'a', '\n', 'b', 0, ETX };
			assertThat(client.send(frame).readExactly(frame.length)).isEqualTo(frame);
			TestClient wrong = gateway.connect().send("no stx\n");
			byte[] error = ("\u0002ERR frame must start with byte 2\u0003").getBytes(StandardCharsets.US_ASCII);
			assertThat(wrong.readExactly(error.length)).isEqualTo(error);
			assertThat(wrong.isClosedByServer()).isTrue();
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void lengthHeaderFramesRoundTripIncludingEmptyAndBinaryPayloads(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.start(io, "echo-gateway.tcp.framing=length-header")) {
			TestClient client = gateway.connect();
			for (byte[] payload : new byte[][] { {}, { 0, '\n', (byte) 0xff }, new byte[5000] }) {
				byte[] frame = lengthHeaderFrame(payload);
				assertThat(client.send(frame).readExactly(frame.length)).isEqualTo(frame);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aLengthHeaderOverTheLimitClosesTheConnectionWithoutReadingThePayload(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.start(io, "echo-gateway.tcp.framing=length-header",
				"echo-gateway.tcp.max-frame-size=1KB")) {
			TestClient client = gateway.connect();
			client.send(ByteBuffer.allocate(4).putInt(1025).array());
			assertThat(client.isClosedByServer()).isTrue();
		}
	}

	private static byte[] lengthHeaderFrame(byte[] payload) {
		return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
	}

}
