package io.echogateway.connection;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.messaging.Message;
import org.springframework.util.Assert;

/**
 * A selector-driven connection that reads through a {@link FrameGate}.
 */
final class GatedNioConnection extends TcpNioConnection implements GatedConnection {

	private final DirectFrameWriter writer;

	private @Nullable FrameGate gate;

	private volatile @Nullable Thread reader;

	private @Nullable ConnectionState state;

	GatedNioConnection(SocketChannel channel, boolean lookupHost, @Nullable ApplicationEventPublisher publisher,
			@Nullable String factoryName) {
		super(channel, true, lookupHost, publisher, factoryName);
		this.writer = new DirectFrameWriter(this, (failure) -> {
			publishConnectionExceptionEvent(failure);
			closeConnection(true);
		});
	}

	@Override
	public void attach(ConnectionState state) {
		this.state = state;
		this.gate = new FrameGate(super.inputStream(), state);
	}

	@Override
	protected InputStream inputStream() {
		Assert.state(this.gate != null, "The connection is not tracked");
		return this.gate;
	}

	@Override
	public void send(Message<?> message) {
		this.writer.send(message, getChannelOutputStream());
	}

	/**
	 * Allocate the read buffer, which Spring Integration asks for at 60 KB and keeps for the connection's life.
	 */
	@Override
	protected ByteBuffer allocate(int length) {
		return super.allocate(Math.min(length, GatedConnection.READ_BUFFER_SIZE));
	}

	@Override
	public void readPacket() {
		this.reader = Thread.currentThread();
		try {
			super.readPacket();
		}
		finally {
			this.reader = null;
		}
	}

	/**
	 * Close; when the reader saw the client's end of stream, first let the frames already received be answered.
	 */
	@Override
	protected void closeConnection(boolean isException) {
		if (Thread.currentThread() == this.reader && this.state != null) {
			FrameGate frames = (FrameGate) inputStream();
			try {
				this.state.awaitAnswered(frames::hasUnreadInput);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		super.closeConnection(isException);
	}

	@Override
	public Object getPayload() {
		Object payload = super.getPayload();
		return ((FrameGate) inputStream()).frameRead(payload);
	}

}
