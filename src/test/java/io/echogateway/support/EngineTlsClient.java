package io.echogateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * A blocking TLS client on the JDK's {@link SSLEngine}, which, unlike {@code SSLSocket}, tells a connection that ends
 * with the server's {@code close_notify} from one that just ends.
 */
public final class EngineTlsClient implements AutoCloseable {

	private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final SSLEngine engine;

	private final ByteBuffer fromNetwork;

	private final ByteBuffer toNetwork;

	private final ByteBuffer received;

	/**
	 * Connect and finish the handshake.
	 * @param context the client's TLS context
	 * @param address where the server listens
	 * @param readTimeout how long a read may wait
	 * @throws IOException if the connect or the handshake fails
	 */
	public EngineTlsClient(SSLContext context, InetSocketAddress address, Duration readTimeout) throws IOException {
		this.socket = new Socket();
		this.socket.connect(address, (int) readTimeout.toMillis());
		this.socket.setSoTimeout((int) readTimeout.toMillis());
		this.in = this.socket.getInputStream();
		this.out = this.socket.getOutputStream();
		this.engine = context.createSSLEngine(address.getHostString(), address.getPort());
		this.engine.setUseClientMode(true);
		int packet = this.engine.getSession().getPacketBufferSize();
		this.fromNetwork = ByteBuffer.allocate(packet);
		this.toNetwork = ByteBuffer.allocate(packet);
		this.received = ByteBuffer.allocate(this.engine.getSession().getApplicationBufferSize());
		this.engine.beginHandshake();
		handshake();
	}

	public EngineTlsClient send(String text) throws IOException {
		wrap(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
		return this;
	}

	/**
	 * Read up to and including the next {@code \n}.
	 * @return the line
	 * @throws IOException if the connection ends first or a read times out
	 */
	public String readLine() throws IOException {
		StringBuilder line = new StringBuilder();
		while (true) {
			this.received.flip();
			while (this.received.hasRemaining()) {
				char next = (char) this.received.get();
				line.append(next);
				if (next == '\n') {
					this.received.compact();
					return line.toString();
				}
			}
			this.received.clear();
			if (unwrap().getStatus() == SSLEngineResult.Status.CLOSED) {
				throw new IOException("The server closed the connection after " + line.length() + " bytes of a line");
			}
		}
	}

	/**
	 * Read until the connection ends, and tell whether the server ended it with {@code close_notify}.
	 * @return whether it did; {@code false} if it just closed or sent more data
	 * @throws IOException if a read times out
	 */
	public boolean endsWithCloseNotify() throws IOException {
		try {
			SSLEngineResult result;
			do {
				result = unwrap();
			}
			while (result.getStatus() != SSLEngineResult.Status.CLOSED && result.bytesProduced() == 0);
			return result.bytesProduced() == 0;
		}
		catch (SSLException ex) {
			return false;
		}
	}

	public int localPort() {
		return this.socket.getLocalPort();
	}

	private void handshake() throws IOException {
		SSLEngineResult.HandshakeStatus status = this.engine.getHandshakeStatus();
		while (status != SSLEngineResult.HandshakeStatus.FINISHED
				&& status != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
			status = switch (status) {
				case NEED_WRAP -> wrap(NOTHING).getHandshakeStatus();
				case NEED_TASK -> runTasks();
				default -> unwrap().getHandshakeStatus();
			};
		}
	}

	private SSLEngineResult.HandshakeStatus runTasks() {
		Runnable task;
		while ((task = this.engine.getDelegatedTask()) != null) {
			task.run();
		}
		return this.engine.getHandshakeStatus();
	}

	private SSLEngineResult wrap(ByteBuffer data) throws IOException {
		SSLEngineResult result;
		do {
			this.toNetwork.clear();
			result = this.engine.wrap(data, this.toNetwork);
			this.out.write(this.toNetwork.array(), 0, this.toNetwork.position());
		}
		while (data.hasRemaining());
		this.out.flush();
		return result;
	}

	/**
	 * Decode the next record that produces something or changes the handshake; at the end of the stream without
	 * {@code close_notify} the engine's own check fails with an {@link SSLException}.
	 */
	private SSLEngineResult unwrap() throws IOException {
		while (true) {
			this.fromNetwork.flip();
			SSLEngineResult result = this.engine.unwrap(this.fromNetwork, this.received);
			this.fromNetwork.compact();
			boolean progress = result.bytesProduced() > 0
					|| result.getStatus() == SSLEngineResult.Status.CLOSED
					|| result.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_UNWRAP
							&& result.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
			if (progress) {
				return result;
			}
			if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || result.bytesConsumed() == 0) {
				readFromNetwork();
			}
		}
	}

	private void readFromNetwork() throws IOException {
		int count = this.in.read(this.fromNetwork.array(), this.fromNetwork.position(), this.fromNetwork.remaining());
		if (count < 0) {
			this.engine.closeInbound();
			throw new SSLException("The connection ended without close_notify");
		}
		this.fromNetwork.position(this.fromNetwork.position() + count);
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// Closing a client that the server already closed is not worth failing a test for.
		}
	}

}
