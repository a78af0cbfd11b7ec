/**
 * TLS from a Spring Boot SSL bundle, served by the drain component on any tracked server.
 */
@NullMarked
package io.echogateway.drain.tls;

import org.jspecify.annotations.NullMarked;
