package io.echogateway.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.Assert;

/**
 * Wraps one server connection to count its traffic, hold its requests in flight and close it when its server says.
 */
final class TrackedConnection extends TcpConnectionInterceptorSupport {

	private static final Log logger = LogFactory.getLog(TrackedConnection.class);

	private final TrackedServer server;

	private @Nullable ConnectionState state;

	private @Nullable Throwable failure;

	private volatile @Nullable String goodbye;

	TrackedConnection(TrackedServer server, ApplicationEventPublisher publisher) {
		super(publisher);
		this.server = server;
	}

	@Override
	public void setTheConnection(TcpConnectionSupport connection) {
		super.setTheConnection(connection);
		ConnectionState newState = new ConnectionState(connection.getConnectionId(),
				RemoteAddress.of(connection.getHostAddress(), connection.getPort()), this.server.traffic());
		try {
			((GatedConnection) connection).attach(newState);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.state = newState;
	}

	ConnectionState state() {
		Assert.state(this.state != null, "No connection is wrapped");
		return this.state;
	}

	@Override
	protected void publishConnectionOpenEvent() {
		if (this.server.admit(this)) {
			super.publishConnectionOpenEvent();
		}
	}

	@Override
	protected void publishConnectionCloseEvent() {
		CloseReason reason = state().closed();
		this.server.closed(this, reason);
		if (reason == CloseReason.CLIENT && !state().isIdle()) {
			logger.warn("Connection " + describe() + " was closed by the client with a frame unfinished or a reply "
					+ "unsent" + ((this.failure != null) ? ": " + this.failure.getMessage() : "") + ".");
		}
		super.publishConnectionCloseEvent();
	}

	@Override
	protected void publishConnectionExceptionEvent(Throwable cause) {
		this.failure = cause;
		super.publishConnectionExceptionEvent(cause);
	}

	@Override
	public void onMessage(Message<?> message) {
		if (message instanceof ErrorMessage error) {
			this.failure = error.getPayload();
			super.onMessage(message);
			return;
		}
		long ticket = message.getHeaders().get(FrameMessageMapper.TICKET, Long.class);
		try {
			state().awaitTurn(ticket);
			if (message.getPayload() instanceof RejectedFrame rejected) {
				reject(rejected);
			}
			else {
				super.onMessage(message);
				long readNanos = message.getHeaders().get(FrameMessageMapper.READ_NANOS, Long.class);
				this.server.traffic().requestAnswered(System.nanoTime() - readNanos);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			if (state().requestFinished()) {
				sayGoodbyeAndClose();
			}
		}
	}

	@Override
	public void send(Message<?> message) {
		try {
			super.send(message);
		}
		catch (MessagingException ex) {
			// Spring Integration has closed the connection and published the cause; the close logs it once.
			return;
		}
		if (message.getPayload() instanceof byte[] payload) {
			state().replyWritten(payload.length);
		}
	}

	/**
	 * Close now if idle, else right after the replies in flight, with the goodbye line last; tell whether it was
	 * closed now.
	 */
	boolean closeGracefully(CloseReason reason, @Nullable String goodbye) {
		this.goodbye = goodbye;
		if (!state().requestClose(reason)) {
			return false;
		}
		sayGoodbyeAndClose();
		return true;
	}

	private void sayGoodbyeAndClose() {
		String line = this.goodbye;
		if (line != null) {
			sendLine(line);
		}
		close();
	}

	/**
	 * Close the socket unless it is closed already: closing a closed NIO connection again blocks on its full input
	 * pipe for Spring Integration's pipe timeout (60 s), and a stopping factory closes every connection it still holds.
	 */
	@Override
	public void close() {
		if (this.state == null || !this.state.isClosed()) {
			super.close();
		}
	}

	/**
	 * Close now, whatever is in flight.
	 */
	void closeNow(CloseReason reason) {
		if (state().closeNow(reason)) {
			close();
		}
	}

	/**
	 * Send one line outside the request-reply exchange; a failure is logged, never thrown.
	 */
	void sendLine(String line) {
		try {
			super.send(new GenericMessage<>(line.getBytes(StandardCharsets.UTF_8)));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not send '" + line + "' to connection " + describe() + ": " + ex.getMessage());
		}
	}

	String describe() {
		return getConnectionId() + " from " + state().remoteAddress();
	}

	private void reject(RejectedFrame rejected) {
		logger.warn("Closing connection " + describe() + ": " + rejected.problem() + ".");
		if (rejected.reply() != null) {
			sendLine(rejected.reply());
		}
	}

}
