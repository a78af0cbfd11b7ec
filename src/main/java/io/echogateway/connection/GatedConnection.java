package io.echogateway.connection;

import java.io.IOException;

/**
 * A raw connection whose input is gated by the state of its tracked connection.
 */
interface GatedConnection {

	/**
	 * Route this connection's input through a gate that reports to the given state.
	 * @param state the state of the connection
	 * @throws IOException if the socket's input cannot be opened
	 */
	void attach(ConnectionState state) throws IOException;

}
