package io.echogateway.drain.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

/**
 * The listening socket of the blocking server with TLS: it accepts on a thread of its own, runs each client's handshake
 * on a virtual thread within the handshake timeout, and hands the server only connections whose handshake finished,
 * each with the SSL context current when it was accepted.
 */
final class HandshakingServerSocket extends ServerSocket {

	private final BundleTls tls;

	private final HandshakeFailures failures;

	private final BlockingQueue<Object> established = new LinkedBlockingQueue<>();

	private final Set<Socket> handshaking = ConcurrentHashMap.newKeySet();

	private final Object lock = new Object();

	private boolean closed;

	HandshakingServerSocket(BundleTls tls, HandshakeFailures failures) throws IOException {
		this.tls = tls;
		this.failures = failures;
	}

	/**
	 * Bind and start accepting.
	 * @param port the port, 0 for a free one
	 * @param backlog the accept backlog
	 * @param address the address to bind, or {@code null} for all
	 * @return this socket
	 * @throws IOException if the port cannot be bound
	 */
	HandshakingServerSocket listen(int port, int backlog, @Nullable InetAddress address) throws IOException {
		bind(new InetSocketAddress(address, port), backlog);
		Thread.ofVirtual().name("tls-accept-" + getLocalPort()).start(this::acceptLoop);
		return this;
	}

	/**
	 * Wait for the next client whose handshake has finished.
	 * @return its TLS socket
	 * @throws IOException once this socket is closed or accepting failed
	 */
	@Override
	public Socket accept() throws IOException {
		Object next;
		try {
			next = this.established.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SocketException("Interrupted while waiting for a TLS client");
		}
		if (next instanceof IOException failure) {
			this.established.add(failure);
			throw failure;
		}
		return (Socket) next;
	}

	@Override
	public void close() throws IOException {
		synchronized (this.lock) {
			this.closed = true;
			this.established.add(new SocketException("Socket is closed"));
		}
		super.close();
		this.handshaking.forEach(HandshakingServerSocket::closeQuietly);
		this.established.forEach((waiting) -> {
			if (waiting instanceof Socket socket) {
				closeQuietly(socket);
			}
		});
	}

	private void acceptLoop() {
		try {
			while (true) {
				Socket accepted = super.accept();
				Thread.ofVirtual().name("tls-handshake-" + accepted.getPort()).start(() -> handshake(accepted));
			}
		}
		catch (IOException ex) {
			synchronized (this.lock) {
				if (!this.closed) {
					this.established.add(ex);
				}
			}
		}
	}

	private void handshake(Socket accepted) {
		this.handshaking.add(accepted);
		String remote = HandshakeFailures.remote(accepted.getInetAddress().getHostAddress(), accepted.getPort());
		try {
			SSLSocket socket = this.tls.layer(accepted);
			accepted.setSoTimeout(Math.toIntExact(this.failures.timeout().toMillis()));
			socket.startHandshake();
			accepted.setSoTimeout(0);
			handOver(socket);
		}
		catch (IOException ex) {
			if (!isClosed()) {
				this.failures.failed(remote, ex);
			}
			closeQuietly(accepted);
		}
		finally {
			this.handshaking.remove(accepted);
		}
	}

	private void handOver(SSLSocket socket) {
		synchronized (this.lock) {
			if (!this.closed) {
				this.established.add(socket);
				return;
			}
		}
		closeQuietly(socket);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// The client is gone either way.
		}
	}

}
