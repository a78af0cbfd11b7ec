package io.echogateway.connection;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.util.Assert;

/**
 * A blocking connection that reads through a buffered {@link FrameGate}.
 */
final class GatedNetConnection extends TcpNetConnection implements GatedConnection {

	private final Socket socket;

	private final DirectFrameWriter writer;

	private @Nullable FrameGate gate;

	GatedNetConnection(Socket socket, boolean lookupHost, @Nullable ApplicationEventPublisher publisher,
			@Nullable String factoryName) {
		super(socket, true, lookupHost, publisher, factoryName);
		this.socket = socket;
		this.writer = new DirectFrameWriter(this, (failure) -> {
			publishConnectionExceptionEvent(failure);
			closeConnection(true);
		});
	}

	@Override
	public void attach(ConnectionState state) throws IOException {
		this.gate = new FrameGate(new BufferedInputStream(super.inputStream(), GatedConnection.READ_BUFFER_SIZE), state);
	}

	@Override
	public void send(Message<?> message) {
		try {
			this.writer.send(message, this.socket.getOutputStream());
		}
		catch (IOException ex) {
			throw new MessagingException(message, "The socket has no output", ex);
		}
	}

	@Override
	protected InputStream inputStream() {
		Assert.state(this.gate != null, "The connection is not tracked");
		return this.gate;
	}

	@Override
	public Object getPayload() {
		Object payload = super.getPayload();
		return ((FrameGate) inputStream()).frameRead(payload);
	}

}
