package io.echogateway.drain.connection;

import java.lang.reflect.Method;
import java.nio.channels.Selector;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.DirectFieldAccessor;
import org.springframework.integration.ip.tcp.connection.AbstractConnectionFactory;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactoryChain;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSocketSupport;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;

/**
 * Reaches the parts of a server connection factory that Spring Integration keeps protected: what the application set,
 * so that tracking can wrap it instead of replacing it, and the clean-up of closed connections.
 */
final class FactoryParts {

	private static final Method HARVEST = harvestMethod();

	private final AbstractServerConnectionFactory factory;

	private final DirectFieldAccessor fields;

	FactoryParts(AbstractServerConnectionFactory factory) {
		this.factory = factory;
		this.fields = new DirectFieldAccessor(factory);
	}

	/**
	 * Let the factory drop the connections that have closed from its table.
	 */
	void harvestClosedConnections() {
		ReflectionUtils.invokeMethod(HARVEST, this.factory);
	}

	/**
	 * Wake the factory's selector, if it has one, so that it releases the channels closed since it last woke: a
	 * closed channel keeps its socket open while it is registered with a selector that waits.
	 */
	void wakeSelector() {
		if (this.factory instanceof TcpNioServerConnectionFactory && read("selector") instanceof Selector selector) {
			selector.wakeup();
		}
	}

	private static Method harvestMethod() {
		Method method = ReflectionUtils.findMethod(AbstractConnectionFactory.class, "harvestClosedConnections");
		Assert.state(method != null, "Spring Integration's connection factories have no harvestClosedConnections");
		ReflectionUtils.makeAccessible(method);
		return method;
	}

	/**
	 * Tell whether the factory was given a bean factory, which a factory that is no bean was not.
	 */
	boolean hasBeanFactory() {
		return read("beanFactory") != null;
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
