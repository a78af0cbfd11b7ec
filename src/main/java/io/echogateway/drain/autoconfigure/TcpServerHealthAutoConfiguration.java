package io.echogateway.drain.autoconfigure;

import io.echogateway.drain.Drain;
import io.echogateway.drain.actuate.TcpServerHealthIndicator;
import io.echogateway.drain.tracking.ConnectionRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code tcpServer} health contributor, where Spring Boot's health support is present.
 */
@AutoConfiguration(after = TcpDrainAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Drain.class)
@ConditionalOnEnabledHealthIndicator("tcpServer")
public final class TcpServerHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "tcpServerHealthIndicator")
	TcpServerHealthIndicator tcpServerHealthIndicator(ConnectionRegistry registry, Drain drain) {
		return new TcpServerHealthIndicator(registry, drain);
	}

}
