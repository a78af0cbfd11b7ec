package io.echogateway.drain.lean;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * The frame assemblers of one of Spring Integration's own selector-driven connections: they run one after the other on
 * the server's threads, and an assembler that fails leaves the ones behind it to another thread.
 */
final class AssemblyQueue implements Executor {

	private final Executor threads;

	private final Runnable whenIdle;

	private final Lock lock = new ReentrantLock();

	private final Queue<Runnable> tasks = new ArrayDeque<>(2);

	private boolean running;

	/**
	 * Create a queue that runs the given work each time it has run every assembler handed over.
	 */
	AssemblyQueue(Executor threads, Runnable whenIdle) {
		this.threads = threads;
		this.whenIdle = whenIdle;
	}

	@Override
	public void execute(Runnable task) {
		if (offer(task)) {
			startRunning(task);
		}
	}

	/**
	 * Queue an assembler and tell whether the caller must start running the queue, with {@link #startRunning}.
	 */
	boolean offer(Runnable task) {
		this.lock.lock();
		try {
			this.tasks.add(task);
			return startsNow();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Tell whether no assembler is queued or running.
	 */
	boolean isIdle() {
		this.lock.lock();
		try {
			return !this.running && this.tasks.isEmpty();
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean startsNow() {
		boolean start = !this.running && !this.tasks.isEmpty();
		if (start) {
			this.running = true;
		}
		return start;
	}

	/**
	 * Run the queued assemblers on a thread of the server's; when the threads refuse, drop the given assembler, if
	 * any, and pass the refusal on.
	 */
	void startRunning(@Nullable Runnable droppedOnRefusal) {
		try {
			this.threads.execute(this::runAll);
		}
		catch (RejectedExecutionException ex) {
			this.lock.lock();
			try {
				this.running = false;
				if (droppedOnRefusal != null) {
					this.tasks.remove(droppedOnRefusal);
				}
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
			this.whenIdle.run();
		}
		finally {
			if (!completed) {
				handOverTheRest();
			}
		}
	}

	/**
	 * Give the assemblers still queued a thread of their own, since the one that ran them failed; when none is queued,
	 * the queue is idle.
	 */
	private void handOverTheRest() {
		boolean start;
		this.lock.lock();
		try {
			this.running = false;
			start = startsNow();
		}
		finally {
			this.lock.unlock();
		}
		if (start) {
			startRunning(null);
		}
		else {
			this.whenIdle.run();
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
