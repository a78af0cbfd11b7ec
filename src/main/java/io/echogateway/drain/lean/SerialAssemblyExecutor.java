package io.echogateway.drain.lean;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpNioConnection;

/**
 * The executor of a selector-driven server, which runs the frame assemblers of one connection one after the other:
 * Spring Integration hands each frame read to a new thread while the previous one is processed, so a client that
 * pipelines gets a thread per frame and its replies out of order; here it gets one thread and its replies in order.
 */
final class SerialAssemblyExecutor implements Executor {

	private final Executor delegate;

	private final Map<TcpNioConnection, Queue<Runnable>> pending = new ConcurrentHashMap<>();

	SerialAssemblyExecutor(Executor delegate) {
		this.delegate = delegate;
	}

	@Override
	public void execute(Runnable task) {
		if (!(task instanceof TcpNioConnection connection)) {
			this.delegate.execute(task);
			return;
		}
		boolean idle = this.pending.compute(connection, (key, queue) -> enqueue(queue, task)).size() == 1;
		if (idle) {
			try {
				this.delegate.execute(() -> runAll(connection));
			}
			catch (RejectedExecutionException ex) {
				this.pending.remove(connection);
				throw ex;
			}
		}
	}

	private static Queue<Runnable> enqueue(@Nullable Queue<Runnable> queue, Runnable task) {
		Queue<Runnable> tasks = (queue != null) ? queue : new ArrayDeque<>(2);
		tasks.add(task);
		return tasks;
	}

	/**
	 * Run the connection's assemblers in the order they were handed over, until none is left; one that throws does
	 * not strand those behind it, which go on on another thread.
	 */
	private void runAll(TcpNioConnection connection) {
		@Nullable Runnable task = peek(connection);
		while (task != null) {
			try {
				task.run();
			}
			catch (RuntimeException | Error ex) {
				if (next(connection) != null) {
					this.delegate.execute(() -> runAll(connection));
				}
				throw ex;
			}
			task = next(connection);
		}
	}

	private @Nullable Runnable peek(TcpNioConnection connection) {
		Runnable[] head = new Runnable[1];
		this.pending.computeIfPresent(connection, (key, queue) -> {
			head[0] = queue.peek();
			return queue;
		});
		return head[0];
	}

	/**
	 * Drop the task that just ran and return the next one, forgetting the connection when none is left.
	 */
	private @Nullable Runnable next(TcpNioConnection connection) {
		Runnable[] head = new Runnable[1];
		this.pending.computeIfPresent(connection, (key, queue) -> {
			queue.poll();
			head[0] = queue.peek();
			return queue.isEmpty() ? null : queue;
		});
		return head[0];
	}

}
