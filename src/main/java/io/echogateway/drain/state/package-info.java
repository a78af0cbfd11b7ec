/**
 * What the drain knows about one connection and decides for it, without sockets or Spring Integration: its counts,
 * its requests in flight, the gate each frame passes, and the close decision; public for the drain's other packages,
 * not for applications.
 */
@NullMarked
package io.echogateway.drain.state;

import org.jspecify.annotations.NullMarked;
