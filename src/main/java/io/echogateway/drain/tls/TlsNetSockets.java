package io.echogateway.drain.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;

import org.springframework.integration.ip.tcp.connection.TcpSocketFactorySupport;

/**
 * The sockets of the blocking server with TLS: a listening socket that hands over only connections whose handshake
 * finished, so that the server's connections stay the lean ones that write straight to the socket.
 */
final class TlsNetSockets implements TcpSocketFactorySupport {

	private final BundleTls tls;

	private final HandshakeFailures failures;

	TlsNetSockets(BundleTls tls, HandshakeFailures failures) {
		this.tls = tls;
		this.failures = failures;
	}

	@Override
	public ServerSocketFactory getServerSocketFactory() {
		return new ServerSocketFactory() {

			@Override
			public ServerSocket createServerSocket(int port) throws IOException {
				return createServerSocket(port, 0, null);
			}

			@Override
			public ServerSocket createServerSocket(int port, int backlog) throws IOException {
				return createServerSocket(port, backlog, null);
			}

			@Override
			public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
				return new HandshakingServerSocket(TlsNetSockets.this.tls, TlsNetSockets.this.failures)
					.listen(port, backlog, address);
			}

		};
	}

	@Override
	public SocketFactory getSocketFactory() {
		return this.tls.getSSLContext().getSocketFactory();
	}

}
