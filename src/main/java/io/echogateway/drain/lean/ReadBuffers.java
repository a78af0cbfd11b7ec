package io.echogateway.drain.lean;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntFunction;

/**
 * Read buffers that the lean connections of one selector-driven server borrow for one read at a time, so that an idle
 * connection holds none: Spring Integration keeps one per connection for the connection's life.
 */
final class ReadBuffers {

	/**
	 * Spare buffers kept for the next reads; more are made when more reads run at once, and dropped afterwards.
	 */
	static final int SPARE = 64;

	/** How many bytes one read from a socket takes at most. */
	static final int SIZE = 4096;

	private final BlockingQueue<ByteBuffer> spare = new ArrayBlockingQueue<>(SPARE);

	/**
	 * A cleared buffer of {@link #SIZE} bytes for one read: a spare one, or one that the
	 * given allocation makes, heap or direct as the server's connections are set to use.
	 */
	ByteBuffer borrow(IntFunction<ByteBuffer> allocation) {
		ByteBuffer buffer = this.spare.poll();
		return (buffer != null) ? buffer : allocation.apply(SIZE);
	}

	/**
	 * Take back a buffer once the bytes read into it are read or dropped.
	 */
	void giveBack(ByteBuffer buffer) {
		buffer.clear();
		this.spare.offer(buffer);
	}

}
