package io.echogateway.drain.connection;

import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.DirectFieldAccessor;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactoryChain;
import org.springframework.integration.ip.tcp.connection.TcpSocketSupport;

/**
 * Reads the parts of a server connection factory that the application may have set and that Spring Integration
 * offers no public getter for, so that tracking can wrap them instead of replacing them.
 */
final class FactoryParts {

	private final DirectFieldAccessor fields;

	FactoryParts(AbstractServerConnectionFactory factory) {
		this.fields = new DirectFieldAccessor(factory);
	}

	TcpSocketSupport socketSupport() {
		return (TcpSocketSupport) read("tcpSocketSupport");
	}

	@Nullable Executor taskExecutor() {
		return (Executor) read("taskExecutor");
	}

	@Nullable TcpConnectionInterceptorFactoryChain interceptors() {
		return (TcpConnectionInterceptorFactoryChain) read("interceptorFactoryChain");
	}

	Object connectionSupport(String field) {
		return read(field);
	}

	private @Nullable Object read(String field) {
		return this.fields.getPropertyValue(field);
	}

}
