package io.echogateway.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads of a {@code nio} server's reads: platform threads, kept for the next reads, up to a bound, and virtual
 * threads beyond it. Each read then starts without a new thread and in the order the selector handed it over, where a
 * new virtual thread per read waited behind the others' in the scheduler's queues (p99 three times Netty's at 1,000
 * connections); the bound keeps clients that hold a read, such as ones that trickle a frame, from costing a platform
 * thread each.
 */
final class ReadThreads extends ThreadPoolExecutor {

	/** The most platform threads: enough for every read that runs at once on a busy server. */
	static final int PLATFORM_THREADS = 256;

	private static final long KEEP_ALIVE_SECONDS = 60;

	private final ExecutorService overflow;

	/**
	 * Create the threads, named from the given prefix.
	 */
	ReadThreads(String prefix, int platformThreads) {
		this(prefix, platformThreads,
				Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix + "virtual-", 0).factory()));
	}

	private ReadThreads(String prefix, int platformThreads, ExecutorService overflow) {
		super(0, platformThreads, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
				Thread.ofPlatform().daemon().name(prefix, 0).factory(), (task, pool) -> overflow.execute(task));
		this.overflow = overflow;
	}

	@Override
	public void shutdown() {
		super.shutdown();
		this.overflow.shutdown();
	}

	@Override
	public List<Runnable> shutdownNow() {
		List<Runnable> notRun = new ArrayList<>(super.shutdownNow());
		notRun.addAll(this.overflow.shutdownNow());
		return notRun;
	}

}
