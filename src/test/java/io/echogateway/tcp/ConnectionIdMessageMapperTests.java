package io.echogateway.tcp;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link ConnectionIdMessageMapper}.
 */
class ConnectionIdMessageMapperTests {

	private final ConnectionIdMessageMapper mapper = new ConnectionIdMessageMapper();

	@Test
	void mapsAFrameToItsBytesWithTheConnectionIdAsTheOnlyHeaderOfItsOwn() {
		TcpConnection connection = connectionWith(new byte[] { 'h', 'i' });
		Message<?> message = this.mapper.toMessage(connection, null);
		assertThat(message).isNotNull();
		assertThat(message.getPayload()).isEqualTo(new byte[] { 'h', 'i' });
		assertThat(message.getHeaders()).containsOnlyKeys(MessageHeaders.ID, MessageHeaders.TIMESTAMP,
				IpHeaders.CONNECTION_ID);
		assertThat(message.getHeaders()).containsEntry(IpHeaders.CONNECTION_ID, "client:1234:5388:id");
	}

	@Test
	void keepsTheConnectionIdOverHeadersPassedIn() {
		TcpConnection connection = connectionWith(new byte[] { 'x' });
		Message<?> message = this.mapper.toMessage(connection,
				Map.of(IpHeaders.CONNECTION_ID, "other", "extra", 42));
		assertThat(message).isNotNull();
		assertThat(message.getHeaders()).containsEntry(IpHeaders.CONNECTION_ID, "client:1234:5388:id")
			.containsEntry("extra", 42);
	}

	@Test
	void mapsNoPayloadToNoMessage() {
		assertThat(this.mapper.toMessage(connectionWith(null), null)).isNull();
	}

	private static TcpConnection connectionWith(byte[] payload) {
		TcpConnection connection = mock(TcpConnection.class);
		given(connection.getPayload()).willReturn(payload);
		given(connection.getConnectionId()).willReturn("client:1234:5388:id");
		return connection;
	}

}
