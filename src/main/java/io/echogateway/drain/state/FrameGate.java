package io.echogateway.drain.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

import org.jspecify.annotations.Nullable;

/**
 * The input of one connection as its deserializer sees it: the first byte of each frame is admitted only while the
 * connection is not closing, and refused as the end of the stream otherwise. On a blocking socket it also reads ahead
 * into a buffer of its own, sized to the traffic, so that a deserializer reading byte by byte makes few system calls
 * and takes no lock.
 */
final class FrameGate extends InputStream {

	private final InputStream source;

	private final ConnectionState state;

	private final @Nullable AdaptiveReadSize readSize;

	private byte[] buffer = new byte[0];

	private int position;

	private int limit;

	private boolean inFrame;

	/**
	 * Gate a connection's stream.
	 * @param source the stream the connection reads from
	 * @param state the state that admits frames
	 * @param readAhead whether to read ahead into a buffer of the gate's own, or straight from the source
	 */
	FrameGate(InputStream source, ConnectionState state, boolean readAhead) {
		this.source = source;
		this.state = state;
		this.readSize = readAhead ? new AdaptiveReadSize() : null;
	}

	/**
	 * Tell whether this gate reads from the given stream of the connection.
	 */
	boolean reads(InputStream stream) {
		return this.source == stream;
	}

	/**
	 * Start a new frame: the next byte read must be admitted.
	 */
	void startFrame() {
		this.inFrame = false;
	}

	@Override
	public int read() throws IOException {
		int bite;
		if (this.readSize == null) {
			bite = this.source.read();
		}
		else if (this.position < this.limit || fill(this.readSize)) {
			bite = this.buffer[this.position++] & 0xff;
		}
		else {
			bite = -1;
		}
		return (bite < 0 || admitted()) ? bite : -1;
	}

	@Override
	public int read(byte[] bytes, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		int count;
		if (this.readSize == null) {
			count = this.source.read(bytes, offset, length);
		}
		else if (this.position < this.limit || fill(this.readSize)) {
			count = Math.min(length, this.limit - this.position);
			System.arraycopy(this.buffer, this.position, bytes, offset, count);
			this.position += count;
		}
		else {
			count = -1;
		}
		return (count <= 0 || admitted()) ? count : -1;
	}

	@Override
	public int available() throws IOException {
		return (this.limit - this.position) + this.source.available();
	}

	/**
	 * Read ahead into a buffer of the size that the last reads call for; called only once the buffer is used up.
	 */
	private boolean fill(AdaptiveReadSize size) throws IOException {
		if (this.buffer.length != size.next()) {
			this.buffer = new byte[size.next()];
		}
		int count = this.source.read(this.buffer);
		size.lastRead(count);
		this.position = 0;
		this.limit = Math.max(count, 0);
		return count > 0;
	}

	private boolean admitted() throws IOException {
		if (this.inFrame) {
			return true;
		}
		try {
			this.inFrame = this.state.admitFrame();
			return this.inFrame;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while the connection was closing");
		}
	}

}
