package io.echogateway.support;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A blocking client of a server that frames each payload with a 4-byte big-endian length, over any socket (TLS too).
 */
public final class LengthHeaderClient implements AutoCloseable {

	private final Socket socket;

	private final DataInputStream in;

	private final DataOutputStream out;

	/**
	 * Use a connected socket.
	 * @param socket the socket
	 * @param readTimeout how long a read may wait
	 * @throws IOException if the socket has no streams
	 */
	public LengthHeaderClient(Socket socket, Duration readTimeout) throws IOException {
		this.socket = socket;
		this.socket.setSoTimeout((int) readTimeout.toMillis());
		this.in = new DataInputStream(socket.getInputStream());
		this.out = new DataOutputStream(socket.getOutputStream());
	}

	public LengthHeaderClient send(String text) throws IOException {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		this.out.writeInt(payload.length);
		this.out.write(payload);
		this.out.flush();
		return this;
	}

	public String read() throws IOException {
		byte[] payload = new byte[this.in.readInt()];
		this.in.readFully(payload);
		return new String(payload, StandardCharsets.UTF_8);
	}

	/**
	 * Wait until the server closes the connection, with nothing more sent.
	 * @return whether it closed without sending another frame
	 * @throws IOException if the read times out
	 */
	public boolean isClosedByServer() throws IOException {
		try {
			return this.in.read() < 0;
		}
		catch (SocketTimeoutException ex) {
			throw ex;
		}
		catch (IOException ex) {
			// A reset, or a TLS connection that ended without close_notify.
			return true;
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
