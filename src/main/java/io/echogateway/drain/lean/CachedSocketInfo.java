package io.echogateway.drain.lean;

import java.net.InetAddress;
import java.net.Socket;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.SocketInfo;

/**
 * Spring Integration's socket information with the local address read once, when first asked for: its mapper asks for
 * it for every message, and a blocking socket answers with a system call each time, although an accepted connection's
 * address never changes.
 */
final class CachedSocketInfo extends SocketInfo {

	private volatile @Nullable InetAddress localAddress;

	CachedSocketInfo(Socket socket) {
		super(socket);
	}

	@Override
	public InetAddress getLocalAddress() {
		InetAddress address = this.localAddress;
		if (address == null) {
			address = super.getLocalAddress();
			this.localAddress = address;
		}
		return address;
	}

}
