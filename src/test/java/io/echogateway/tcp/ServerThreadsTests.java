package io.echogateway.tcp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which thread runs what for a TCP server, without sockets.
 */
class ServerThreadsTests {

	private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();

	@AfterEach
	void stop() {
		this.virtualThreads.shutdownNow();
	}

	@Test
	void theServersOwnLoopRunsOnANamedPlatformThreadAndEverythingElseOnTheConnectionThreads() throws Exception {
		CompletableFuture<Thread> loopThread = new CompletableFuture<>();
		CompletableFuture<Thread> readThread = new CompletableFuture<>();
		Runnable loop = () -> loopThread.complete(Thread.currentThread());
		ServerThreads threads = new ServerThreads(loop, this.virtualThreads, "tcp-nio-server");
		threads.execute(loop);
		threads.execute(() -> readThread.complete(Thread.currentThread()));
		Thread loopRunner = loopThread.get(10, TimeUnit.SECONDS);
		assertThat(loopRunner.isVirtual()).isFalse();
		assertThat(loopRunner.isDaemon()).isTrue();
		assertThat(loopRunner.getName()).isEqualTo("tcp-nio-server");
		assertThat(readThread.get(10, TimeUnit.SECONDS).isVirtual()).isTrue();
	}

}
