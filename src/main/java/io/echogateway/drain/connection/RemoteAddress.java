package io.echogateway.drain.connection;

/**
 * Formats the remote end of a connection as {@code host:port}, with IPv6 hosts in brackets.
 */
final class RemoteAddress {

	private RemoteAddress() {
	}

	static String of(String host, int port) {
		return (host.indexOf(':') >= 0) ? "[" + host + "]:" + port : host + ":" + port;
	}

}
