package io.echogateway.tcp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The threads of a {@code nio} server's reads, without sockets.
 */
class ReadThreadsTests {

	private final ReadThreads threads = new ReadThreads("tcp-nio-", 2);

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stop() {
		this.release.countDown();
		this.threads.shutdownNow();
	}

	@Test
	void readsRunOnPlatformThreadsUpToTheBoundThenOnVirtualThreads() throws Exception {
		List<CompletableFuture<Thread>> runners = List.of(new CompletableFuture<>(), new CompletableFuture<>(),
				new CompletableFuture<>());
		for (CompletableFuture<Thread> runner : runners) {
			this.threads.execute(() -> {
				runner.complete(Thread.currentThread());
				awaitQuietly(this.release);
			});
		}
		assertThat(runners.get(0).get(10, TimeUnit.SECONDS).isVirtual()).isFalse();
		assertThat(runners.get(1).get(10, TimeUnit.SECONDS).isVirtual()).isFalse();
		assertThat(runners.get(2).get(10, TimeUnit.SECONDS).isVirtual()).isTrue();
		assertThat(runners.get(0).get().getName()).startsWith("tcp-nio-");
	}

	@Test
	void aPlatformThreadIsKeptForTheNextRead() throws Exception {
		CompletableFuture<Thread> first = new CompletableFuture<>();
		this.threads.execute(() -> first.complete(Thread.currentThread()));
		Thread reader = first.get(10, TimeUnit.SECONDS);
		await().until(() -> this.threads.getActiveCount() == 0);
		CompletableFuture<Thread> second = new CompletableFuture<>();
		this.threads.execute(() -> second.complete(Thread.currentThread()));
		assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(reader);
	}

	@Test
	void stoppingStopsTheVirtualThreadsToo() throws Exception {
		CountDownLatch started = new CountDownLatch(3);
		CountDownLatch interrupted = new CountDownLatch(3);
		for (int i = 0; i < 3; i++) {
			this.threads.execute(() -> {
				started.countDown();
				try {
					new CountDownLatch(1).await();
				}
				catch (InterruptedException ex) {
					interrupted.countDown();
				}
			});
		}
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		this.threads.shutdownNow();
		assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
