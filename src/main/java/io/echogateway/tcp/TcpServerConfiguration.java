package io.echogateway.tcp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.echogateway.EchoGatewayProperties;
import io.echogateway.drain.autoconfigure.TcpDrainProperties;
import io.echogateway.drain.tls.ServerTls;
import io.echogateway.drain.tracking.ConnectionRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The TCP server connection factory, with the framing, backlog and threads that the settings choose; the drain
 * component gives it its limits and, from {@code tcp-drain.ssl.*}, its TLS.
 */
@Configuration(proxyBeanMethods = false)
class TcpServerConfiguration {

	@Bean
	TcpInfoContributor tcpInfoContributor(ConnectionRegistry registry, EchoGatewayProperties properties,
			TcpDrainProperties drainProperties, ServerTls serverTls) {
		return new TcpInfoContributor(registry, properties, drainProperties, serverTls);
	}

	/**
	 * The threads for reading frames: a virtual thread per connection on {@code net}, platform threads kept for the
	 * next reads and virtual ones beyond them on {@code nio}; not a lifecycle-managed executor, which would pause
	 * before the drain ends.
	 */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService tcpServerThreads(EchoGatewayProperties properties) {
		String prefix = "tcp-" + properties.tcp().io() + "-";
		return switch (properties.tcp().io()) {
			case NIO -> new ReadThreads(prefix, ReadThreads.PLATFORM_THREADS);
			case NET -> Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 0).factory());
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
		factory.setMapper(new ConnectionIdMessageMapper());
		factory.setSoTcpNoDelay(true);
		factory.setBacklog(tcp.backlog());
		factory.setTaskExecutor(new ServerThreads(factory, tcpServerThreads, "tcp-" + tcp.io() + "-server"));
		return factory;
	}

}
