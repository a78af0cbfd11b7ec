/**
 * The echo service's admin gate on the actuator: HTTP Basic sign-in and its throttle.
 */
@NullMarked
package io.echogateway.admin;

import org.jspecify.annotations.NullMarked;
