package io.echogateway.drain.connection;

import org.jspecify.annotations.Nullable;

/**
 * What a deserializer may return instead of a payload when a frame breaks the protocol's rules: the reply is written
 * in the frame's turn, then the connection is closed, and the flow never sees the frame.
 *
 * @param problem what was wrong with the frame, as a sentence fragment for the log
 * @param reply the payload sent to the client before the close, or {@code null} to close without one
 * @param reason why the connection is closed
 */
public record RejectedFrame(String problem, @Nullable Object reply, CloseReason reason) {

}
