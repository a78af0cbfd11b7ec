package io.echogateway.connection;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/**
 * Turns a frame read by a gated connection into a message with its place in the connection's order of requests, built
 * once with a few headers, where Spring Integration's mapper builds the headers twice and looks up the local address.
 */
final class FrameMessageMapper extends TcpMessageMapper {

	/** The header with the frame's position among the connection's frames. */
	static final String TICKET = "echo-gateway.ticket";

	/** The header with the time the frame was read, on the {@link System#nanoTime()} clock. */
	static final String READ_NANOS = "echo-gateway.readNanos";

	@Override
	public @Nullable Message<?> toMessage(TcpConnection connection, @Nullable Map<String, Object> headers) {
		ReadFrame frame = (ReadFrame) connection.getPayload();
		return new GenericMessage<>(frame.payload(),
				Map.of(IpHeaders.CONNECTION_ID, connection.getConnectionId(), IpHeaders.IP_ADDRESS,
						connection.getHostAddress(), IpHeaders.REMOTE_PORT, connection.getPort(), TICKET,
						frame.ticket(), READ_NANOS, frame.readNanos()));
	}

}
