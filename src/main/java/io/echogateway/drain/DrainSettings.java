package io.echogateway.drain;

import java.time.Duration;

/**
 * How a drain runs.
 *
 * @param gracePeriod how long to keep accepting after readiness turned to refusing traffic
 * @param timeout how long busy connections may take after the listeners closed, before they are forced
 * @param closeSpread the window over which idle connections are closed, oldest-idle first
 * @param mode whether the drain closes connections or sends the goodbye and lets the clients close
 */
public record DrainSettings(Duration gracePeriod, Duration timeout, Duration closeSpread, DrainMode mode) {

}
