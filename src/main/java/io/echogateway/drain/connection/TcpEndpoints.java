package io.echogateway.drain.connection;

import java.util.List;
import java.util.Optional;

import org.springframework.beans.DirectFieldAccessor;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.inbound.TcpInboundGateway;
import org.springframework.integration.ip.tcp.inbound.TcpReceivingChannelAdapter;
import org.springframework.integration.ip.tcp.outbound.TcpSendingMessageHandler;

/**
 * Finds the server connection factory behind a Spring Integration TCP endpoint, which may be no bean of its own when
 * the application built it inside the endpoint's bean method.
 */
final class TcpEndpoints {

	/** The field in which the inbound gateway and both channel adapters keep their server factory. */
	private static final String SERVER_FACTORY = "serverConnectionFactory";

	/** The endpoints that can serve a server connection factory: the inbound gateway and both channel adapters. */
	static final List<Class<?>> TYPES = List.of(TcpInboundGateway.class, TcpReceivingChannelAdapter.class,
			TcpSendingMessageHandler.class);

	private TcpEndpoints() {
	}

	/**
	 * Return the server connection factory an endpoint serves.
	 * @param endpoint a TCP endpoint
	 * @return its server factory, or empty if it serves a client factory or none yet
	 */
	static Optional<AbstractServerConnectionFactory> serverFactory(Object endpoint) {
		if (TYPES.stream().noneMatch((type) -> type.isInstance(endpoint))) {
			return Optional.empty();
		}
		Object factory = new DirectFieldAccessor(endpoint).getPropertyValue(SERVER_FACTORY);
		return (factory instanceof AbstractServerConnectionFactory server) ? Optional.of(server) : Optional.empty();
	}

}
