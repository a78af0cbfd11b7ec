/**
 * Adapts Spring Integration: finds every TCP server however it was declared, wraps each connection in the tracking
 * interceptor, and keeps the registry of servers and connections that the drain, the endpoints and the metrics read.
 */
@NullMarked
package io.echogateway.drain.tracking;

import org.jspecify.annotations.NullMarked;
