/**
 * The echo service's TCP server: its connection factory, frame codecs, message mapper and info.
 */
@NullMarked
package io.echogateway.tcp;

import org.jspecify.annotations.NullMarked;
