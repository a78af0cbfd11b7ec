package com.example.styles;

import java.time.Duration;
import java.util.concurrent.Executors;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.integration.channel.ExecutorChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.inbound.TcpInboundGateway;
import org.springframework.integration.handler.ServiceActivatingHandler;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;

/**
 * An inbound gateway that is a plain bean and builds its server factory inside its bean method, so that the factory
 * is no bean; its requests cross an executor channel and it waits 3 s for a reply.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableIntegration
public class EndpointBeanApplication {

	/** How long the gateway waits for a reply. */
	public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(3);

	public static void main(String[] args) {
		SpringApplication.run(EndpointBeanApplication.class, args);
	}

	@Bean
	StyleService service() {
		return new StyleService();
	}

	@Bean
	MessageChannel requests() {
		return new ExecutorChannel(Executors.newVirtualThreadPerTaskExecutor());
	}

	@Bean
	TcpInboundGateway gateway(MessageChannel requests) {
		TcpInboundGateway gateway = new TcpInboundGateway();
		gateway.setConnectionFactory(new TcpNetServerConnectionFactory(0));
		gateway.setRequestChannel(requests);
		gateway.setReplyTimeout(REPLY_TIMEOUT.toMillis());
		return gateway;
	}

	@Bean
	@ServiceActivator(inputChannel = "requests")
	MessageHandler answerer(StyleService service) {
		return new ServiceActivatingHandler(service, "handle");
	}

}
