package io.echogateway.drain.connection;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.AbstractTcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetConnectionSupport;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNioConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactoryChain;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;
import org.springframework.integration.util.CompositeExecutor;

/**
 * Puts every Spring Integration TCP server connection factory in the context under the registry, composing with what
 * the application configured: its interceptors stay outside the tracking interceptor, its socket support, connection
 * support (and so TLS), mapper, serializer and deserializer stay in place.
 */
public final class ServerTrackingPostProcessor implements BeanPostProcessor, DisposableBean {

	private static final String NET_SUPPORT = "tcpNetConnectionSupport";

	private static final String NIO_SUPPORT = "tcpNioConnectionSupport";

	private final ObjectProvider<ConnectionRegistry> registry;

	private final List<ExecutorService> ownExecutors = new ArrayList<>();

	/**
	 * Create a post-processor that registers servers in the given registry once it is needed.
	 * @param registry the registry, resolved lazily
	 */
	public ServerTrackingPostProcessor(ObjectProvider<ConnectionRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractServerConnectionFactory factory) {
			track(factory);
		}
		return bean;
	}

	private void track(AbstractServerConnectionFactory factory) {
		ConnectionRegistry connections = this.registry.getObject();
		TrackedServer server = connections.track(factory);
		FactoryParts parts = new FactoryParts(factory);
		factory.setInterceptorFactoryChain(trackingFirst(parts.interceptors(), () -> connections.newConnection(server)));
		factory.setTcpSocketSupport(new ListenerCapture(parts.socketSupport(), server.listener()));
		if (factory instanceof TcpNetServerConnectionFactory net) {
			Object support = parts.connectionSupport(NET_SUPPORT);
			requireNoPushback(factory, support);
			if (support.getClass() == DefaultTcpNetConnectionSupport.class) {
				net.setTcpNetConnectionSupport(ServerTrackingPostProcessor::leanNetConnection);
			}
		}
		else if (factory instanceof TcpNioServerConnectionFactory nio) {
			Object support = parts.connectionSupport(NIO_SUPPORT);
			requireNoPushback(factory, support);
			if (support.getClass() == DefaultTcpNioConnectionSupport.class) {
				ReadBuffers readBuffers = new ReadBuffers();
				nio.setTcpNioConnectionSupport((channel, isServer, lookupHost, publisher, factoryName) ->
						new LeanNioConnection(channel, lookupHost, publisher, factoryName, readBuffers));
			}
			nio.setTaskExecutor(new SerialAssemblyExecutor(executorOf(factory, parts.taskExecutor())));
		}
		else {
			throw new IllegalStateException("TCP server '" + factory.getComponentName() + "' is a "
					+ factory.getClass().getName() + ", which the drain cannot track: use a "
					+ "TcpNetServerConnectionFactory or a TcpNioServerConnectionFactory");
		}
	}

	private static TcpConnectionInterceptorFactoryChain trackingFirst(
			@Nullable TcpConnectionInterceptorFactoryChain applicationChain, TcpConnectionInterceptorFactory tracking) {
		List<TcpConnectionInterceptorFactory> factories = new ArrayList<>();
		factories.add(tracking);
		if (applicationChain != null && applicationChain.getInterceptorFactories() != null) {
			factories.addAll(List.of(applicationChain.getInterceptorFactories()));
		}
		TcpConnectionInterceptorFactoryChain chain = new TcpConnectionInterceptorFactoryChain();
		chain.setInterceptors(factories.toArray(TcpConnectionInterceptorFactory[]::new));
		return chain;
	}

	private static void requireNoPushback(AbstractServerConnectionFactory factory, Object support) {
		if (support instanceof AbstractTcpConnectionSupport connectionSupport && connectionSupport.isPushbackCapable()) {
			throw new IllegalStateException("TCP server '" + factory.getComponentName() + "' has a pushback-capable "
					+ "connection support, which the drain cannot track because it reads each frame through a gate: "
					+ "turn pushback off for this server");
		}
	}

	private Executor executorOf(AbstractServerConnectionFactory factory, @Nullable Executor configured) {
		if (configured instanceof CompositeExecutor) {
			throw new IllegalStateException("TCP server '" + factory.getComponentName() + "' has a CompositeExecutor, "
					+ "whose frame assemblers the drain cannot keep in order per connection: give it a plain Executor");
		}
		if (configured != null) {
			return configured;
		}
		ExecutorService own = Executors.newCachedThreadPool(
				Thread.ofPlatform().name(factory.getComponentName() + "-", 0).daemon().factory());
		this.ownExecutors.add(own);
		return own;
	}

	private static TcpNetConnection leanNetConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName) {
		return new LeanNetConnection(socket, lookupHost, publisher, factoryName);
	}

	@Override
	public void destroy() {
		this.ownExecutors.forEach(ExecutorService::shutdownNow);
	}

}
