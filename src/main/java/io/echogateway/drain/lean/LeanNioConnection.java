package io.echogateway.drain.lean;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.NoListenerException;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.messaging.Message;

/**
 * Spring Integration's selector-driven connection, writing each reply straight to the channel and reading its frames
 * on the thread the selector gives it, straight from a buffer borrowed for each read, instead of through Spring
 * Integration's input pipe and a second thread per read; it answers what it has received before it closes at the
 * client's end of stream.
 */
final class LeanNioConnection extends TcpNioConnection {

	private static final Log flowLogger = LogFactory.getLog(LeanConnections.class);

	private final SocketChannel channel;

	private final DirectFrameWriter writer;

	private final ChannelInput input;

	private volatile @Nullable AnswerWait answerWait;

	LeanNioConnection(SocketChannel channel, boolean lookupHost, @Nullable ApplicationEventPublisher publisher,
			@Nullable String factoryName, ReadBuffers readBuffers) {
		super(channel, true, lookupHost, publisher, factoryName);
		this.channel = channel;
		this.input = new ChannelInput(channel, readBuffers, super::allocate);
		this.writer = new DirectFrameWriter(this, (failure) -> {
			publishConnectionExceptionEvent(failure);
			closeConnection(true);
		});
	}

	/**
	 * Let the connection wait for its answers before it closes at the client's end of stream.
	 */
	void awaitAnswersAtEndOfStream(AnswerWait wait) {
		this.answerWait = wait;
	}

	@Override
	public void send(Message<?> message) {
		this.writer.send(message, getChannelOutputStream());
	}

	/**
	 * The frames' input: the bytes of the running read, then the socket itself while a frame goes on past them.
	 */
	@Override
	protected InputStream inputStream() {
		return this.input;
	}

	/**
	 * Read what the socket has and hand each frame in it to the listener, in order, on this thread; a frame that goes
	 * on past the bytes read is read to its end here too.
	 */
	@Override
	public void readPacket() {
		try {
			if (this.input.fill() < 0) {
				awaitAnswers();
				closeConnection(true);
				return;
			}
			while (this.input.available() > 0 && isOpen() && assembleOne()) {
				// Each pass hands one frame over; a frame whose read fails closes the connection.
			}
		}
		catch (IOException ex) {
			publishConnectionExceptionEvent(ex);
			closeConnection(true);
		}
		finally {
			this.input.giveBack();
		}
	}

	/**
	 * Read one frame and hand it to the listener, and tell whether reading may go on: not when the frame could not be
	 * read, which closes the connection as Spring Integration's own assembler does.
	 */
	private boolean assembleOne() {
		Message<?> message;
		try {
			message = getMapper().toMessage(this);
		}
		catch (Exception ex) {
			closeConnection(true);
			if (!(ex instanceof SoftEndOfStreamException || ex instanceof SocketTimeoutException)) {
				sendExceptionToListener(ex);
			}
			return false;
		}
		if (message != null) {
			deliver(message);
		}
		return true;
	}

	private void deliver(Message<?> message) {
		TcpListener listener = getListener();
		try {
			if (listener == null) {
				throw new NoListenerException("No listener");
			}
			listener.onMessage(message);
		}
		catch (NoListenerException ex) {
			flowLogger.warn("Connection " + getConnectionId() + " received a message while no endpoint listens to it: "
					+ message);
		}
		catch (RuntimeException ex) {
			flowLogger.error("The flow failed on a message of connection " + getConnectionId() + ": " + message, ex);
		}
	}

	/**
	 * Before closing at the client's end of stream, let the requests already received be answered (a flow may answer
	 * them on threads of its own), for as long as the wait allows.
	 */
	private void awaitAnswers() {
		AnswerWait wait = this.answerWait;
		if (wait != null) {
			try {
				wait.awaitAnswered(() -> this.input.available() > 0);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Close the socket first, so that the client sees the close at once, and end a read waiting for more of a frame.
	 */
	@Override
	public void close() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// Spring Integration's close below closes it again and ignores the failure as well.
		}
		this.input.close();
		super.close();
	}

}
