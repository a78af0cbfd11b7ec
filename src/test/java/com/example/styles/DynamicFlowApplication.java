package com.example.styles;

import java.time.Duration;

import io.echogateway.drain.tracking.ConnectionRegistry;
import io.echogateway.drain.tracking.TrackedServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.dsl.TcpNetServerConnectionFactorySpec;
import org.springframework.integration.ip.dsl.TcpServerConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

/**
 * Servers that exist only through flows registered at run time: one registered and kept, one registered and removed
 * again, after which the application logs which servers the drain tracks.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DynamicFlowApplication {

	private static final Log logger = LogFactory.getLog(DynamicFlowApplication.class);

	public static void main(String[] args) {
		SpringApplication.run(DynamicFlowApplication.class, args);
	}

	@Bean
	StyleService service() {
		return new StyleService();
	}

	@Bean
	ApplicationRunner registerFlows(IntegrationFlowContext flows, StyleService service, ConnectionRegistry registry) {
		return (arguments) -> {
			flows.registration(echo(Tcp.nioServer(0).id("keptServer"), service)).id("kept").register();
			TcpNetServerConnectionFactorySpec removed = Tcp.netServer(0).id("removedServer");
			flows.registration(echo(removed, service)).id("removed").register();
			awaitListening(removed.getObject());
			flows.remove("removed");
			logger.info("Tracked servers after removing a flow: "
					+ registry.servers().stream().map(TrackedServer::name).sorted().toList() + ".");
		};
	}

	/**
	 * Wait until a server listens: Spring Integration does not stop a server whose accept loop has not bound its port
	 * yet, so a flow removed at once would leave its port listening.
	 */
	private static void awaitListening(AbstractServerConnectionFactory server) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!server.isListening() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
	}

	private static IntegrationFlow echo(TcpServerConnectionFactorySpec<?, ?> server, StyleService service) {
		return IntegrationFlow.from(Tcp.inboundGateway(server.deserializer(TcpCodecs.crlf()))).handle(service, "handle").get();
	}

}
