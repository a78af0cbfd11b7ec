package com.example.consumer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Transformers;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayCrLfSerializer;

/**
 * Greets each CRLF line on a NIO server; a line {@code wait} is answered once {@link #release} is counted down.
 */
@SpringBootApplication
public class ConsumerApplication {

	/** Released by the test to let a {@code wait} request finish. */
	public static final CountDownLatch release = new CountDownLatch(1);

	public static void main(String[] args) {
		SpringApplication.run(ConsumerApplication.class, args);
	}

	@Bean
	TcpNioServerConnectionFactory greetingServer() {
		TcpNioServerConnectionFactory factory = new TcpNioServerConnectionFactory(0);
		factory.setSerializer(new ByteArrayCrLfSerializer());
		factory.setDeserializer(new ByteArrayCrLfSerializer());
		return factory;
	}

	@Bean
	IntegrationFlow greetings(TcpNioServerConnectionFactory greetingServer) {
		return IntegrationFlow.from(Tcp.inboundGateway(greetingServer))
			.transform(Transformers.objectToString())
			.handle(String.class, (name, headers) -> greet(name))
			.get();
	}

	private static String greet(String name) {
		if (name.equals("wait")) {
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return "hello " + name;
	}

}
