/**
 * The drain component's actuator endpoints, health indicator and meters.
 */
@NullMarked
package io.echogateway.drain.actuate;

import org.jspecify.annotations.NullMarked;
