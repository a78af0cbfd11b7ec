/**
 * The drain component: the drain, one run of it, its report and the lifecycle that runs it on shutdown.
 */
@NullMarked
package io.echogateway.drain;

import org.jspecify.annotations.NullMarked;
