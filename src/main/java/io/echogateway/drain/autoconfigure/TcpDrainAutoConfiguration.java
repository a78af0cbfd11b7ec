package io.echogateway.drain.autoconfigure;

import java.time.Duration;

import io.echogateway.drain.Drain;
import io.echogateway.drain.DrainLifecycle;
import io.echogateway.drain.DrainSettingsException;
import io.echogateway.drain.PortCheckLifecycle;
import io.echogateway.drain.connection.ConnectionNotices;
import io.echogateway.drain.integration.IntegrationInternalsHints;
import io.echogateway.drain.limits.Durations;
import io.echogateway.drain.tls.ClientAuth;
import io.echogateway.drain.tls.ServerTls;
import io.echogateway.drain.tracking.ConnectionRegistry;
import io.echogateway.drain.tracking.ServerTrackingPostProcessor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Puts every Spring Integration TCP server connection factory in the context under a drain that runs on shutdown.
 */
@AutoConfiguration
@ConditionalOnClass(AbstractServerConnectionFactory.class)
@EnableConfigurationProperties(TcpDrainProperties.class)
@ImportRuntimeHints(IntegrationInternalsHints.class)
public final class TcpDrainAutoConfiguration {

	private static final String PHASE_TIMEOUT = "spring.lifecycle.timeout-per-shutdown-phase";

	private static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

	private static final String GRACE_PERIOD = TcpDrainProperties.PREFIX + ".grace-period";

	private static final String TIMEOUT = TcpDrainProperties.PREFIX + ".timeout";

	@Bean
	static ServerTrackingPostProcessor serverTrackingPostProcessor(ObjectProvider<ConnectionRegistry> registry,
			ObjectProvider<ApplicationEventPublisher> publisher) {
		return new ServerTrackingPostProcessor(registry, publisher);
	}

	@Bean
	@ConfigurationPropertiesBinding
	static EnumSettingConverter<ClientAuth> tcpDrainClientAuthConverter() {
		return new EnumSettingConverter<>(TcpDrainProperties.PREFIX + ".ssl.client-auth", ClientAuth.class);
	}

	@Bean
	ServerOverrides tcpDrainServerSettings(TcpDrainProperties properties, ConfigurableEnvironment environment) {
		RenamedSettings.requireNoneIn(environment);
		return ServerOverrides.of(properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	ServerTls serverTls(ObjectProvider<SslBundles> bundles, ServerOverrides serverSettings,
			ObjectProvider<ConnectionRegistry> registry) {
		return new ServerTls(bundles, serverSettings::tlsOf, registry);
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionRegistry connectionRegistry(ApplicationEventPublisher publisher, ServerOverrides serverSettings,
			ObjectProvider<ConnectionNotices> notices, ServerTls serverTls) {
		return new ConnectionRegistry(publisher, serverSettings, notices.getIfAvailable(() -> ConnectionNotices.NONE),
				serverTls);
	}

	@Bean
	@ConditionalOnMissingBean
	Drain drain(ConnectionRegistry registry, ApplicationEventPublisher publisher, TcpDrainProperties properties,
			Environment environment) {
		Duration phaseTimeout = Binder.get(environment)
			.bind(PHASE_TIMEOUT, Duration.class)
			.orElse(DEFAULT_PHASE_TIMEOUT);
		Duration needed = properties.gracePeriod().plus(properties.timeout()).plus(Drain.OVERHEAD);
		if (needed.compareTo(phaseTimeout) >= 0) {
			throw new DrainSettingsException(GRACE_PERIOD + " ("
					+ Durations.readable(properties.gracePeriod()) + ") plus " + TIMEOUT + " ("
					+ Durations.readable(properties.timeout()) + ") plus the " + Durations.readable(Drain.OVERHEAD)
					+ " the drain needs to release the port and finish forced closes must be shorter than "
					+ PHASE_TIMEOUT + " (" + Durations.readable(phaseTimeout) + "), or Spring stops the TCP servers "
					+ "before the drain ends", "Shorten " + GRACE_PERIOD + " or " + TIMEOUT + ", "
							+ "or raise " + PHASE_TIMEOUT + ".");
		}
		return new Drain(registry, publisher, properties.settings(),
				phaseTimeout.minus(properties.gracePeriod()).minus(Drain.OVERHEAD));
	}

	@Bean
	static SupportedVersions supportedVersions() {
		return new SupportedVersions();
	}

	@Bean
	@ConditionalOnMissingBean
	PortCheckLifecycle portCheckLifecycle(ConnectionRegistry registry) {
		return new PortCheckLifecycle(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	DrainLifecycle drainLifecycle(Drain drain, ConnectionRegistry registry, TcpDrainProperties properties) {
		return new DrainLifecycle(drain, registry, properties.mode());
	}

}
