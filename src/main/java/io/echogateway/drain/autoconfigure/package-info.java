/**
 * The drain component's auto-configuration, settings and start-up failure analysis.
 */
@NullMarked
package io.echogateway.drain.autoconfigure;

import org.jspecify.annotations.NullMarked;
