package io.echogateway.tcp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.echogateway.EchoGatewayProperties;
import io.echogateway.EnumSettingConverter;
import io.echogateway.drain.connection.ConnectionRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;

/**
 * Serves TLS on the echo service's TCP server from a Spring Boot SSL bundle, when one is set, on either server
 * implementation, and publishes its failed handshakes as the {@code tcp.server.tls.handshake.failures} meter.
 */
final class TcpServerTls {

	private final @Nullable BundleTls tls;

	private final Duration handshakeTimeout;

	private final ConnectionRegistry registry;

	private final ObjectProvider<MeterRegistry> meters;

	private final List<HandshakeFailures> failures = new ArrayList<>();

	TcpServerTls(EchoGatewayProperties.Ssl ssl, SslBundles bundles, ConnectionRegistry registry,
			ObjectProvider<MeterRegistry> meters) {
		String bundle = ssl.bundle();
		this.tls = (bundle != null) ? new BundleTls(bundles, bundle, ssl.clientAuth()) : null;
		this.handshakeTimeout = ssl.handshakeTimeout();
		this.registry = registry;
		this.meters = meters;
	}

	/**
	 * Make a server speak TLS, if a bundle is set: through its listening socket on {@code net}, through its
	 * connections on {@code nio}.
	 * @param factory the server
	 */
	void secure(AbstractServerConnectionFactory factory) {
		BundleTls tls = this.tls;
		if (tls == null) {
			return;
		}
		HandshakeFailures failures = new HandshakeFailures(this.registry, factory, this.handshakeTimeout);
		this.failures.add(failures);
		if (factory instanceof TcpNetServerConnectionFactory net) {
			net.setTcpSocketFactorySupport(new TlsNetSockets(tls, failures));
		}
		else if (factory instanceof TcpNioServerConnectionFactory nio) {
			nio.setTcpNioConnectionSupport(new TlsNioConnectionSupport(tls, failures));
		}
	}

	/**
	 * Describe the TLS in force for the info endpoint.
	 * @return the description
	 */
	TcpInfoContributor.TlsInfo info() {
		BundleTls tls = this.tls;
		if (tls == null) {
			return TcpInfoContributor.TlsInfo.OFF;
		}
		Instant validUntil = tls.validUntil();
		return new TcpInfoContributor.TlsInfo(true, tls.name(), EnumSettingConverter.settingValue(tls.clientAuth()),
				this.handshakeTimeout.toString(), (validUntil != null) ? validUntil.toString() : null);
	}

	/**
	 * Register the handshake failure counters once the servers listen, so that each is tagged with its real port.
	 */
	@EventListener(ApplicationStartedEvent.class)
	void bindMeters() {
		this.meters.ifAvailable((registry) -> this.failures.forEach((failures) -> failures.server()
			.ifPresent((server) -> {
				for (HandshakeFailure reason : HandshakeFailure.values()) {
					FunctionCounter.builder("tcp.server.tls.handshake.failures", failures, (f) -> f.count(reason))
						.description("TLS handshakes that failed.")
						.tags(Tags.of("port", Integer.toString(server.port()), "reason", reason.tag()))
						.register(registry);
				}
			})));
	}

}
