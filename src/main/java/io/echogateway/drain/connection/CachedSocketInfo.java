package io.echogateway.drain.connection;

import java.net.InetAddress;
import java.net.Socket;

import org.springframework.integration.ip.tcp.connection.SocketInfo;

/**
 * Spring Integration's socket information with the local address read once: the mapper asks for it for every message,
 * and a blocking socket answers with a system call each time, although an accepted connection's address never changes.
 */
final class CachedSocketInfo extends SocketInfo {

	private final InetAddress localAddress;

	CachedSocketInfo(Socket socket) {
		super(socket);
		this.localAddress = socket.getLocalAddress();
	}

	@Override
	public InetAddress getLocalAddress() {
		return this.localAddress;
	}

}
