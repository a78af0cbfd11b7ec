package io.echogateway.drain.state;


/**
 * A connection that closed, not by the drain's deadline, while requests it had read were still unanswered.
 *
 * @param id the connection id
 * @param remoteAddress the client's address and port
 * @param reason why it closed, as the {@code reason} tag of the closed counter
 * @param requests how many of its requests were unanswered
 */
public record UnansweredClose(String id, String remoteAddress, String reason, int requests) {

}
