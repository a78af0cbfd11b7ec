package io.echogateway.drain.lean;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * The frame assemblers of one lean selector-driven connection: they run one after the other on the server's threads,
 * and one asked for by a read starts once that read has put its bytes in the pipe, so that its thread finds them
 * there instead of waiting for them.
 */
final class AssemblyQueue implements Executor {

	private final Executor threads;

	private final Lock lock = new ReentrantLock();

	private final Queue<Runnable> tasks = new ArrayDeque<>(2);

	private boolean running;

	private boolean held;

	AssemblyQueue(Executor threads) {
		this.threads = threads;
	}

	@Override
	public void execute(Runnable task) {
		startIfIdleAfter(() -> this.tasks.add(task), () -> this.tasks.remove(task));
	}

	/**
	 * Hold back the assemblers handed over from now on, while a read fills the pipe.
	 */
	void hold() {
		this.lock.lock();
		try {
			this.held = true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Start the assemblers held back, now that the read is done; if the threads refuse them, they stay queued for the
	 * next read, which the server retries after a delay.
	 */
	void release() {
		startIfIdleAfter(() -> this.held = false, () -> { });
	}

	private boolean startsNow() {
		boolean start = !this.running && !this.held && !this.tasks.isEmpty();
		if (start) {
			this.running = true;
		}
		return start;
	}

	private void startRunning(Runnable onRefusal) {
		try {
			this.threads.execute(this::runAll);
		}
		catch (RejectedExecutionException ex) {
			this.lock.lock();
			try {
				this.running = false;
				onRefusal.run();
			}
			finally {
				this.lock.unlock();
			}
			throw ex;
		}
	}

	private void runAll() {
		boolean completed = false;
		try {
			for (@Nullable Runnable task = next(); task != null; task = next()) {
				task.run();
			}
			completed = true;
		}
		finally {
			if (!completed) {
				handOverTheRest();
			}
		}
	}

	/**
	 * Give the assemblers still queued a thread of their own, since the one that ran them failed.
	 */
	private void handOverTheRest() {
		startIfIdleAfter(() -> this.running = false, () -> { });
	}

	/**
	 * Make the change, then start running the queued assemblers if none is running or held back; when the threads
	 * refuse, undo what the refusal calls for and pass the refusal on.
	 */
	private void startIfIdleAfter(Runnable change, Runnable onRefusal) {
		boolean start;
		this.lock.lock();
		try {
			change.run();
			start = startsNow();
		}
		finally {
			this.lock.unlock();
		}
		if (start) {
			startRunning(onRefusal);
		}
	}

	private @Nullable Runnable next() {
		this.lock.lock();
		try {
			Runnable task = this.tasks.poll();
			if (task == null) {
				this.running = false;
			}
			return task;
		}
		finally {
			this.lock.unlock();
		}
	}

}
