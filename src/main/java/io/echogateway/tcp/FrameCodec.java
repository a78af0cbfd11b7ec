package io.echogateway.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.echogateway.drain.connection.CloseReason;
import io.echogateway.drain.connection.RejectedFrame;
import org.jspecify.annotations.Nullable;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Reads frames as byte arrays, or a {@link RejectedFrame} when a frame breaks the rules, and writes each reply in one
 * write call, since the connections write straight to the socket.
 */
public abstract sealed class FrameCodec implements Serializer<byte[]>, Deserializer<Object>
		permits DelimitedCodec, LengthHeaderCodec {

	private final int maxFrameSize;

	FrameCodec(int maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	public int maxFrameSize() {
		return this.maxFrameSize;
	}

	RejectedFrame oversize(String size, byte @Nullable [] reply) {
		return new RejectedFrame("frame of " + size + " bytes exceeds the limit of " + this.maxFrameSize + " bytes",
				reply, CloseReason.OVERSIZE);
	}

	byte[] oversizeReply() {
		return line("ERR frame exceeds " + this.maxFrameSize + " bytes");
	}

	/**
	 * Return an error line of the echo protocol as the bytes the serializer frames.
	 */
	static byte[] line(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Read the first byte of a frame; the end of the stream here is a clean close by the client.
	 */
	static int readFirstByte(InputStream in) throws IOException {
		int bite = in.read();
		if (bite < 0) {
			throw new SoftEndOfStreamException("The client closed the connection");
		}
		return bite;
	}

	/**
	 * Read one more byte of a frame; the end of the stream here loses the frame.
	 */
	static int readNextByte(InputStream in, int bytesSoFar) throws IOException {
		int bite = in.read();
		if (bite < 0) {
			throw closedInFrame(bytesSoFar);
		}
		return bite;
	}

	static IOException closedInFrame(int bytesSoFar) {
		return new IOException("the connection ended in the middle of a frame, after " + bytesSoFar + " bytes");
	}

}
