package io.echogateway.connection;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.DefaultTcpSocketSupport;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactoryChain;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;

/**
 * Puts every Spring Integration TCP server connection factory in the context under the registry's control.
 */
public final class ServerTrackingPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<ConnectionRegistry> registry;

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
		TcpConnectionInterceptorFactoryChain chain = new TcpConnectionInterceptorFactoryChain();
		chain.setInterceptor(() -> connections.newConnection(server));
		factory.setInterceptorFactoryChain(chain);
		factory.setTcpSocketSupport(new ListenerCapture(server));
		if (factory.getMapper().getClass() != TcpMessageMapper.class) {
			throw new IllegalStateException("TCP server '" + factory.getComponentName() + "' has its own message "
					+ "mapper; a tracked server reads frames with its own and cannot use another");
		}
		factory.setMapper(new FrameMessageMapper());
		if (factory instanceof TcpNetServerConnectionFactory net) {
			net.setTcpNetConnectionSupport(ServerTrackingPostProcessor::netConnection);
		}
		else if (factory instanceof TcpNioServerConnectionFactory nio) {
			nio.setTcpNioConnectionSupport(ServerTrackingPostProcessor::nioConnection);
		}
		else {
			throw new IllegalStateException("Unsupported TCP server connection factory " + factory.getClass());
		}
	}

	private static TcpNetConnection netConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName) {
		return new GatedNetConnection(socket, lookupHost, publisher, factoryName);
	}

	private static TcpNioConnection nioConnection(SocketChannel channel, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName) {
		return new GatedNioConnection(channel, lookupHost, publisher, factoryName);
	}

	/**
	 * Hands each listening socket to its server, so that the drain can close it for real.
	 */
	private static final class ListenerCapture extends DefaultTcpSocketSupport {

		private final TrackedServer server;

		ListenerCapture(TrackedServer server) {
			this.server = server;
		}

		@Override
		public void postProcessServerSocket(ServerSocket serverSocket) {
			super.postProcessServerSocket(serverSocket);
			this.server.listenerCreated(serverSocket);
		}

	}

}
