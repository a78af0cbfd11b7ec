package io.echogateway.drain.lean;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

/**
 * The input of a lean selector-driven connection, read by the thread that the selector gave the connection to: the
 * bytes of its last read from the socket, through a buffer borrowed for that read; when a frame goes on past them, the
 * socket itself, waited on until more arrives, the connection closes or the client ends its stream.
 */
final class ChannelInput extends InputStream {

	/** How long one wait for more of a frame lasts before it checks that the connection is still open. */
	private static final long WAIT_SLICE_MILLIS = 1000;

	private final SocketChannel channel;

	private final ReadBuffers buffers;

	private final IntFunction<ByteBuffer> allocation;

	private @Nullable ByteBuffer buffer;

	private volatile boolean closed;

	private volatile @Nullable Selector waiting;

	private @Nullable Selector frameSelector;

	/**
	 * Read from the given socket through buffers borrowed from the given ones, made by the allocation when none is
	 * spare.
	 */
	ChannelInput(SocketChannel channel, ReadBuffers buffers, IntFunction<ByteBuffer> allocation) {
		this.channel = channel;
		this.buffers = buffers;
		this.allocation = allocation;
	}

	/**
	 * Read what the socket has into a borrowed buffer, without waiting.
	 * @return the number of bytes read, 0 when the socket had none, or -1 at the client's end of stream
	 * @throws IOException if the read fails
	 */
	int fill() throws IOException {
		ByteBuffer target = this.buffer;
		if (target == null) {
			target = this.buffers.borrow(this.allocation);
			this.buffer = target;
		}
		target.clear();
		int read = this.channel.read(target);
		target.flip();
		return read;
	}

	/**
	 * Give the borrowed buffer back, dropping what is left in it, and close the selector a long frame was waited on
	 * with, so that a connection between reads holds neither.
	 */
	void giveBack() {
		ByteBuffer borrowed = this.buffer;
		if (borrowed != null) {
			this.buffer = null;
			this.buffers.giveBack(borrowed);
		}
		Selector selector = this.frameSelector;
		if (selector != null) {
			this.frameSelector = null;
			try {
				selector.close();
			}
			catch (IOException ex) {
				// Closing a selector only fails on an I/O error of its own; nothing is left to release.
			}
		}
	}

	@Override
	public int available() {
		ByteBuffer current = this.buffer;
		return (current != null) ? current.remaining() : 0;
	}

	@Override
	public int read() throws IOException {
		if (!awaitBytes()) {
			return -1;
		}
		return requireBuffer().get() & 0xff;
	}

	@Override
	public int read(byte[] bytes, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (!awaitBytes()) {
			return -1;
		}
		ByteBuffer current = requireBuffer();
		int count = Math.min(length, current.remaining());
		current.get(bytes, offset, count);
		return count;
	}

	/**
	 * Stop reading: a wait for more of a frame ends, and every read after it finds the end of the stream.
	 */
	@Override
	public void close() {
		this.closed = true;
		Selector selector = this.waiting;
		if (selector != null) {
			selector.wakeup();
		}
	}

	/**
	 * Make sure the buffer has a byte to read, reading and waiting for more of the socket's when it has none, and
	 * tell whether it has: not once the client ended its stream or the connection closed.
	 */
	private boolean awaitBytes() throws IOException {
		while (available() == 0) {
			if (this.closed) {
				return false;
			}
			int read = fill();
			if (read < 0) {
				return false;
			}
			if (read == 0) {
				awaitReadable();
			}
		}
		return true;
	}

	/**
	 * Wait until the socket has bytes to read or the connection closes, on a selector of the frame's own, kept until the
	 * read ends: the server's selector does not watch a connection while one of its reads runs.
	 */
	private void awaitReadable() throws IOException {
		Selector selector = this.frameSelector;
		if (selector == null) {
			selector = Selector.open();
			this.frameSelector = selector;
			this.channel.register(selector, SelectionKey.OP_READ);
		}
		this.waiting = selector;
		try {
			while (!this.closed && this.channel.isOpen() && selector.select(WAIT_SLICE_MILLIS) == 0) {
				// A slice without bytes: check the connection again, then wait on.
			}
			selector.selectedKeys().clear();
		}
		finally {
			this.waiting = null;
		}
	}

	private ByteBuffer requireBuffer() {
		ByteBuffer current = this.buffer;
		if (current == null) {
			throw new IllegalStateException("No bytes were read");
		}
		return current;
	}

}
