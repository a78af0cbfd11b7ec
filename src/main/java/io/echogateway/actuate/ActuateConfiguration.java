package io.echogateway.actuate;

import io.echogateway.EchoGatewayProperties;
import io.echogateway.connection.ConnectionRegistry;
import io.echogateway.drain.Drain;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The actuator's view of the TCP servers: endpoints, health, info and meters.
 */
@Configuration(proxyBeanMethods = false)
class ActuateConfiguration {

	@Bean
	ConnectionsEndpoint connectionsEndpoint(ConnectionRegistry registry) {
		return new ConnectionsEndpoint(registry);
	}

	@Bean
	DrainEndpoint drainEndpoint(Drain drain) {
		return new DrainEndpoint(drain);
	}

	@Bean
	TcpServerHealthIndicator tcpServerHealthIndicator(ConnectionRegistry registry, Drain drain) {
		return new TcpServerHealthIndicator(registry, drain);
	}

	@Bean
	TcpInfoContributor tcpInfoContributor(ConnectionRegistry registry, EchoGatewayProperties properties) {
		return new TcpInfoContributor(registry, properties);
	}

	@Bean
	TcpServerMetrics tcpServerMetrics(ConnectionRegistry registry, Drain drain, MeterRegistry meters) {
		return new TcpServerMetrics(registry, drain, meters);
	}

}
