package io.echogateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Clients that send lines back to back, each on its own connection, until the server closes it, checking every reply
 * byte for byte; and idle clients that only wait for the server to close them.
 */
public final class LoadClient implements AutoCloseable {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

	private final InetSocketAddress address;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final List<Future<Tally>> busy = new ArrayList<>();

	private final List<Future<Boolean>> idle = new ArrayList<>();

	private final AtomicLong answered = new AtomicLong();

	private final String lineEnd;

	private final UnaryOperator<String> answer;

	/**
	 * Create clients of an echo server with LF lines.
	 * @param port the server's port
	 */
	public LoadClient(int port) {
		this(port, "\n", UnaryOperator.identity());
	}

	/**
	 * Create clients of a line server.
	 * @param port the server's port
	 * @param lineEnd what ends each line, such as {@code \r\n}
	 * @param answer the reply the server owes to a line, both without the line end
	 */
	public LoadClient(int port, String lineEnd, UnaryOperator<String> answer) {
		this.address = new InetSocketAddress("127.0.0.1", port);
		this.lineEnd = lineEnd;
		this.answer = answer;
	}

	/**
	 * Open idle connections, one after another, each waiting until the server closes it.
	 * @param count how many
	 * @throws IOException if a connect fails
	 */
	public void openIdle(int count) throws IOException {
		for (int i = 0; i < count; i++) {
			Socket socket = connect();
			this.idle.add(this.threads.submit(() -> closedByServer(socket)));
		}
	}

	/**
	 * Open idle connections, one after another, each echoing one line first, then waiting until the server closes it.
	 * @param count how many
	 * @throws IOException if a connect or the echo fails
	 */
	public void openIdleAfterOneEcho(int count) throws IOException {
		for (int i = 0; i < count; i++) {
			Socket socket = connect();
			byte[] line = ("idle #" + i + "\n").getBytes(StandardCharsets.US_ASCII);
			socket.getOutputStream().write(line);
			if (!Arrays.equals(socket.getInputStream().readNBytes(line.length), line)) {
				throw new IOException("Idle client #" + i + " got a wrong echo");
			}
			this.idle.add(this.threads.submit(() -> closedByServer(socket)));
		}
	}

	/**
	 * Start clients that each send requests back to back on their own connection.
	 * @param count how many
	 * @throws IOException if a connect fails
	 */
	public void startBusy(int count) throws IOException {
		for (int i = 0; i < count; i++) {
			Socket socket = connect();
			int client = i;
			this.busy.add(this.threads.submit(() -> sendUntilClosed(client, socket)));
		}
	}

	/**
	 * Return how many replies all busy clients have received so far.
	 * @return the count
	 */
	public long answered() {
		return this.answered.get();
	}

	/**
	 * Wait until every client has seen its connection closed, and add up what the busy ones saw.
	 * @param timeout how long to wait for each client
	 * @return the totals
	 * @throws Exception if a client failed or did not finish in time
	 */
	public Totals awaitClosed(Duration timeout) throws Exception {
		Tally total = new Tally();
		for (Future<Tally> client : this.busy) {
			total.add(client.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
		}
		long idleClosed = 0;
		for (Future<Boolean> client : this.idle) {
			if (client.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				idleClosed++;
			}
		}
		return new Totals(total.sent, total.answered, total.unanswered, total.wrong, idleClosed);
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket();
		socket.connect(this.address, (int) READ_TIMEOUT.toMillis());
		socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
		socket.setTcpNoDelay(true);
		return socket;
	}

	private Tally sendUntilClosed(int client, Socket socket) throws IOException {
		Tally tally = new Tally();
		try (socket) {
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			for (long request = 0;; request++) {
				String text = "client #" + client + ", count " + request;
				byte[] line = (text + this.lineEnd).getBytes(StandardCharsets.US_ASCII);
				byte[] expected = (this.answer.apply(text) + this.lineEnd).getBytes(StandardCharsets.US_ASCII);
				try {
					out.write(line);
				}
				catch (IOException ex) {
					return tally;
				}
				tally.sent++;
				byte[] reply = readLine(in, expected.length);
				if (reply == null) {
					tally.unanswered++;
					return tally;
				}
				if (!Arrays.equals(reply, expected)) {
					tally.wrong++;
				}
				tally.answered++;
				this.answered.incrementAndGet();
			}
		}
	}

	/**
	 * Read one reply, or return {@code null} when the server closed the connection (an end of stream or a reset).
	 */
	private static byte[] readLine(InputStream in, int length) throws IOException {
		byte[] reply;
		try {
			reply = in.readNBytes(length);
		}
		catch (SocketTimeoutException ex) {
			throw ex;
		}
		catch (IOException ex) {
			return null;
		}
		return (reply.length < length) ? null : reply;
	}

	private static boolean closedByServer(Socket socket) throws IOException {
		try (socket) {
			return socket.getInputStream().read() < 0;
		}
		catch (SocketTimeoutException ex) {
			throw ex;
		}
		catch (IOException ex) {
			return true;
		}
	}

	@Override
	public void close() {
		this.threads.shutdownNow();
	}

	/**
	 * What all clients saw.
	 *
	 * @param sent requests written
	 * @param answered replies received
	 * @param unanswered requests written without a reply before the server closed the connection: at most one per
	 * client, since each client stops at the close
	 * @param wrong replies that differ from their request
	 * @param idleClosed idle connections that the server closed
	 */
	public record Totals(long sent, long answered, long unanswered, long wrong, long idleClosed) {

	}

	private static final class Tally {

		private long sent;

		private long answered;

		private long unanswered;

		private long wrong;

		void add(Tally other) {
			this.sent += other.sent;
			this.answered += other.answered;
			this.unanswered += other.unanswered;
			this.wrong += other.wrong;
		}

	}

}
