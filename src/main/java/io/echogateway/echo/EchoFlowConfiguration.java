package io.echogateway.echo;

import io.echogateway.EchoGatewayProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The echo flow: a TCP inbound gateway whose service activator replies with the request bytes.
 */
@Configuration(proxyBeanMethods = false)
class EchoFlowConfiguration {

	@Bean
	EchoService echoService(EchoGatewayProperties properties) {
		return new EchoService(properties.echo().delay());
	}

	@Bean
	EchoNotices echoNotices(EchoGatewayProperties properties) {
		return new EchoNotices(properties.drain().goodbye());
	}

	@Bean
	IntegrationFlow echoFlow(AbstractServerConnectionFactory tcpServer, EchoService echoService) {
		return IntegrationFlow.from(Tcp.inboundGateway(tcpServer))
			.handle(byte[].class, (request, headers) -> echoService.echo(request),
					(endpoint) -> endpoint.notPropagatedHeaders("*"))
			.get();
	}

}
