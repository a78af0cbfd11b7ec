/**
 * The echo service: a Spring Integration TCP echo server whose shutdown the drain component makes graceful.
 */
@NullMarked
package io.echogateway;

import org.jspecify.annotations.NullMarked;
