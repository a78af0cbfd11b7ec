package io.echogateway.drain.tracking;


/**
 * Thrown when a TCP server cannot listen on its port, such as when another process already listens there.
 */
public final class TcpServerListenException extends IllegalStateException {

	private final String server;

	private final int port;

	TcpServerListenException(String server, int port, Throwable cause) {
		super("TCP server '" + server + "' could not listen on port " + port + ": " + cause.getMessage(), cause);
		this.server = server;
		this.port = port;
	}

	/**
	 * Return the server that could not listen.
	 * @return the bean name of its connection factory
	 */
	public String getServer() {
		return this.server;
	}

	/**
	 * Return the port the server could not listen on.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

}
