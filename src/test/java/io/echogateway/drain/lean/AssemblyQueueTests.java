package io.echogateway.drain.lean;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The ordering of one connection's frame assemblers, without sockets.
 */
class AssemblyQueueTests {

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
	}

	@Test
	void assemblersRunOneAtATimeInTheOrderHandedOver() throws Exception {
		AssemblyQueue queue = new AssemblyQueue(this.threads, () -> { });
		List<Integer> order = new CopyOnWriteArrayList<>();
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(100);
		for (int i = 0; i < 100; i++) {
			int number = i;
			queue.execute(() -> {
				mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
				order.add(number);
				running.decrementAndGet();
				done.countDown();
			});
		}
		assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(order).hasSize(100).isSorted();
		assertThat(mostAtOnce).hasValue(1);
	}

	@Test
	void anAssemblerRefusedWhenHandedOverIsDroppedAndTheRefusalPassedOn() throws Exception {
		AtomicBoolean refuse = new AtomicBoolean(true);
		AssemblyQueue queue = new AssemblyQueue(refusingWhile(refuse), () -> { });
		AtomicInteger runs = new AtomicInteger();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> queue.execute(runs::incrementAndGet));
		refuse.set(false);
		CountDownLatch next = new CountDownLatch(1);
		queue.execute(next::countDown);
		assertThat(next.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(runs).hasValue(0);
	}

	@Test
	void anAssemblerThatFailsLeavesTheNextOnesToAnotherThread() throws Exception {
		AssemblyQueue queue = new AssemblyQueue(this.threads, () -> { });
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch next = new CountDownLatch(1);
		queue.execute(() -> {
			await(release);
			throw new IllegalStateException("the assembler failed");
		});
		queue.execute(next::countDown);
		release.countDown();
		assertThat(next.await(10, TimeUnit.SECONDS)).isTrue();
	}

	private Executor refusingWhile(AtomicBoolean refuse) {
		return (task) -> {
			if (refuse.get()) {
				throw new RejectedExecutionException("no threads left");
			}
			this.threads.execute(task);
		};
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
