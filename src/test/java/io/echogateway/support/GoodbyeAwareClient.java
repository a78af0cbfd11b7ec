package io.echogateway.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A client of the echo protocol (LF lines) that cooperates with a drain: when the server says goodbye, it stops
 * writing new requests on that connection, reads the reply it is owed, closes, and goes on over a new connection. A
 * connection that ends before the reply (a server that does not say goodbye) makes it resend the request on a new
 * one. This is the whole client; copy it.
 */
public final class GoodbyeAwareClient implements AutoCloseable {

	private static final int MAX_ATTEMPTS = 10;

	private final InetSocketAddress address;

	private final String goodbye;

	private final Duration readTimeout;

	private @Nullable Socket socket;

	private @Nullable InputStream in;

	private @Nullable OutputStream out;

	private boolean toldGoodbye;

	private long resent;

	private long goodbyes;

	/**
	 * Create a client; it connects on its first request.
	 * @param address the server or load balancer
	 * @param goodbye the server's goodbye line, without its {@code \n}
	 * @param readTimeout how long a reply may take
	 */
	public GoodbyeAwareClient(InetSocketAddress address, String goodbye, Duration readTimeout) {
		this.address = address;
		this.goodbye = goodbye;
		this.readTimeout = readTimeout;
	}

	/**
	 * Send one line and return the server's reply, resending it on a new connection only when the old one ended
	 * before the reply came.
	 * @param line the request, without its {@code \n}
	 * @return the reply, without its {@code \n}
	 * @throws IOException if no connection could be made, or no reply came after several connections
	 */
	public String request(String line) throws IOException {
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			if (attempt > 0) {
				this.resent++;
			}
			String reply = tryOnce(line);
			if (reply != null) {
				if (this.toldGoodbye) {
					disconnect();
				}
				return reply;
			}
			disconnect();
		}
		throw new IOException("No reply to '" + line + "' after " + MAX_ATTEMPTS + " connections");
	}

	/**
	 * Return how many requests had to be sent again because a connection ended before their reply.
	 * @return the count
	 */
	public long resent() {
		return this.resent;
	}

	/**
	 * Return how many times a server said goodbye.
	 * @return the count
	 */
	public long goodbyes() {
		return this.goodbyes;
	}

	private @Nullable String tryOnce(String line) throws IOException {
		connectIfNeeded();
		try {
			this.out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
			this.out.flush();
			return readReply();
		}
		catch (SocketTimeoutException ex) {
			throw ex;
		}
		catch (IOException ex) {
			// The connection ended (or was reset) before the reply: the server never read the request.
			return null;
		}
	}

	/**
	 * Read lines until the reply, noting a goodbye on the way; {@code null} if the connection ends first.
	 */
	private @Nullable String readReply() throws IOException {
		while (true) {
			String received = readLine();
			if (received == null) {
				return null;
			}
			if (!received.equals(this.goodbye)) {
				return received;
			}
			this.toldGoodbye = true;
			this.goodbyes++;
		}
	}

	private @Nullable String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int bite = this.in.read(); bite != '\n'; bite = this.in.read()) {
			if (bite < 0) {
				return null;
			}
			line.write(bite);
		}
		return line.toString(StandardCharsets.UTF_8);
	}

	private void connectIfNeeded() throws IOException {
		if (this.socket != null) {
			return;
		}
		Socket connection = new Socket();
		connection.connect(this.address, (int) this.readTimeout.toMillis());
		connection.setSoTimeout((int) this.readTimeout.toMillis());
		connection.setTcpNoDelay(true);
		this.socket = connection;
		this.in = new BufferedInputStream(connection.getInputStream());
		this.out = connection.getOutputStream();
		this.toldGoodbye = false;
	}

	private void disconnect() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// Closing a connection the server has already closed.
			}
		}
		this.socket = null;
		this.in = null;
		this.out = null;
	}

	@Override
	public void close() {
		disconnect();
	}

}
