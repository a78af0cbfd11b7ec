package io.echogateway.drain.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.echogateway.drain.integration.IntegrationInternals;
import io.echogateway.drain.lean.LeanConnections;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.AbstractTcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetConnectionSupport;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNioConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactoryChain;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;
import org.springframework.integration.util.CompositeExecutor;
import org.springframework.messaging.MessageChannel;

/**
 * Puts one server connection factory under the registry, composing with what the application configured: its
 * interceptors stay outside the tracking interceptor, its socket support, connection support (and so TLS), mapper,
 * serializer and deserializer stay in place.
 */
final class ServerTracker {

	private static final String NET_SUPPORT = "tcpNetConnectionSupport";

	private static final String NIO_SUPPORT = "tcpNioConnectionSupport";

	private static final String NET_SOCKETS = "tcpSocketFactorySupport";

	private static final Log logger = LogFactory.getLog(ServerTracker.class);

	private final ConnectionRegistry registry;

	private final ApplicationEventPublisher publisher;

	private final BeanFactory beanFactory;

	private final List<ExecutorService> ownExecutors = new ArrayList<>();

	ServerTracker(ConnectionRegistry registry, ApplicationEventPublisher publisher, BeanFactory beanFactory) {
		this.registry = registry;
		this.publisher = publisher;
		this.beanFactory = beanFactory;
		List<String> missing = IntegrationInternals.missing();
		if (!missing.isEmpty()) {
			logger.warn("This Spring Integration lacks " + String.join(", ", missing) + ", which the TCP drain relies "
					+ "on: " + (IntegrationInternals.canTrack() ? "its servers are tracked without the clean-ups "
							+ "these are for" : "no TCP server can be tracked") + ".");
		}
	}

	/**
	 * Track a factory that is not tracked yet, or refuse it with the reason.
	 * @param factory the factory, not started
	 * @param name the name to give it if it has none, as a factory that is not a bean has none
	 * @throws UntrackableServerException if the drain cannot track it
	 */
	synchronized void track(AbstractServerConnectionFactory factory, String name) {
		if (this.registry.tracks(factory)) {
			return;
		}
		if (factory.getComponentName() == null) {
			factory.setBeanName(name);
		}
		if (factory.isRunning()) {
			throw new UntrackableServerException(factory.getComponentName(), "was started before the drain could "
					+ "track it", "Let Spring start the server (do not call start() on it while the context refreshes).");
		}
		if (!IntegrationInternals.canTrack()) {
			throw new UntrackableServerException(factory.getComponentName(), "cannot be tracked on this Spring "
					+ "Integration, which lacks " + IntegrationInternals.missing(), "Use a supported Spring "
							+ "Integration version (7.0.x or 7.1.x).");
		}
		IntegrationInternals parts = new IntegrationInternals(factory);
		if (!parts.hasBeanFactory()) {
			initializeAsBean(factory);
		}
		requireNoPushback(factory, connectionSupport(factory, parts));
		this.registry.tls().secure(factory, ownTls(factory, parts));
		Object support = connectionSupport(factory, parts);
		Executor executor = (factory instanceof TcpNioServerConnectionFactory) ? executorOf(factory, parts.taskExecutor())
				: null;
		TrackedServer server = this.registry.track(factory);
		server.sendLaterFailuresTo(() -> this.beanFactory.getBean(IntegrationContextUtils.ERROR_CHANNEL_BEAN_NAME,
				MessageChannel.class));
		factory.setInterceptorFactoryChain(trackingFirst(parts.interceptors(),
				() -> this.registry.newConnection(server), () -> new GatewayRemovalInterceptor(this.publisher)));
		factory.setTcpSocketSupport(new ListenerCapture(parts.socketSupport(), server.listener()));
		if (factory instanceof TcpNetServerConnectionFactory net
				&& support.getClass() == DefaultTcpNetConnectionSupport.class) {
			net.setTcpNetConnectionSupport(LeanConnections.net());
		}
		if (factory instanceof TcpNioServerConnectionFactory nio && executor != null) {
			if (support.getClass() == DefaultTcpNioConnectionSupport.class) {
				nio.setTcpNioConnectionSupport(LeanConnections.nio());
			}
			nio.setTaskExecutor(LeanConnections.assemblersInOrder(executor));
		}
	}

	/**
	 * Give a factory that is no bean what Spring gives a bean, which Spring Integration needs once it listens: a bean
	 * factory, an event publisher, and its initialization.
	 */
	private void initializeAsBean(AbstractServerConnectionFactory factory) {
		factory.setBeanFactory(this.beanFactory);
		factory.setApplicationEventPublisher(this.publisher);
		factory.afterPropertiesSet();
	}

	/**
	 * Stop the executors made for factories that had none.
	 */
	synchronized void shutdown() {
		this.ownExecutors.forEach(ExecutorService::shutdownNow);
	}

	/**
	 * Describe what the application set on a factory that may be TLS of its own: a socket factory on the blocking
	 * server, a connection support on the selector server; {@code null} when it kept Spring Integration's plain ones.
	 */
	private static @Nullable String ownTls(AbstractServerConnectionFactory factory, IntegrationInternals parts) {
		Object own = null;
		if (factory instanceof TcpNetServerConnectionFactory) {
			Object sockets = parts.connectionSupport(NET_SOCKETS);
			own = (sockets.getClass() != DefaultTcpNetSocketFactorySupport.class) ? sockets : null;
		}
		else if (factory instanceof TcpNioServerConnectionFactory) {
			Object support = parts.connectionSupport(NIO_SUPPORT);
			own = (support.getClass() != DefaultTcpNioConnectionSupport.class) ? support : null;
		}
		return (own != null) ? "a " + own.getClass().getSimpleName() : null;
	}

	private static Object connectionSupport(AbstractServerConnectionFactory factory, IntegrationInternals parts) {
		if (factory instanceof TcpNetServerConnectionFactory) {
			return parts.connectionSupport(NET_SUPPORT);
		}
		if (factory instanceof TcpNioServerConnectionFactory) {
			return parts.connectionSupport(NIO_SUPPORT);
		}
		throw new UntrackableServerException(factory.getComponentName(), "is a " + factory.getClass().getName()
				+ ", which the drain cannot track", "Use a TcpNetServerConnectionFactory or a "
						+ "TcpNioServerConnectionFactory (Tcp.netServer or Tcp.nioServer in the Java DSL).");
	}

	/**
	 * Put the tracking interceptor innermost, the application's outside it, and, where there are any, the gateway
	 * removal interceptor outermost.
	 */
	private static TcpConnectionInterceptorFactoryChain trackingFirst(
			@Nullable TcpConnectionInterceptorFactoryChain applicationChain, TcpConnectionInterceptorFactory tracking,
			TcpConnectionInterceptorFactory gatewayRemoval) {
		List<TcpConnectionInterceptorFactory> factories = new ArrayList<>();
		factories.add(tracking);
		if (applicationChain != null && applicationChain.getInterceptorFactories() != null
				&& applicationChain.getInterceptorFactories().length > 0) {
			factories.addAll(List.of(applicationChain.getInterceptorFactories()));
			factories.add(gatewayRemoval);
		}
		TcpConnectionInterceptorFactoryChain chain = new TcpConnectionInterceptorFactoryChain();
		chain.setInterceptors(factories.toArray(TcpConnectionInterceptorFactory[]::new));
		return chain;
	}

	private static void requireNoPushback(AbstractServerConnectionFactory factory, Object support) {
		if (support instanceof AbstractTcpConnectionSupport connectionSupport && connectionSupport.isPushbackCapable()) {
			throw new UntrackableServerException(factory.getComponentName(), "has a pushback-capable connection "
					+ "support, which the drain cannot track because it reads each frame through a gate",
					"Turn pushback off for this server.");
		}
	}

	private Executor executorOf(AbstractServerConnectionFactory factory, @Nullable Executor configured) {
		if (configured instanceof CompositeExecutor) {
			throw new UntrackableServerException(factory.getComponentName(), "has a CompositeExecutor, whose frame "
					+ "assemblers the drain cannot keep in order per connection", "Give it a plain Executor.");
		}
		if (configured != null) {
			return configured;
		}
		ExecutorService own = Executors.newCachedThreadPool(
				Thread.ofPlatform().name(factory.getComponentName() + "-", 0).daemon().factory());
		this.ownExecutors.add(own);
		return own;
	}

}
