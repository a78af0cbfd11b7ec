package io.echogateway.connection;

/**
 * A frame as read from a connection, with its place in the connection's order of requests.
 *
 * @param ticket the position of this frame among the connection's frames, from 0
 * @param payload the frame's bytes or a {@link RejectedFrame}
 */
record ReadFrame(long ticket, Object payload) {

}
