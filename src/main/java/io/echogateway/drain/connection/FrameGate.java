package io.echogateway.drain.connection;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * The input of one connection as its deserializer sees it: the first byte of each frame is admitted only while the
 * connection is not closing, and refused as the end of the stream otherwise.
 */
final class FrameGate extends FilterInputStream {

	private final ConnectionState state;

	private final InputStream source;

	private boolean inFrame;

	FrameGate(InputStream source, InputStream buffered, ConnectionState state) {
		super(buffered);
		this.source = source;
		this.state = state;
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
		int bite = this.in.read();
		return (bite < 0 || admit()) ? bite : -1;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		int count = this.in.read(b, off, len);
		return (count <= 0 || admit()) ? count : -1;
	}

	/**
	 * Tell whether bytes have arrived that no frame has consumed yet.
	 */
	boolean hasUnreadInput() {
		try {
			return this.in.available() > 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private boolean admit() throws IOException {
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
