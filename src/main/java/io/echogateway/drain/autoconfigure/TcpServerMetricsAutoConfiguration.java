package io.echogateway.drain.autoconfigure;

import io.echogateway.drain.Drain;
import io.echogateway.drain.actuate.TcpServerMetrics;
import io.echogateway.drain.tls.ServerTls;
import io.echogateway.drain.tracking.ConnectionRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code tcp.server.*} meters, where Micrometer is present and a meter registry exists.
 */
@AutoConfiguration(after = TcpDrainAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ Drain.class, MeterRegistry.class, ServerTls.class })
public final class TcpServerMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TcpServerMetrics tcpServerMetrics(ConnectionRegistry registry, Drain drain, MeterRegistry meters, ServerTls tls) {
		return new TcpServerMetrics(registry, drain, meters, tls);
	}

}
