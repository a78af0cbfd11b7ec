package io.echogateway.tcp;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;

/**
 * Maps each frame to a message whose only header besides the id and timestamp is the connection id: the echo flow
 * reads no other, and Spring Integration's mapper builds two header maps of seven entries for every request.
 */
final class ConnectionIdMessageMapper extends TcpMessageMapper {

	@Override
	public @Nullable Message<?> toMessage(TcpConnection connection, @Nullable Map<String, Object> headers) {
		Object payload = connection.getPayload();
		if (payload == null) {
			return null;
		}
		return getMessageBuilderFactory().withPayload(payload)
			.setHeader(IpHeaders.CONNECTION_ID, connection.getConnectionId())
			.copyHeadersIfAbsent(headers)
			.build();
	}

}
