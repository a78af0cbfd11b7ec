package io.echogateway.drain.lean;

import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.connection.TcpNioConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The per-connection ordering of frame assemblers on a selector-driven server, without sockets being connected.
 */
class SerialAssemblyExecutorTests {

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final SerialAssemblyExecutor executor = new SerialAssemblyExecutor(this.threads);

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
	}

	@Test
	void assemblersOfOneConnectionRunOneAtATimeInTheOrderHandedOver() throws Exception {
		List<Integer> order = new CopyOnWriteArrayList<>();
		AtomicInteger handedOver = new AtomicInteger();
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(100);
		try (SocketChannel channel = SocketChannel.open()) {
			Assembler assembler = new Assembler(channel, () -> {
				mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
				order.add(order.size());
				running.decrementAndGet();
				done.countDown();
			});
			for (int i = 0; i < 100; i++) {
				handedOver.incrementAndGet();
				this.executor.execute(assembler);
			}
			assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(order).hasSize(handedOver.get()).isSorted();
		assertThat(mostAtOnce).hasValue(1);
	}

	@Test
	void anAssemblerThatThrowsAnErrorDoesNotStrandTheOnesBehindIt() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch second = new CountDownLatch(1);
		AtomicInteger runs = new AtomicInteger();
		try (SocketChannel channel = SocketChannel.open()) {
			Assembler assembler = new Assembler(channel, () -> {
				if (runs.incrementAndGet() == 1) {
					await(release);
					throw new StackOverflowError("planted");
				}
				second.countDown();
			});
			this.executor.execute(assembler);
			this.executor.execute(assembler);
			release.countDown();
			assertThat(second.await(10, TimeUnit.SECONDS)).as("the assembler behind the one that threw ran").isTrue();
		}
	}

	@Test
	void assemblersOfDifferentConnectionsRunAtTheSameTime() throws Exception {
		CountDownLatch bothRunning = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		Runnable meetThenWait = () -> {
			bothRunning.countDown();
			await(release);
		};
		try (SocketChannel first = SocketChannel.open(); SocketChannel second = SocketChannel.open()) {
			this.executor.execute(new Assembler(first, meetThenWait));
			this.executor.execute(new Assembler(second, meetThenWait));
			assertThat(bothRunning.await(10, TimeUnit.SECONDS)).isTrue();
			release.countDown();
		}
	}

	@Test
	void anAssemblerTheThreadsRefuseIsDroppedAndTheNextOneOfItsConnectionStillRuns() throws Exception {
		AtomicInteger refusals = new AtomicInteger(1);
		SerialAssemblyExecutor refusingOnce = new SerialAssemblyExecutor((task) -> {
			if (refusals.getAndDecrement() > 0) {
				throw new RejectedExecutionException("busy");
			}
			this.threads.execute(task);
		});
		AtomicInteger ran = new AtomicInteger();
		CountDownLatch second = new CountDownLatch(1);
		try (SocketChannel channel = SocketChannel.open()) {
			assertThatExceptionOfType(RejectedExecutionException.class)
				.isThrownBy(() -> refusingOnce.execute(new Assembler(channel, ran::incrementAndGet)));
			refusingOnce.execute(new Assembler(channel, second::countDown));
			assertThat(second.await(10, TimeUnit.SECONDS)).as("the next assembler of the connection ran").isTrue();
		}
		assertThat(ran).as("the refused assembler").hasValue(0);
	}

	@Test
	void otherTasksAreNotHeldBack() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch other = new CountDownLatch(1);
		try (SocketChannel channel = SocketChannel.open()) {
			this.executor.execute(new Assembler(channel, () -> await(release)));
			this.executor.execute(other::countDown);
			assertThat(other.await(10, TimeUnit.SECONDS)).isTrue();
			release.countDown();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A stand-in for a connection's assembler: a {@link TcpNioConnection} whose run does the given work.
	 */
	private static final class Assembler extends TcpNioConnection {

		private final Runnable work;

		Assembler(SocketChannel channel, Runnable work) {
			super(channel, true, false, null, "test");
			this.work = work;
		}

		@Override
		public void run() {
			this.work.run();
		}

	}

}
