/**
 * The limits of each server (connections, idle and send timeouts, replies expected), the sweep that enforces the
 * timeouts, and the summarized warnings about clients; public for the drain's other packages, not for applications.
 */
@NullMarked
package io.echogateway.drain.limits;

import org.jspecify.annotations.NullMarked;
