package io.echogateway.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

import io.echogateway.drain.connection.CloseReason;
import io.echogateway.drain.connection.RejectedFrame;

/**
 * Frames made of a 4-byte big-endian payload length and the payload.
 */
final class LengthHeaderCodec extends FrameCodec {

	private static final int HEADER_SIZE = 4;

	LengthHeaderCodec(int maxFrameSize) {
		super(maxFrameSize);
	}

	@Override
	public Object deserialize(InputStream in) throws IOException {
		int length = readFirstByte(in);
		for (int i = 1; i < HEADER_SIZE; i++) {
			length = (length << Byte.SIZE) | readNextByte(in, i);
		}
		if (length < 0) {
			return new RejectedFrame("frame header announces a negative length", null, CloseReason.ERROR);
		}
		if (length > maxFrameSize()) {
			return oversize(Integer.toString(length), null);
		}
		byte[] payload = in.readNBytes(length);
		if (payload.length < length) {
			throw closedInFrame(HEADER_SIZE + payload.length);
		}
		return payload;
	}

	@Override
	public void serialize(byte[] payload, OutputStream out) throws IOException {
		byte[] frame = ByteBuffer.allocate(HEADER_SIZE + payload.length).putInt(payload.length).put(payload).array();
		out.write(frame);
	}

}
