package io.echogateway.drain.lean;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayCrLfSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLengthHeaderSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each frame reaches the socket in one write call, whatever pieces the serializer writes it in, without sockets.
 */
class FrameBufferTests {

	private final Writes socket = new Writes();

	@Test
	void springIntegrationsSerializersThatWriteInPiecesReachTheSocketInOneWriteEach() throws IOException {
		byte[] payload = "hello".getBytes(StandardCharsets.US_ASCII);
		List<Serializer<?>> serializers = List.of(new ByteArrayLfSerializer(), new ByteArrayCrLfSerializer(),
				new ByteArrayLengthHeaderSerializer());
		for (Serializer<?> serializer : serializers) {
			ByteArrayOutputStream expected = new ByteArrayOutputStream();
			serializer(serializer).serialize(payload, expected);
			this.socket.calls.clear();
			LeanConnections.writeFrame(serializer(serializer), payload, this.socket);
			assertThat(this.socket.calls).as(serializer.getClass().getSimpleName())
				.singleElement()
				.isEqualTo(expected.toByteArray());
		}
	}

	@Test
	void aFlushInTheMiddleOfAFrameDoesNotSplitIt() throws IOException {
		LeanConnections.writeFrame((frame, out) -> {
			out.write('a');
			out.flush();
			out.write(new byte[] { 'b', 'c' });
		}, "ignored", this.socket);
		assertThat(this.socket.calls).singleElement().isEqualTo(new byte[] { 'a', 'b', 'c' });
	}

	@Test
	void aLargeFrameGoesOutInLargePiecesInOrderWithoutACopyOfItsLargePiece() throws IOException {
		byte[] large = new byte[FrameBuffer.MOST_GATHERED + 1];
		Arrays.fill(large, (byte) 'x');
		LeanConnections.writeFrame((frame, out) -> {
			out.write(new byte[] { 1, 2 });
			out.write(large);
			out.write('\n');
		}, "ignored", this.socket);
		assertThat(this.socket.calls).hasSize(3);
		assertThat(this.socket.calls.get(0)).isEqualTo(new byte[] { 1, 2 });
		assertThat(this.socket.calls.get(1)).isEqualTo(large);
		assertThat(this.socket.calls.get(2)).isEqualTo(new byte[] { '\n' });
	}

	@Test
	void aFrameBuiltByteByByteStillGoesOutInOneWrite() throws IOException {
		LeanConnections.writeFrame((frame, out) -> {
			for (int i = 0; i < 1000; i++) {
				out.write(i);
			}
		}, "ignored", this.socket);
		assertThat(this.socket.calls).singleElement().satisfies((call) -> assertThat(call).hasSize(1000));
	}

	@SuppressWarnings("unchecked")
	private static Serializer<Object> serializer(Serializer<?> serializer) {
		return (Serializer<Object>) serializer;
	}

	/**
	 * A socket's output that records each write call.
	 */
	private static final class Writes extends OutputStream {

		private final List<byte[]> calls = new ArrayList<>();

		@Override
		public void write(int b) {
			this.calls.add(new byte[] { (byte) b });
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			this.calls.add(Arrays.copyOfRange(bytes, offset, offset + length));
		}

	}

}
