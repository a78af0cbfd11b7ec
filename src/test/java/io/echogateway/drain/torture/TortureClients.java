package io.echogateway.drain.torture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * The torture runs' clients, each with one behaviour: they check that every reply echoes its request, in order, that
 * a refusal is followed by the end of the stream, and that none is left waiting, and add what they find wrong to the
 * run's problems.
 */
final class TortureClients {

	static final Duration CLIENT_READ_TIMEOUT = Duration.ofSeconds(15);

	/** What the line service writes to a connection it turns away. */
	private static final Set<String> REFUSALS = Set.of("REFUSED draining", "REFUSED limit");

	private final Queue<String> problems;

	private final String goodbye;

	private final boolean cooperative;

	private final @Nullable SSLSocketFactory tls;

	/**
	 * Create the clients of one run.
	 * @param problems where the clients add what they find wrong
	 * @param goodbye the server's goodbye line, or empty for none
	 * @param cooperative whether the server drains in {@code await-client} mode, so that clients close when told
	 * @param tls the clients' TLS, or {@code null} for plain TCP
	 */
	TortureClients(Queue<String> problems, String goodbye, boolean cooperative, @Nullable SSLSocketFactory tls) {
		this.problems = problems;
		this.goodbye = goodbye;
		this.cooperative = cooperative;
		this.tls = tls;
	}

	/**
	 * One client: it checks that every reply echoes its request, in order, and that it is never left waiting.
	 */
	void run(int port, Behaviour behaviour, Random random) {
		try {
			switch (behaviour) {
				case STORM -> {
					for (int i = 0; i < 10; i++) {
						new Socket(InetAddress.getLoopbackAddress(), port).close();
					}
				}
				case RESET -> {
					try (Socket socket = connect(port)) {
						socket.getOutputStream().write("a frame cut short".getBytes(StandardCharsets.UTF_8));
						socket.setSoLinger(true, 0);
					}
				}
				case NEVER_READER -> neverRead(port);
				default -> converse(port, behaviour, random);
			}
		}
		catch (ConnectException ex) {
			// Refused while drained: what a client sees then.
		}
		catch (SocketTimeoutException ex) {
			this.problems.add(behaviour + " client waited " + CLIENT_READ_TIMEOUT + " for a reply or the end");
		}
		catch (IOException ex) {
			// Reset or closed by the server, as a forced close or a client's own reset does.
		}
	}

	/**
	 * Send large requests and never read a reply, until the server closes the connection.
	 */
	private void neverRead(int port) throws IOException {
		try (Socket socket = connect(port)) {
			byte[] request = ("x".repeat(4096) + "\n").getBytes(StandardCharsets.UTF_8);
			for (int i = 0; i < 10_000; i++) {
				socket.getOutputStream().write(request);
			}
			this.problems.add("NEVER_READER client wrote 40 MB without the server closing its connection");
		}
	}

	private void converse(int port, Behaviour behaviour, Random random) throws IOException {
		try (Socket socket = connect(port)) {
			BufferedReader replies = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			OutputStream requests = socket.getOutputStream();
			int rounds = (behaviour == Behaviour.IDLE) ? 0 : 1 + random.nextInt(30);
			int perRound = (behaviour == Behaviour.BURST) ? 2 + random.nextInt(20) : 1;
			int sent = 0;
			for (int round = 0; round < rounds; round++) {
				StringBuilder burst = new StringBuilder();
				for (int i = 0; i < perRound; i++) {
					burst.append("request ").append(sent + i).append('\n');
				}
				requests.write(burst.toString().getBytes(StandardCharsets.UTF_8));
				if (behaviour == Behaviour.HALF_CLOSE) {
					sent += perRound;
					continue;
				}
				for (int i = 0; i < perRound; i++) {
					String reply = readReply(replies);
					if (reply == null) {
						return;
					}
					expect(reply.equals("request " + (sent + i)), behaviour + " client got '" + reply
							+ "' for 'request " + (sent + i) + "'");
				}
				sent += perRound;
			}
			if (behaviour == Behaviour.HALF_CLOSE) {
				socket.shutdownOutput();
				for (int i = 0; i < sent; i++) {
					String reply = readReply(replies);
					if (reply == null) {
						return;
					}
					expect(reply.equals("request " + i), "HALF_CLOSE client got '" + reply + "' for 'request "
							+ i + "'");
				}
			}
			else if (this.cooperative) {
				socket.shutdownOutput();
			}
			while (readReply(replies) != null) {
				// Until the server closes: only goodbyes may come.
			}
		}
	}

	/**
	 * Read the next reply, passing over goodbyes; {@code null} at the end of the stream, which must follow at once
	 * the refusal of a connection that was turned away.
	 */
	private String readReply(BufferedReader replies) throws IOException {
		String line = replies.readLine();
		while (line != null && !this.goodbye.isEmpty() && line.equals(this.goodbye)) {
			line = replies.readLine();
		}
		if (line != null && REFUSALS.contains(line)) {
			String after = replies.readLine();
			expect(after == null, "a client got '" + after + "' after its refusal '" + line + "'");
			return null;
		}
		return line;
	}

	private Socket connect(int port) throws IOException {
		Socket socket = (this.tls != null) ? this.tls.createSocket(InetAddress.getLoopbackAddress(), port)
				: new Socket(InetAddress.getLoopbackAddress(), port);
		socket.setSoTimeout((int) CLIENT_READ_TIMEOUT.toMillis());
		return socket;
	}


	private void expect(boolean condition, String problem) {
		if (!condition) {
			this.problems.add(problem);
		}
	}

	/**
	 * What one client does.
	 */
	enum Behaviour {

		/** Sends a request, waits for its reply, and again. */
		CHAT,

		/** Sends several requests at once, then reads their replies, and again. */
		BURST,

		/** Connects and sends nothing. */
		IDLE,

		/** Sends its requests, half-closes, then reads every reply. */
		HALF_CLOSE,

		/** Sends part of a frame and resets the connection. */
		RESET,

		/** Connects and closes at once, many times, without a TLS handshake. */
		STORM,

		/** Sends large requests and never reads. */
		NEVER_READER

	}

}
