package io.echogateway.connection;

import org.jspecify.annotations.Nullable;

/**
 * A frame that a deserializer refused, returned instead of the payload so that an error reply can be written.
 *
 * @param problem what was wrong with the frame, as a sentence fragment for the log
 * @param reply the error line sent to the client before the close, or {@code null} to close without one
 * @param reason why the connection is closed
 */
public record RejectedFrame(String problem, @Nullable String reply, CloseReason reason) {

}
