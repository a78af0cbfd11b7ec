package io.echogateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

/**
 * A blocking TCP client with a read timeout, reading raw bytes so that tests see exactly what the server wrote.
 */
public final class TestClient implements AutoCloseable {

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	/**
	 * Connect to a server.
	 * @param address where it listens
	 * @param readTimeout how long a read may wait
	 * @return the client
	 * @throws IOException if the connect fails
	 */
	public static TestClient connect(InetSocketAddress address, Duration readTimeout) throws IOException {
		return new TestClient(address, readTimeout);
	}

	/**
	 * Connect to a TLS server and finish the handshake, checking that the server's certificate names 127.0.0.1.
	 * @param context the client's TLS context: what it trusts and which certificate it shows
	 * @param address where the server listens
	 * @param readTimeout how long a read, and the handshake, may wait
	 * @return the client
	 * @throws IOException if the connect or the handshake fails
	 */
	public static TestClient connectTls(SSLContext context, InetSocketAddress address, Duration readTimeout)
			throws IOException {
		SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		socket.setSSLParameters(parameters);
		TestClient client = new TestClient(socket, address, readTimeout);
		socket.startHandshake();
		return client;
	}

	TestClient(InetSocketAddress address, Duration readTimeout) throws IOException {
		this(new Socket(), address, readTimeout);
	}

	private TestClient(Socket socket, InetSocketAddress address, Duration readTimeout) throws IOException {
		this.socket = socket;
		this.socket.connect(address, (int) readTimeout.toMillis());
		this.socket.setSoTimeout((int) readTimeout.toMillis());
		this.socket.setTcpNoDelay(true);
		this.in = this.socket.getInputStream();
		this.out = this.socket.getOutputStream();
	}

	/**
	 * Return the TLS session of a client made by {@link #connectTls}.
	 * @return the session
	 */
	public SSLSession tlsSession() {
		return ((SSLSocket) this.socket).getSession();
	}

	public TestClient send(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
		return this;
	}

	public TestClient send(String text) throws IOException {
		return send(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Read up to and including the next {@code \n}.
	 * @return the bytes read, {@code \n} included
	 * @throws IOException if the stream ends first or the read times out
	 */
	public byte[] readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int bite;
		do {
			bite = this.in.read();
			if (bite < 0) {
				throw new IOException("The server closed the connection after " + line.size() + " bytes of a line");
			}
			line.write(bite);
		}
		while (bite != '\n');
		return line.toByteArray();
	}

	public String readLineText() throws IOException {
		return new String(readLine(), StandardCharsets.UTF_8);
	}

	/**
	 * Read up to and including the next {@code \n}, or tell that the server closed the connection before any byte.
	 * @return the line, or {@code null} at the end of the stream
	 * @throws IOException if the stream ends within the line or a read times out
	 */
	public @Nullable String readLineOrEnd() throws IOException {
		int first = this.in.read();
		if (first < 0) {
			return null;
		}
		return (first == '\n') ? "\n" : (char) first + readLineText();
	}

	public byte[] readExactly(int count) throws IOException {
		byte[] bytes = this.in.readNBytes(count);
		if (bytes.length < count) {
			throw new IOException("The server closed the connection after " + bytes.length + " of " + count + " bytes");
		}
		return bytes;
	}

	/**
	 * Tell whether the server closed the connection: the next read ends the stream or is reset. Over TLS the end of
	 * the stream is the server's {@code close_notify}; a close without one fails the read with an SSL exception.
	 * @return whether it is closed, {@code false} if data arrived instead
	 * @throws IOException if the read times out, or a TLS connection ends without {@code close_notify}
	 */
	public boolean isClosedByServer() throws IOException {
		try {
			return this.in.read() < 0;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	/**
	 * Half-close: tell the server this client sends nothing more, and keep reading.
	 * @throws IOException if the socket fails
	 */
	public void shutdownOutput() throws IOException {
		this.socket.shutdownOutput();
	}

	/**
	 * Tell whether the server closes the connection after at most a few more bytes, such as a TLS alert.
	 * @param mostBytes how many bytes may come before the close
	 * @return whether it closed within them
	 * @throws IOException if a read times out
	 */
	public boolean isClosedByServerWithin(int mostBytes) throws IOException {
		try {
			for (int read = 0; read <= mostBytes; read++) {
				if (this.in.read() < 0) {
					return true;
				}
			}
			return false;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	/**
	 * Close with a reset (linger 0) instead of a clean close.
	 * @throws IOException if the socket fails
	 */
	public void reset() throws IOException {
		this.socket.setSoLinger(true, 0);
		this.socket.close();
	}

	public int localPort() {
		return this.socket.getLocalPort();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// Closing a test client that the server already closed is not worth failing a test for.
		}
	}

}
