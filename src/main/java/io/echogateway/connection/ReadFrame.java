package io.echogateway.connection;

/**
 * A frame as read from a connection, with its place in the connection's order of requests.
 *
 * @param ticket the position of this frame among the connection's frames, from 0
 * @param payload the frame's bytes or a {@link RejectedFrame}
 * @param readNanos when it was read, on the {@link System#nanoTime()} clock
 */
record ReadFrame(long ticket, Object payload, long readNanos) {

	ReadFrame(long ticket, Object payload) {
		this(ticket, payload, System.nanoTime());
	}

}
