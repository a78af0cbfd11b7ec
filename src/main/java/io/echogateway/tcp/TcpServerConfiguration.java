package io.echogateway.tcp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.echogateway.EchoGatewayProperties;
import io.echogateway.drain.autoconfigure.TcpDrainProperties;
import io.echogateway.drain.connection.ConnectionRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The TCP server connection factory, with the framing, limits and threads that the settings choose.
 */
@Configuration(proxyBeanMethods = false)
class TcpServerConfiguration {

	@Bean
	TcpInfoContributor tcpInfoContributor(ConnectionRegistry registry, EchoGatewayProperties properties,
			TcpDrainProperties drainProperties) {
		return new TcpInfoContributor(registry, properties, drainProperties);
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
	AbstractServerConnectionFactory tcpServer(EchoGatewayProperties properties, ExecutorService tcpServerThreads) {
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
		return factory;
	}

}
