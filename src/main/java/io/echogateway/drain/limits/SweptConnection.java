package io.echogateway.drain.limits;

import io.echogateway.drain.connection.CloseReason;
import io.echogateway.drain.state.ConnectionState;

/**
 * An open connection as the sweep sees it: its state, a way to close it, and how to name it in a warning.
 */
public interface SweptConnection {

	/**
	 * Return what the server knows about the connection.
	 * @return its state
	 */
	ConnectionState state();

	/**
	 * Close the connection now, whatever it has in flight.
	 * @param reason the reason to record
	 * @return whether this call decided the close, which a close under way or done already did not
	 */
	boolean closeNow(CloseReason reason);

	/**
	 * Name the connection and its client for a log line.
	 * @return the description
	 */
	String describe();

}
