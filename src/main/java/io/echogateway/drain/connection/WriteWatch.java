package io.echogateway.drain.connection;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Watches the write in progress on one connection, so that a write the client does not let finish can be cut short:
 * no socket write has a timeout of its own, and a thread blocked in one wakes when it is interrupted.
 */
final class WriteWatch {

	private @Nullable Thread writer;

	private long startedNanos;

	private boolean interrupted;

	synchronized void started() {
		this.writer = Thread.currentThread();
		this.startedNanos = System.nanoTime();
	}

	/**
	 * Record that the current thread's write is over, and clear the interrupt this watch may have sent it.
	 */
	synchronized void finished() {
		this.writer = null;
		if (this.interrupted) {
			this.interrupted = false;
			Thread.interrupted();
		}
	}

	synchronized boolean pendingLongerThan(Duration timeout) {
		return this.writer != null && System.nanoTime() - this.startedNanos > timeout.toNanos();
	}

	/**
	 * Wake the thread blocked in a write, if any, so that it fails instead of waiting for the client.
	 */
	synchronized void interruptWriter() {
		if (this.writer != null && !this.interrupted) {
			this.interrupted = true;
			this.writer.interrupt();
		}
	}

}
