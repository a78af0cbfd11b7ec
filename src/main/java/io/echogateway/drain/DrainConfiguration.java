package io.echogateway.drain;

import java.time.Duration;

import io.echogateway.EchoGatewayProperties;
import io.echogateway.connection.ConnectionRegistry;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The drain and the lifecycle that runs it on shutdown.
 */
@Configuration(proxyBeanMethods = false)
class DrainConfiguration {

	private static final String PHASE_TIMEOUT = "spring.lifecycle.timeout-per-shutdown-phase";

	private static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

	@Bean
	Drain drain(ConnectionRegistry registry, ApplicationEventPublisher publisher, EchoGatewayProperties properties,
			Environment environment) {
		EchoGatewayProperties.Drain settings = properties.drain();
		Duration phaseTimeout = Binder.get(environment)
			.bind(PHASE_TIMEOUT, Duration.class)
			.orElse(DEFAULT_PHASE_TIMEOUT);
		Duration needed = settings.gracePeriod().plus(settings.timeout());
		if (needed.compareTo(phaseTimeout) >= 0) {
			throw new IllegalStateException("echo-gateway.drain.grace-period (" + settings.gracePeriod()
					+ ") plus echo-gateway.drain.timeout (" + settings.timeout() + ") must be shorter than "
					+ PHASE_TIMEOUT + " (" + phaseTimeout + "), or Spring stops the TCP servers before the drain ends");
		}
		return new Drain(registry, publisher, settings, phaseTimeout.minus(settings.gracePeriod()));
	}

	@Bean
	DrainLifecycle drainLifecycle(Drain drain, ConnectionRegistry registry) {
		return new DrainLifecycle(drain, registry);
	}

}
