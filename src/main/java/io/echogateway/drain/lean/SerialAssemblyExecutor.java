package io.echogateway.drain.lean;

import java.util.Map;
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

	private final Map<TcpNioConnection, AssemblyQueue> queues = new ConcurrentHashMap<>();

	SerialAssemblyExecutor(Executor delegate) {
		this.delegate = delegate;
	}

	/**
	 * Run a connection's assembler after the ones handed over before it, and any other task at once; the queue is
	 * found, or made, and the assembler queued in one step, so that a queue that has just run dry is either used or
	 * forgotten, never both.
	 */
	@Override
	public void execute(Runnable task) {
		if (!(task instanceof TcpNioConnection connection)) {
			this.delegate.execute(task);
			return;
		}
		@Nullable AssemblyQueue[] toStart = new AssemblyQueue[1];
		this.queues.compute(connection, (key, existing) -> {
			AssemblyQueue queue = (existing != null) ? existing
					: new AssemblyQueue(this.delegate, () -> forgetIfIdle(connection));
			toStart[0] = queue.offer(task) ? queue : null;
			return queue;
		});
		if (toStart[0] != null) {
			try {
				toStart[0].startRunning(task);
			}
			catch (RejectedExecutionException ex) {
				forgetIfIdle(connection);
				throw ex;
			}
		}
	}

	private void forgetIfIdle(TcpNioConnection connection) {
		this.queues.computeIfPresent(connection, (key, queue) -> queue.isIdle() ? null : queue);
	}

}
