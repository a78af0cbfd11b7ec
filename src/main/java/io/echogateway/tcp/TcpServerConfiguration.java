package io.echogateway.tcp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.echogateway.EchoGatewayProperties;
import io.echogateway.drain.autoconfigure.TcpDrainProperties;
import io.echogateway.drain.connection.ConnectionRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The TCP server connection factory, with the framing, limits, threads and TLS that the settings choose.
 */
@Configuration(proxyBeanMethods = false)
class TcpServerConfiguration {

	@Bean
	TcpInfoContributor tcpInfoContributor(ConnectionRegistry registry, EchoGatewayProperties properties,
			TcpDrainProperties drainProperties, TcpServerTls tcpServerTls) {
		return new TcpInfoContributor(registry, properties, drainProperties, tcpServerTls);
	}

	/**
	 * TLS for the server when {@code echo-gateway.tcp.ssl.bundle} is set; decided at run time, not by a condition,
	 * since the container runs the bean definitions that Spring AOT froze at build time.
	 */
	@Bean
	TcpServerTls tcpServerTls(EchoGatewayProperties properties, SslBundles bundles, ConnectionRegistry registry,
			ObjectProvider<MeterRegistry> meters) {
		return new TcpServerTls(properties.tcp().ssl(), bundles, registry, meters);
	}

	/**
	 * Virtual threads for accepting, reading and assembling frames, on either server; not a lifecycle-managed
	 * executor, which would pause before the drain ends.
	 */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService tcpServerThreads(EchoGatewayProperties properties) {
		String prefix = "tcp-" + properties.tcp().io() + "-";
		return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 0).factory());
	}

	@Bean
	AbstractServerConnectionFactory tcpServer(EchoGatewayProperties properties, ExecutorService tcpServerThreads,
			TcpServerTls tcpServerTls) {
		EchoGatewayProperties.Tcp tcp = properties.tcp();
		AbstractServerConnectionFactory factory = switch (tcp.io()) {
			case NIO -> new PeriodicHarvestNioServer(tcp.port());
			case NET -> new PeriodicHarvestNetServer(tcp.port());
		};
		FrameCodec codec = tcp.framing().codec(Math.toIntExact(tcp.maxFrameSize().toBytes()));
		factory.setDeserializer(codec);
		factory.setSerializer(codec);
		factory.setMapper(new ConnectionIdMessageMapper());
		factory.setSoTcpNoDelay(true);
		factory.setBacklog(tcp.backlog());
		factory.setTaskExecutor(tcpServerThreads);
		tcpServerTls.secure(factory);
		return factory;
	}

}
