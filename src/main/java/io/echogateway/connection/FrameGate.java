package io.echogateway.connection;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * The input of one connection, which admits the first byte of each frame only while the connection is not closing.
 */
final class FrameGate extends FilterInputStream {

	private final ConnectionState state;

	private boolean inFrame;

	FrameGate(InputStream in, ConnectionState state) {
		super(in);
		this.state = state;
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
	 * Record that the deserializer returned a frame: it is now in flight, and the next byte read starts a new one.
	 */
	ReadFrame frameRead(Object payload) {
		this.inFrame = false;
		long ticket = (payload instanceof RejectedFrame rejected) ? this.state.frameRejected(rejected.reason())
				: this.state.frameRead(((byte[]) payload).length);
		return new ReadFrame(ticket, payload);
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
		this.state.touch();
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
