package io.echogateway.drain.integration;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.DirectFieldAccessor;
import org.springframework.integration.context.IntegrationObjectSupport;
import org.springframework.integration.ip.tcp.connection.AbstractConnectionFactory;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactoryChain;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSocketSupport;
import org.springframework.integration.ip.tcp.inbound.TcpInboundGateway;
import org.springframework.integration.ip.tcp.inbound.TcpReceivingChannelAdapter;
import org.springframework.integration.ip.tcp.outbound.TcpSendingMessageHandler;
import org.springframework.util.ReflectionUtils;

/**
 * Every use of Spring Integration's private members, in one place: what the application set on a server factory,
 * so that tracking can wrap it instead of replacing it, the clean-up of closed connections, the server factory of an
 * endpoint, and the channel of a selector-driven connection. {@link #missing()} checks each member at start-up.
 */
public final class IntegrationInternals {

	/** The fields of a server factory that tracking reads, by the class that declares them. */
	static final List<Member> FACTORY_FIELDS = List.of(new Member(AbstractConnectionFactory.class, "tcpSocketSupport"),
			new Member(AbstractConnectionFactory.class, "taskExecutor"),
			new Member(AbstractConnectionFactory.class, "interceptorFactoryChain"),
			new Member(IntegrationObjectSupport.class, "beanFactory"),
			new Member(TcpNetServerConnectionFactory.class, "tcpNetConnectionSupport"),
			new Member(TcpNetServerConnectionFactory.class, "tcpSocketFactorySupport"),
			new Member(TcpNioServerConnectionFactory.class, "tcpNioConnectionSupport"),
			new Member(TcpNioServerConnectionFactory.class, "selector"));

	/** The field in which the inbound gateway and both channel adapters keep their server factory. */
	static final List<Member> ENDPOINT_FIELDS = List.of(new Member(TcpInboundGateway.class, "serverConnectionFactory"),
			new Member(TcpReceivingChannelAdapter.class, "serverConnectionFactory"),
			new Member(TcpSendingMessageHandler.class, "serverConnectionFactory"));

	/** The channel of a selector-driven connection, whose registration with the selector a refusal waits for. */
	static final Member NIO_CHANNEL = new Member(TcpNioConnection.class, "socketChannel");

	/** The fields of a selector-driven connection that the component reads or sets. */
	static final List<Member> CONNECTION_FIELDS = List.of(NIO_CHANNEL);

	/** The input pipe of a selector-driven connection, which a close empties so that its reader stops waiting. */
	static final Member NIO_INPUT = new Member(TcpNioConnection.class, "inputStream");

	/** The method that lets a factory drop closed connections from its table. */
	static final Member HARVEST = new Member(AbstractConnectionFactory.class, "harvestClosedConnections");

	private static final @Nullable Method HARVEST_METHOD = accessibleMethod(HARVEST);

	private static final @Nullable Method NIO_INPUT_METHOD = accessibleMethod(NIO_INPUT);

	/** How many bytes are dropped at a time from the input of a closed connection. */
	private static final int DISCARD_SIZE = 4096;

	private static final @Nullable Field NIO_CHANNEL_FIELD = accessibleField(NIO_CHANNEL, SocketChannel.class);

	/** Whether every field that tracking reads is there, looked up once. */
	private static final boolean TRACKABLE = Stream.concat(FACTORY_FIELDS.stream(), ENDPOINT_FIELDS.stream())
		.allMatch((member) -> member.field() != null);

	private final AbstractServerConnectionFactory factory;

	private final DirectFieldAccessor fields;

	/**
	 * Reach the private members of the given server factory.
	 */
	public IntegrationInternals(AbstractServerConnectionFactory factory) {
		this.factory = factory;
		this.fields = new DirectFieldAccessor(factory);
	}

	/**
	 * Return the private members this Spring Integration lacks, such as after an upgrade that renamed them.
	 * @return their names, empty when every one is there
	 */
	public static List<String> missing() {
		List<String> missing = new ArrayList<>();
		fields().filter((member) -> member.field() == null).forEach((member) -> missing.add(member.toString()));
		methods().filter((member) -> accessibleMethod(member) == null).forEach((member) -> missing.add(member.toString()));
		return missing;
	}

	/**
	 * Return every private field the component uses.
	 */
	static Stream<Member> fields() {
		return Stream.of(FACTORY_FIELDS, ENDPOINT_FIELDS, CONNECTION_FIELDS).flatMap(List::stream);
	}

	/**
	 * Return every private method the component calls.
	 */
	static Stream<Member> methods() {
		return Stream.of(HARVEST, NIO_INPUT);
	}

	/**
	 * Drop the input in the pipe of a closed selector-driven connection of Spring Integration's own, which nobody will
	 * read: it frees a reader waiting for room in the pipe and stops Spring Integration's assemblers from looping on
	 * it. Nothing is dropped where this Spring Integration has no such pipe.
	 */
	public static void discardUnreadInput(TcpNioConnection connection) {
		if (NIO_INPUT_METHOD == null) {
			return;
		}
		InputStream unread = (InputStream) ReflectionUtils.invokeMethod(NIO_INPUT_METHOD, connection);
		byte[] discarded = new byte[DISCARD_SIZE];
		try {
			while (unread != null && unread.read(discarded) > 0) {
				// Reads no longer wait once the pipe is closed: each returns what is left, then the end.
			}
		}
		catch (IOException ex) {
			// Nothing is left to discard.
		}
	}

	/**
	 * Return the channel of a selector-driven connection, or {@code null} where this Spring Integration keeps it
	 * elsewhere.
	 */
	public static @Nullable SocketChannel channelOf(TcpNioConnection connection) {
		return (NIO_CHANNEL_FIELD != null) ? (SocketChannel) ReflectionUtils.getField(NIO_CHANNEL_FIELD, connection) : null;
	}

	/**
	 * Tell whether tracking can read what the application set on a factory; without it, no server can be tracked.
	 */
	public static boolean canTrack() {
		return TRACKABLE;
	}

	/**
	 * Return the types of the TCP endpoints whose server connection factory {@link #serverFactoryOf} finds.
	 * @return the endpoint types
	 */
	public static List<Class<?>> endpointTypes() {
		return ENDPOINT_FIELDS.stream().<Class<?>>map(Member::owner).toList();
	}

	/**
	 * Return the server connection factory a TCP endpoint serves.
	 * @param endpoint any object
	 * @return its server factory, or empty if it is no TCP endpoint, or serves a client factory or none yet
	 */
	public static Optional<AbstractServerConnectionFactory> serverFactoryOf(Object endpoint) {
		boolean tcpEndpoint = ENDPOINT_FIELDS.stream().anyMatch((member) -> member.owner().isInstance(endpoint));
		if (!tcpEndpoint) {
			return Optional.empty();
		}
		Object factory = new DirectFieldAccessor(endpoint).getPropertyValue("serverConnectionFactory");
		return (factory instanceof AbstractServerConnectionFactory server) ? Optional.of(server) : Optional.empty();
	}

	/**
	 * Let the factory drop the connections that have closed from its table, where this Spring Integration can.
	 */
	public void harvestClosedConnections() {
		if (HARVEST_METHOD != null) {
			ReflectionUtils.invokeMethod(HARVEST_METHOD, this.factory);
		}
	}

	/**
	 * Wake the factory's selector, if it has one, so that it releases the channels closed since it last woke: a
	 * closed channel keeps its socket open while it is registered with a selector that waits.
	 */
	public void wakeSelector() {
		if (this.factory instanceof TcpNioServerConnectionFactory && read("selector") instanceof Selector selector) {
			selector.wakeup();
		}
	}

	/**
	 * Tell whether the factory was given a bean factory, which a factory that is no bean was not.
	 */
	public boolean hasBeanFactory() {
		return read("beanFactory") != null;
	}

	/**
	 * Return the socket support the application set, or Spring Integration's default one.
	 */
	public TcpSocketSupport socketSupport() {
		return (TcpSocketSupport) read("tcpSocketSupport");
	}

	/**
	 * Return the executor the application set, or {@code null} where it set none.
	 */
	public @Nullable Executor taskExecutor() {
		return (Executor) read("taskExecutor");
	}

	/**
	 * Return the application's interceptors, or {@code null} where it set none.
	 */
	public @Nullable TcpConnectionInterceptorFactoryChain interceptors() {
		return (TcpConnectionInterceptorFactoryChain) read("interceptorFactoryChain");
	}

	/**
	 * Return the connection or socket support kept in the named field of the factory.
	 */
	public Object connectionSupport(String field) {
		return read(field);
	}

	private @Nullable Object read(String field) {
		return this.fields.getPropertyValue(field);
	}

	private static @Nullable Method accessibleMethod(Member member) {
		Method method = ReflectionUtils.findMethod(member.owner(), member.name());
		if (method != null) {
			ReflectionUtils.makeAccessible(method);
		}
		return method;
	}

	private static @Nullable Field accessibleField(Member member, @Nullable Class<?> type) {
		Field field = ReflectionUtils.findField(member.owner(), member.name(), type);
		if (field != null) {
			ReflectionUtils.makeAccessible(field);
		}
		return field;
	}

	/**
	 * A private field or method of a Spring Integration class.
	 *
	 * @param owner the class that declares it
	 * @param name its name
	 */
	record Member(Class<?> owner, String name) {

		/**
		 * Return this member as an accessible field, or {@code null} where the owner has no field of that name.
		 */
		@Nullable Field field() {
			return accessibleField(this, null);
		}

		@Override
		public String toString() {
			return this.owner.getSimpleName() + "." + this.name;
		}

	}

}
