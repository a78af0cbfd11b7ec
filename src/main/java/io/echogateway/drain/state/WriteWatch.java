package io.echogateway.drain.state;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Watches the write in progress on one connection, so that a write the client does not let finish can be cut short:
 * no socket write has a timeout of its own, and a thread blocked in one wakes when it is interrupted.
 */
public final class WriteWatch {

	private @Nullable Thread writer;

	private long startedNanos;

	private boolean interrupted;

	/**
	 * Note that a write to the client starts now, on the current thread.
	 */
	public synchronized void started() {
		this.writer = Thread.currentThread();
		this.startedNanos = System.nanoTime();
	}

	/**
	 * Record that the current thread's write is over, and clear the interrupt this watch may have sent it.
	 */
	public synchronized void finished() {
		this.writer = null;
		if (this.interrupted) {
			this.interrupted = false;
			Thread.interrupted();
		}
	}

	/**
	 * Tell whether a write has waited for the client for longer than the given time.
	 */
	public synchronized boolean pendingLongerThan(Duration timeout) {
		return this.writer != null && System.nanoTime() - this.startedNanos > timeout.toNanos();
	}

	/**
	 * Wake the thread blocked in a write, if any, so that it fails instead of waiting for the client.
	 */
	public synchronized void interruptWriter() {
		if (this.writer != null && !this.interrupted) {
			this.interrupted = true;
			this.writer.interrupt();
		}
	}

}
