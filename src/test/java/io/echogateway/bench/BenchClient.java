package io.echogateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's load: one client per connection sending 64-byte lines request by request, every reply checked byte
 * for byte, and idle connections that are opened, held and watched until the server closes them.
 */
final class BenchClient {

	static final int LINE_BYTES = 64;

	private static final int READ_TIMEOUT_MILLIS = 30_000;

	private BenchClient() {
	}

	/**
	 * Run request/response clients for a warm-up and then a measured window.
	 * @param port the server's port
	 * @param connections how many clients, each on its own connection
	 * @param warmup how long to send before measuring
	 * @param window how long to measure
	 * @param serverCpu the CPU time the server has used so far
	 * @return requests per second, latency percentiles and the server's CPU time per request in the window
	 * @throws Exception if a client fails or a reply differs from its request
	 */
	static LoadResult load(int port, int connections, Duration warmup, Duration window, Supplier<Duration> serverCpu)
			throws Exception {
		List<Socket> sockets = connect(port, connections, 64);
		Phase phase = new Phase();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<long[]>> latencies = new ArrayList<>();
			for (int i = 0; i < connections; i++) {
				Socket socket = sockets.get(i);
				int client = i;
				latencies.add(clients.submit(() -> requestUntilStopped(socket, client, phase)));
			}
			Thread.sleep(warmup);
			Duration cpuBefore = serverCpu.get();
			phase.measuring = true;
			Thread.sleep(window);
			phase.stopped = true;
			Duration cpu = serverCpu.get().minus(cpuBefore);
			long[] all = latencies.stream().map(BenchClient::join).flatMapToLong(Arrays::stream).sorted().toArray();
			return new LoadResult(all.length / (window.toNanos() / 1e9), percentile(all, 0.50), percentile(all, 0.99),
					cpu.dividedBy(Math.max(all.length, 1)));
		}
		finally {
			closeAll(sockets);
		}
	}

	/**
	 * Open connections, each echoing one line, with a number of connects in flight at once.
	 * @param port the server's port
	 * @param count how many
	 * @param inFlight how many connects at once
	 * @return the open connections
	 * @throws Exception if a connect or an echo fails
	 */
	static List<Socket> connect(int port, int count, int inFlight) throws Exception {
		Socket[] sockets = new Socket[count];
		AtomicInteger next = new AtomicInteger();
		try (ExecutorService connectors = Executors.newFixedThreadPool(inFlight, Thread.ofVirtual().factory())) {
			List<Future<?>> done = new ArrayList<>();
			for (int c = 0; c < inFlight; c++) {
				done.add(connectors.submit(() -> {
					for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
						sockets[i] = new Socket();
						sockets[i].setTcpNoDelay(true);
						sockets[i].setSoTimeout(READ_TIMEOUT_MILLIS);
						sockets[i].connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
						echoOnce(sockets[i], i);
					}
					return null;
				}));
			}
			for (Future<?> connector : done) {
				connector.get();
			}
		}
		return List.of(sockets);
	}

	/**
	 * Wait in one virtual thread per connection until the server has closed every one, and time it from the trigger.
	 * @param sockets the open connections
	 * @param trigger what makes the server close them, such as SIGTERM
	 * @return the time from the trigger until the last connection saw its end
	 * @throws Exception if a connection is not closed in time
	 */
	static Duration timeUntilAllClosed(List<Socket> sockets, Runnable trigger) throws Exception {
		CountDownLatch closed = new CountDownLatch(sockets.size());
		try (ExecutorService watchers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Socket socket : sockets) {
				watchers.submit(() -> {
					try (socket) {
						socket.getInputStream().read();
					}
					catch (IOException ex) {
						// A reset is a close too.
					}
					closed.countDown();
				});
			}
			long start = System.nanoTime();
			trigger.run();
			if (!closed.await(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException(closed.getCount() + " connections were still open after 60 s");
			}
			return Duration.ofNanos(System.nanoTime() - start);
		}
	}

	/**
	 * Echo one line, retrying the connect until the server listens, and time it from the server's start.
	 * @param port the server's port
	 * @param startedNanos when the server's process started
	 * @return the time from the start to the first echo
	 * @throws InterruptedException if interrupted while waiting
	 */
	static Duration firstEcho(int port, long startedNanos) throws InterruptedException {
		while (true) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
				socket.setSoTimeout(READ_TIMEOUT_MILLIS);
				echoOnce(socket, 0);
				return Duration.ofNanos(System.nanoTime() - startedNanos);
			}
			catch (IOException ex) {
				Thread.sleep(1);
			}
		}
	}

	static void closeAll(List<Socket> sockets) {
		for (Socket socket : sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// Closing a socket the server closed first is not worth reporting.
			}
		}
	}

	private static long[] requestUntilStopped(Socket socket, int client, Phase phase) throws IOException {
		OutputStream out = socket.getOutputStream();
		InputStream in = socket.getInputStream();
		long[] latencies = new long[1024];
		int count = 0;
		for (long request = 0; !phase.stopped; request++) {
			byte[] line = line(client, request);
			long start = System.nanoTime();
			out.write(line);
			check(line, in.readNBytes(LINE_BYTES));
			long latency = System.nanoTime() - start;
			if (phase.measuring && !phase.stopped) {
				if (count == latencies.length) {
					latencies = Arrays.copyOf(latencies, count * 2);
				}
				latencies[count++] = latency;
			}
		}
		return Arrays.copyOf(latencies, count);
	}

	private static void echoOnce(Socket socket, int client) throws IOException {
		byte[] line = line(client, -1);
		socket.getOutputStream().write(line);
		check(line, socket.getInputStream().readNBytes(LINE_BYTES));
	}

	private static byte[] line(int client, long request) {
		String text = String.format("client %08d request %016d ", client, request);
		byte[] line = new byte[LINE_BYTES];
		Arrays.fill(line, (byte) '.');
		byte[] prefix = text.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(prefix, 0, line, 0, prefix.length);
		line[LINE_BYTES - 1] = '\n';
		return line;
	}

	private static void check(byte[] sent, byte[] reply) throws IOException {
		if (!Arrays.equals(sent, reply)) {
			throw new IOException("The reply differs from its request: " + new String(reply, StandardCharsets.US_ASCII));
		}
	}

	private static long[] join(Future<long[]> future) {
		try {
			return future.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("A client failed", ex);
		}
	}

	private static Duration percentile(long[] sorted, double rank) {
		return (sorted.length == 0) ? Duration.ZERO
				: Duration.ofNanos(sorted[Math.min(sorted.length - 1, (int) (rank * sorted.length))]);
	}

	/**
	 * Where the clients stand: warming up, measuring, or stopped.
	 */
	private static final class Phase {

		private volatile boolean measuring;

		private volatile boolean stopped;

	}

	/**
	 * The outcome of one load step.
	 *
	 * @param requestsPerSecond replies received per second in the window
	 * @param p50 the median latency
	 * @param p99 the 99th percentile latency
	 * @param serverCpuPerRequest the server's CPU time (user and system, all threads) per reply in the window
	 */
	record LoadResult(double requestsPerSecond, Duration p50, Duration p99, Duration serverCpuPerRequest) {

	}

}
