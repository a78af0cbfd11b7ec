package io.echogateway.drain.tracking;

import java.net.ServerSocket;
import java.net.Socket;

import org.springframework.integration.ip.tcp.connection.TcpSocketSupport;

/**
 * The server's own socket support, which also hands each listening socket to the server so that the drain can close
 * it for real.
 */
final class ListenerCapture implements TcpSocketSupport {

	private final TcpSocketSupport delegate;

	private final ServerListener listener;

	ListenerCapture(TcpSocketSupport delegate, ServerListener listener) {
		this.delegate = delegate;
		this.listener = listener;
	}

	@Override
	public void postProcessServerSocket(ServerSocket serverSocket) {
		this.delegate.postProcessServerSocket(serverSocket);
		this.listener.created(serverSocket);
	}

	@Override
	public void postProcessSocket(Socket socket) {
		this.delegate.postProcessSocket(socket);
	}

}
