package io.echogateway.drain.connection;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.Assert;

/**
 * The innermost interceptor of every server connection: it sees each frame read and each reply written, counts them,
 * and closes the connection when its server decides.
 */
final class TrackingInterceptor extends TcpConnectionInterceptorSupport {

	private static final Log logger = LogFactory.getLog(TrackingInterceptor.class);

	private final TrackedServer server;

	private @Nullable ConnectionState state;

	private @Nullable Throwable failure;

	private volatile @Nullable Object goodbye;

	TrackingInterceptor(TrackedServer server, ApplicationEventPublisher publisher) {
		super(publisher);
		this.server = server;
	}

	/**
	 * Wrap the connection as it is accepted, and admit it to its server or turn it away.
	 */
	@Override
	public void setTheConnection(TcpConnectionSupport connection) {
		super.setTheConnection(connection);
		ConnectionState newState = new ConnectionState(connection.getConnectionId(),
				RemoteAddress.of(connection.getHostAddress(), connection.getPort()), this.server.traffic());
		if (connection instanceof LeanNioConnection lean) {
			lean.attach(newState);
		}
		this.state = newState;
		this.server.admit(this);
	}

	/**
	 * Read this connection's frames through its gate, with whatever deserializer the server has.
	 */
	@Override
	public void setDeserializer(Deserializer<?> deserializer) {
		super.setDeserializer(new GatedDeserializer(deserializer, state(), this.server.buffersInput()));
	}

	ConnectionState state() {
		Assert.state(this.state != null, "No connection is wrapped");
		return this.state;
	}

	@Override
	protected void publishConnectionCloseEvent() {
		CloseReason reason = state().decision().closed();
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
		boolean closeNow;
		if (message.getPayload() instanceof RejectedFrame rejected) {
			refuse(rejected);
			closeNow = state().requestDropped();
		}
		else {
			try {
				super.onMessage(message);
			}
			finally {
				closeNow = state().requestAnswered();
			}
		}
		if (closeNow) {
			sayGoodbyeAndClose();
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
		state().replyWritten(Payloads.size(message.getPayload()));
	}

	/**
	 * Close now if idle, else right after the replies in flight, with the goodbye last; tell whether it was closed now.
	 */
	boolean closeGracefully(CloseReason reason, @Nullable Object goodbyePayload) {
		this.goodbye = goodbyePayload;
		if (!state().decision().closeAfterReply(reason)) {
			return false;
		}
		sayGoodbyeAndClose();
		return true;
	}

	/**
	 * Close now, whatever is in flight.
	 */
	void closeNow(CloseReason reason) {
		if (state().decision().closeNow(reason)) {
			close();
		}
	}

	/**
	 * Write the refusal of a connection that was turned away, then close it.
	 */
	void refuseConnection(@Nullable Object refusal) {
		if (refusal != null) {
			sendNotice(refusal);
		}
		closeNow(CloseReason.ERROR);
	}

	/**
	 * Close the socket unless it is closed already: closing a closed NIO connection again blocks on its full input
	 * pipe for Spring Integration's pipe timeout (60 s), and a stopping factory closes every connection it still holds.
	 */
	@Override
	public void close() {
		if (this.state == null || this.state.decision().phase() != CloseDecision.Phase.CLOSED) {
			super.close();
		}
	}

	String describe() {
		return getConnectionId() + " from " + state().remoteAddress();
	}

	private void sayGoodbyeAndClose() {
		Object line = this.goodbye;
		if (line != null) {
			sendNotice(line);
		}
		close();
	}

	/**
	 * Send a payload of the server's own outside the request-reply exchange; a failure is logged, never thrown.
	 */
	private void sendNotice(Object payload) {
		try {
			super.send(new GenericMessage<>(payload));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not write to connection " + describe() + ": " + ex.getMessage());
		}
	}

	private void refuse(RejectedFrame rejected) {
		logger.warn("Closing connection " + describe() + ": " + rejected.problem() + ".");
		state().decision().closeAfterReply(rejected.reason());
		if (rejected.reply() != null) {
			sendNotice(rejected.reply());
		}
	}

}
