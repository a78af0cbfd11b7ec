package io.echogateway.drain.autoconfigure;

import io.echogateway.drain.Drain;
import io.echogateway.drain.actuate.ConnectionsEndpoint;
import io.echogateway.drain.actuate.DrainEndpoint;
import io.echogateway.drain.tracking.ConnectionRegistry;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code connections} and {@code drain} actuator endpoints, where the actuator is present and exposes them.
 */
@AutoConfiguration(after = TcpDrainAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(Drain.class)
public final class TcpDrainEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	ConnectionsEndpoint connectionsEndpoint(ConnectionRegistry registry) {
		return new ConnectionsEndpoint(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	DrainEndpoint drainEndpoint(Drain drain) {
		return new DrainEndpoint(drain);
	}

}
