package io.echogateway.drain.state;


/**
 * Formats the remote end of a connection as {@code host:port}, with IPv6 hosts in brackets.
 */
public final class RemoteAddress {

	private RemoteAddress() {
	}

	/**
	 * Write a client's address as a person reads it, IPv6 in brackets.
	 */
	public static String of(String host, int port) {
		return (host.indexOf(':') >= 0) ? "[" + host + "]:" + port : host + ":" + port;
	}

}
