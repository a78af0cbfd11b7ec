/**
 * How the drain component tracks Spring Integration TCP servers and each of their connections.
 */
@NullMarked
package io.echogateway.drain.connection;

import org.jspecify.annotations.NullMarked;
