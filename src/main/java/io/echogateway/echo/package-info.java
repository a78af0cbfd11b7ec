/**
 * The echo flow: an inbound gateway and a service activator that returns the request bytes.
 */
@NullMarked
package io.echogateway.echo;

import org.jspecify.annotations.NullMarked;
