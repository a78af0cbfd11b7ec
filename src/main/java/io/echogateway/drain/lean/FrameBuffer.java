package io.echogateway.drain.lean;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Collects what a serializer writes for one frame, so that the frame reaches the socket in one write call: Spring
 * Integration's own serializers write a frame in pieces (the payload, then the delimiter or after a header), and
 * unbuffered, each piece is a TCP segment of its own, or with TLS a record; with Nagle's algorithm on, the default,
 * the second piece waits for the client's delayed acknowledgement, about 40 ms per reply. A frame larger than
 * {@link #MOST_GATHERED} bytes goes out in pieces of at least that size, so no copy of a large frame is made.
 */
final class FrameBuffer extends OutputStream {

	/** The most bytes gathered before they are written; larger frames are written in large pieces. */
	static final int MOST_GATHERED = 64 * 1024;

	private static final int FIRST_SIZE = 256;

	private final OutputStream socket;

	private byte[] gathered = new byte[0];

	private int count;

	FrameBuffer(OutputStream socket) {
		this.socket = socket;
	}

	@Override
	public void write(int b) throws IOException {
		if (this.count == MOST_GATHERED) {
			writeGathered();
		}
		room(1);
		this.gathered[this.count++] = (byte) b;
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		if (this.count + length > MOST_GATHERED) {
			writeGathered();
			if (length > MOST_GATHERED) {
				this.socket.write(bytes, offset, length);
				return;
			}
		}
		room(length);
		System.arraycopy(bytes, offset, this.gathered, this.count, length);
		this.count += length;
	}

	/**
	 * Write nothing yet, since a serializer that flushes in the middle of a frame would split it again; the frame is
	 * written whole by {@link #writeGathered}.
	 */
	@Override
	public void flush() {
	}

	/**
	 * Write what was gathered in one call.
	 * @throws IOException if the write fails
	 */
	void writeGathered() throws IOException {
		if (this.count > 0) {
			this.socket.write(this.gathered, 0, this.count);
			this.count = 0;
		}
	}

	/**
	 * Make room for more bytes, doubling up to {@link #MOST_GATHERED}, which the writes never go past.
	 */
	private void room(int more) {
		int needed = this.count + more;
		if (needed > this.gathered.length) {
			int doubled = Math.max(FIRST_SIZE, this.gathered.length * 2);
			this.gathered = Arrays.copyOf(this.gathered, Math.min(MOST_GATHERED, Math.max(needed, doubled)));
		}
	}

}
