package io.echogateway.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import io.echogateway.drain.connection.CloseReason;
import io.echogateway.drain.connection.RejectedFrame;

/**
 * Frames delimited by an optional start byte and an end sequence, such as LF, CRLF and STX-ETX.
 */
final class DelimitedCodec extends FrameCodec {

	private static final int INITIAL_BUFFER_SIZE = 128;

	private final byte[] start;

	private final byte[] end;

	DelimitedCodec(int maxFrameSize, byte[] start, byte[] end) {
		super(maxFrameSize);
		this.start = start;
		this.end = end;
	}

	@Override
	public Object deserialize(InputStream in) throws IOException {
		int first = readFirstByte(in);
		if (this.start.length > 0) {
			if (first != this.start[0]) {
				return new RejectedFrame("frame does not start with byte " + this.start[0],
						line("ERR frame must start with byte " + this.start[0]), CloseReason.ERROR);
			}
			first = readNextByte(in, 1);
		}
		return readUntilEnd(in, first);
	}

	private Object readUntilEnd(InputStream in, int first) throws IOException {
		byte[] buffer = new byte[INITIAL_BUFFER_SIZE];
		int count = 0;
		int bite = first;
		while (true) {
			if (count == buffer.length) {
				buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxFrameSize() + this.end.length));
			}
			buffer[count++] = (byte) bite;
			if (endsWithDelimiter(buffer, count)) {
				return Arrays.copyOf(buffer, count - this.end.length);
			}
			if (count - (this.end.length - 1) > maxFrameSize()) {
				return oversize("more than " + maxFrameSize(), oversizeReply());
			}
			bite = readNextByte(in, count + this.start.length);
		}
	}

	private boolean endsWithDelimiter(byte[] buffer, int count) {
		return count >= this.end.length && buffer[count - 1] == this.end[this.end.length - 1]
				&& Arrays.equals(buffer, count - this.end.length, count, this.end, 0, this.end.length);
	}

	@Override
	public void serialize(byte[] payload, OutputStream out) throws IOException {
		byte[] frame = new byte[this.start.length + payload.length + this.end.length];
		System.arraycopy(this.start, 0, frame, 0, this.start.length);
		System.arraycopy(payload, 0, frame, this.start.length, payload.length);
		System.arraycopy(this.end, 0, frame, this.start.length + payload.length, this.end.length);
		out.write(frame);
	}

}
