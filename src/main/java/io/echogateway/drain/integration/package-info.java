/**
 * The private members of Spring Integration that the drain relies on, each checked at start-up, in one class; its
 * public methods are for the drain's own packages, not for applications.
 */
@NullMarked
package io.echogateway.drain.integration;

import org.jspecify.annotations.NullMarked;
