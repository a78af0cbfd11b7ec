package io.echogateway.connection;

import java.io.IOException;

/**
 * A raw connection whose input is gated by the state of its tracked connection.
 */
interface GatedConnection {

	/** Bytes read from the socket at a time: enough for many small frames, small enough to keep per connection. */
	int READ_BUFFER_SIZE = 4096;

	/**
	 * Route this connection's input through a gate that reports to the given state.
	 * @param state the state of the connection
	 * @throws IOException if the socket's input cannot be opened
	 */
	void attach(ConnectionState state) throws IOException;

}
