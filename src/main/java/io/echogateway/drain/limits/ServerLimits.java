package io.echogateway.drain.limits;

import java.time.Duration;

/**
 * The limits one tracked server enforces on its connections.
 *
 * @param maxConnections the most connections open at once; one more is turned away
 * @param idleTimeout how long a connection may send nothing and wait for no reply before it is closed
 * @param sendTimeout how long one write may wait for the client to read before the connection is closed
 * @param replies how many replies each request is owed when channel adapters serve the server
 */
public record ServerLimits(int maxConnections, Duration idleTimeout, Duration sendTimeout, ExpectedReplies replies) {

}
