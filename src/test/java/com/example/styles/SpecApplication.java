package com.example.styles;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;
import org.springframework.integration.ip.dsl.TcpNetServerConnectionFactorySpec;
import org.springframework.integration.ip.dsl.TcpNioServerConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * Servers declared as Java DSL specs that are beans, which Spring turns into factories through the specs' factory
 * bean: the {@code net} one injected as the factory it makes, the {@code nio} one injected as the spec.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SpecApplication {

	public static void main(String[] args) {
		SpringApplication.run(SpecApplication.class, args);
	}

	@Bean
	StyleService service() {
		return new StyleService();
	}

	@Bean
	TcpNetServerConnectionFactorySpec netSpec() {
		return Tcp.netServer(0).deserializer(TcpCodecs.crlf()).serializer(TcpCodecs.crlf());
	}

	@Bean
	TcpNioServerConnectionFactorySpec nioSpec() {
		return Tcp.nioServer(0).deserializer(TcpCodecs.lf()).serializer(TcpCodecs.lf());
	}

	@Bean
	IntegrationFlow netFlow(TcpNetServerConnectionFactory netSpec, StyleService service) {
		return IntegrationFlow.from(Tcp.inboundGateway(netSpec)).handle(service, "handle").get();
	}

	@Bean
	IntegrationFlow nioFlow(TcpNioServerConnectionFactorySpec nioSpec, StyleService service) {
		return IntegrationFlow.from(Tcp.inboundGateway(nioSpec)).handle(service, "handle").get();
	}

}
