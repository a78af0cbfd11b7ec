package io.echogateway.tcp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.echogateway.drain.connection.CloseReason;
import io.echogateway.drain.connection.RejectedFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The echo service's codecs on byte streams, without a socket or a Spring context: each framing round-trips, the frame
 * limit holds at one byte below, at and above it, and the end of the stream is a clean close only between frames.
 */
class FrameCodecTests {

	private static final int LIMIT = 8;

	@ParameterizedTest
	@EnumSource(Framing.class)
	void aPayloadOfExactlyTheLimitRoundTripsAndSoDoesAnEmptyOne(Framing framing) throws IOException {
		FrameCodec codec = framing.codec(LIMIT);
		for (String payload : new String[] { "", "1234567", "12345678" }) {
			assertThat(codec.deserialize(new ByteArrayInputStream(frame(codec, payload))))
				.isEqualTo(bytes(payload));
		}
	}

	@ParameterizedTest
	@EnumSource(Framing.class)
	void aPayloadOneByteOverTheLimitIsRefusedAsOversize(Framing framing) throws IOException {
		FrameCodec codec = framing.codec(LIMIT);
		Object read = codec.deserialize(new ByteArrayInputStream(frame(codec, "123456789")));
		assertThat(read).isInstanceOfSatisfying(RejectedFrame.class,
				(rejected) -> assertThat(rejected.reason()).isEqualTo(CloseReason.OVERSIZE));
	}

	@ParameterizedTest
	@EnumSource(value = Framing.class, names = { "LF", "CRLF", "STX_ETX" })
	void aDelimitedOversizeFrameIsRefusedBeforeItsEndArrivesWithTheProtocolsErrorLine(Framing framing)
			throws IOException {
		FrameCodec codec = framing.codec(LIMIT);
		byte[] start = (framing == Framing.STX_ETX) ? new byte[] { 0x02 } : new byte[0];
		InputStream endless = new ByteArrayInputStream(concat(start, bytes("0123456789abcdef")));
		RejectedFrame rejected = (RejectedFrame) codec.deserialize(endless);
		assertThat(rejected.reply()).isEqualTo(bytes("ERR frame exceeds 8 bytes"));
		assertThat(endless.available()).as("bytes of the frame left unread").isPositive();
	}

	@Test
	void lfKeepsACarriageReturnInThePayloadAndCrlfDoesNotEndAtALoneLf() throws IOException {
		assertThat(Framing.LF.codec(LIMIT).deserialize(new ByteArrayInputStream(bytes("ab\r\n")))).isEqualTo(bytes("ab\r"));
		assertThat(Framing.CRLF.codec(LIMIT).deserialize(new ByteArrayInputStream(bytes("a\nb\r\n"))))
			.isEqualTo(bytes("a\nb"));
	}

	@Test
	void anStxEtxFrameWithoutItsStartByteIsRefusedWithAnErrorLine() throws IOException {
		RejectedFrame rejected = (RejectedFrame) Framing.STX_ETX.codec(LIMIT)
			.deserialize(new ByteArrayInputStream(bytes("abc\u0003")));
		assertThat(rejected.reason()).isEqualTo(CloseReason.ERROR);
		assertThat(rejected.reply()).isEqualTo(bytes("ERR frame must start with byte 2"));
	}

	@Test
	void aLengthHeaderWithANegativeLengthIsRefusedWithoutAReply() throws IOException {
		byte[] header = ByteBuffer.allocate(4).putInt(-1).array();
		RejectedFrame rejected = (RejectedFrame) Framing.LENGTH_HEADER.codec(LIMIT)
			.deserialize(new ByteArrayInputStream(header));
		assertThat(rejected.reason()).isEqualTo(CloseReason.ERROR);
		assertThat(rejected.reply()).isNull();
	}

	@ParameterizedTest
	@EnumSource(Framing.class)
	void theEndOfTheStreamBetweenFramesIsACleanCloseAndInsideOneIsAnError(Framing framing) throws IOException {
		FrameCodec codec = framing.codec(LIMIT);
		assertThatExceptionOfType(SoftEndOfStreamException.class)
			.isThrownBy(() -> codec.deserialize(new ByteArrayInputStream(new byte[0])));
		byte[] whole = frame(codec, "1234");
		byte[] cut = Arrays.copyOf(whole, whole.length - 1);
		assertThatIOException().isThrownBy(() -> codec.deserialize(new ByteArrayInputStream(cut)))
			.isNotInstanceOf(SoftEndOfStreamException.class)
			.withMessageContaining("in the middle of a frame");
	}

	@ParameterizedTest
	@EnumSource(Framing.class)
	void twoFramesInOneReadComeOutOneAfterTheOther(Framing framing) throws IOException {
		FrameCodec codec = framing.codec(LIMIT);
		InputStream both = new ByteArrayInputStream(concat(frame(codec, "one"), frame(codec, "two")));
		assertThat(codec.deserialize(both)).isEqualTo(bytes("one"));
		assertThat(codec.deserialize(both)).isEqualTo(bytes("two"));
		assertThat(both.available()).isZero();
	}

	private static byte[] frame(FrameCodec codec, String payload) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		codec.serialize(bytes(payload), out);
		return out.toByteArray();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
