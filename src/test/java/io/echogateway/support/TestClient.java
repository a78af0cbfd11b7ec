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

	TestClient(InetSocketAddress address, Duration readTimeout) throws IOException {
		this.socket = new Socket();
		this.socket.connect(address, (int) readTimeout.toMillis());
		this.socket.setSoTimeout((int) readTimeout.toMillis());
		this.socket.setTcpNoDelay(true);
		this.in = this.socket.getInputStream();
		this.out = this.socket.getOutputStream();
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

	public byte[] readExactly(int count) throws IOException {
		byte[] bytes = this.in.readNBytes(count);
		if (bytes.length < count) {
			throw new IOException("The server closed the connection after " + bytes.length + " of " + count + " bytes");
		}
		return bytes;
	}

	/**
	 * Tell whether the server closed the connection: the next read ends the stream or is reset.
	 * @return whether it is closed, {@code false} if data arrived instead
	 * @throws IOException if the read times out
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
