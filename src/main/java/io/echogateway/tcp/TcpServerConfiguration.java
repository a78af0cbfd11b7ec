package io.echogateway.tcp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.echogateway.EchoGatewayProperties;
import io.echogateway.drain.autoconfigure.TcpDrainProperties;
import io.echogateway.drain.connection.ConnectionRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The TCP server connection factory, with the framing, limits and threads that the settings choose.
 */
@Configuration(proxyBeanMethods = false)
class TcpServerConfiguration {

	@Bean
	TcpInfoContributor tcpInfoContributor(ConnectionRegistry registry, EchoGatewayProperties properties,
			TcpDrainProperties drainProperties, ObjectProvider<TcpServerTls> tcpServerTls) {
		return new TcpInfoContributor(registry, properties, drainProperties, tcpServerTls);
	}

	@Bean
	@Conditional(TlsConfigured.class)
	TcpServerTls tcpServerTls(EchoGatewayProperties properties, SslBundles bundles, ConnectionRegistry registry,
			ObjectProvider<MeterRegistry> meters) {
		return new TcpServerTls(properties.tcp().ssl(), bundles, registry, meters);
	}

	/**
	 * Threads for accepting and reading; not a lifecycle-managed executor, which would pause before the drain ends.
	 */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService tcpServerThreads(EchoGatewayProperties properties) {
		return switch (properties.tcp().io()) {
			case NIO -> Executors.newCachedThreadPool(Thread.ofPlatform().name("tcp-nio-", 0).daemon().factory());
			case NET -> Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("tcp-net-", 0).factory());
		};
	}

	@Bean
	AbstractServerConnectionFactory tcpServer(EchoGatewayProperties properties, ExecutorService tcpServerThreads,
			ObjectProvider<TcpServerTls> tcpServerTls) {
		EchoGatewayProperties.Tcp tcp = properties.tcp();
		AbstractServerConnectionFactory factory = switch (tcp.io()) {
			case NIO -> new PeriodicHarvestNioServer(tcp.port());
			case NET -> new PeriodicHarvestNetServer(tcp.port());
		};
		FrameCodec codec = tcp.framing().codec(Math.toIntExact(tcp.maxFrameSize().toBytes()));
		factory.setDeserializer(codec);
		factory.setSerializer(codec);
		factory.setSoTcpNoDelay(true);
		factory.setBacklog(tcp.backlog());
		factory.setTaskExecutor(tcpServerThreads);
		tcpServerTls.ifAvailable((tls) -> tls.secure(factory));
		return factory;
	}

	/**
	 * Matches when {@code echo-gateway.tcp.ssl.bundle} names an SSL bundle.
	 */
	static final class TlsConfigured extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String bundle = context.getEnvironment().getProperty("echo-gateway.tcp.ssl.bundle", "");
			return bundle.isBlank() ? ConditionOutcome.noMatch("echo-gateway.tcp.ssl.bundle is empty")
					: ConditionOutcome.match("echo-gateway.tcp.ssl.bundle is " + bundle);
		}

	}

}
