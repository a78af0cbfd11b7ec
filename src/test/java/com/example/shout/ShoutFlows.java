package com.example.shout;

import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Transformers;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNioSSLConnectionSupport;
import org.springframework.integration.ip.tcp.connection.DefaultTcpSSLContextSupport;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactoryChain;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayCrLfSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLengthHeaderSerializer;

/**
 * Two servers with one flow each: CRLF lines on a blocking server, and length-prefixed frames over TLS on a selector
 * server; both with the service's own interceptor, both answering {@code String} payloads.
 */
@Configuration(proxyBeanMethods = false)
class ShoutFlows {

	@Bean
	Audit audit(ApplicationEventPublisher publisher) {
		return new Audit(publisher);
	}

	@Bean
	TcpConnectionInterceptorFactoryChain auditChain(Audit audit) {
		TcpConnectionInterceptorFactoryChain chain = new TcpConnectionInterceptorFactoryChain();
		chain.setInterceptor(audit::interceptor);
		return chain;
	}

	@Bean
	TcpNetServerConnectionFactory plainServer(@Value("${shout.plain-port}") int port,
			TcpConnectionInterceptorFactoryChain auditChain) {
		TcpNetServerConnectionFactory factory = new TcpNetServerConnectionFactory(port);
		factory.setSerializer(new ByteArrayCrLfSerializer());
		factory.setDeserializer(new ByteArrayCrLfSerializer());
		factory.setInterceptorFactoryChain(auditChain);
		return factory;
	}

	@Bean
	TcpNioServerConnectionFactory tlsServer(@Value("${shout.tls-port}") int port,
			@Value("${shout.key-store}") String keyStore, @Value("${shout.key-store-password}") String password,
			TcpConnectionInterceptorFactoryChain auditChain) throws Exception {
		TcpNioServerConnectionFactory factory = new TcpNioServerConnectionFactory(port);
		DefaultTcpSSLContextSupport tls = new DefaultTcpSSLContextSupport(keyStore, keyStore, password, password);
		tls.setKeyStoreType("PKCS12");
		tls.setTrustStoreType("PKCS12");
		factory.setTcpNioConnectionSupport(new DefaultTcpNioSSLConnectionSupport(tls, false));
		factory.setSerializer(new ByteArrayLengthHeaderSerializer());
		factory.setDeserializer(new ByteArrayLengthHeaderSerializer());
		factory.setInterceptorFactoryChain(auditChain);
		return factory;
	}

	@Bean
	IntegrationFlow plainShout(TcpNetServerConnectionFactory plainServer, Slowness slowness) {
		return IntegrationFlow.from(Tcp.inboundGateway(plainServer))
			.transform(Transformers.objectToString())
			.handle(String.class, (line, headers) -> shout(line, slowness))
			.get();
	}

	@Bean
	IntegrationFlow tlsShout(TcpNioServerConnectionFactory tlsServer, Slowness slowness) {
		return IntegrationFlow.from(Tcp.inboundGateway(tlsServer))
			.transform(Transformers.objectToString())
			.handle(String.class, (line, headers) -> shout(line, slowness))
			.get();
	}

	@Bean
	Slowness slowness() {
		return new Slowness();
	}

	private static String shout(String line, Slowness slowness) {
		slowness.delay(line);
		return line.toUpperCase(Locale.ROOT);
	}

}
