package io.echogateway.drain.tracking;

import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.echogateway.drain.connection.CloseReason;
import io.echogateway.drain.connection.RejectedFrame;
import io.echogateway.drain.integration.IntegrationInternals;
import io.echogateway.drain.lean.LeanConnections;
import io.echogateway.drain.limits.Durations;
import io.echogateway.drain.limits.SweptConnection;
import io.echogateway.drain.state.CloseDecision;
import io.echogateway.drain.state.ConnectionState;
import io.echogateway.drain.state.GatedDeserializer;
import io.echogateway.drain.state.Payloads;
import io.echogateway.drain.state.RemoteAddress;
import io.echogateway.drain.state.WriteWatch;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.Assert;

/**
 * The innermost interceptor of every server connection: it sees each frame read and each reply written, counts them,
 * and closes the connection when its server decides.
 */
final class TrackingInterceptor extends TcpConnectionInterceptorSupport implements SweptConnection {

	private static final Log logger = LogFactory.getLog(TrackingInterceptor.class);

	/** How long a refused selector-driven connection waits for Spring Integration to register it with its selector. */
	private static final Duration REGISTRATION_WAIT = Duration.ofSeconds(1);

	private static final long REGISTRATION_POLL_NANOS = 50_000;

	private final TrackedServer server;

	private @Nullable ConnectionState state;

	private volatile @Nullable Throwable failure;

	private volatile @Nullable Object refusal;

	private final Object gatewayCalls = new Object();

	private int requestsInGateway;

	private final List<Runnable> removalsAfterGatewayReturns = new ArrayList<>(0);

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
		LeanConnections.awaitAnswersAtEndOfStream(connection, this::awaitAnsweredAtEndOfStream);
		this.state = newState;
		this.server.admit(this);
	}

	/**
	 * Wait, for at most the server's idle timeout, until the requests of a client that ended its stream are answered,
	 * and say so when they are not.
	 */
	private void awaitAnsweredAtEndOfStream(BooleanSupplier unreadInput) throws InterruptedException {
		Duration limit = this.server.limits().idleTimeout();
		if (!state().decision().awaitAnswered(unreadInput, limit)) {
			logger.warn("Closing connection " + describe() + " whose client ended its stream: its requests were not "
					+ "all answered within " + Durations.readable(limit) + ".");
		}
	}

	/**
	 * Read this connection's frames through its gate, with whatever deserializer the server has.
	 */
	@Override
	public void setDeserializer(Deserializer<?> deserializer) {
		super.setDeserializer(new GatedDeserializer(deserializer, state(), this.server.buffersInput()));
	}

	@Override
	public ConnectionState state() {
		Assert.state(this.state != null, "No connection is wrapped");
		return this.state;
	}

	@Override
	protected void publishConnectionCloseEvent() {
		CloseReason reason = state().decision().closed();
		this.server.closed(this, reason, state().decision().unansweredAtClose());
		if (reason == CloseReason.CLIENT && !state().isIdle()) {
			this.server.warnings()
				.warn("were closed by their client with a frame unfinished or a reply unsent", "Connection "
						+ describe() + " was closed by the client with a frame unfinished or a reply unsent"
						+ ((this.failure != null) ? ": " + this.failure.getMessage() : "") + ".");
		}
		super.publishConnectionCloseEvent();
	}

	@Override
	protected void publishConnectionExceptionEvent(Throwable cause) {
		this.failure = cause;
		super.publishConnectionExceptionEvent(cause);
	}

	/**
	 * Hand a frame to the flow and settle it by how the server answers: a gateway's request is answered when the
	 * gateway wrote a reply before returning and failed otherwise, a collaborating adapter's when its reply is written
	 * later, and a request that expects no reply once it was handed over; a request whose flow throws fails.
	 */
	@Override
	public void onMessage(Message<?> message) {
		if (message instanceof ErrorMessage error) {
			this.failure = error.getPayload();
			super.onMessage(message);
			return;
		}
		state().noteTls(this::getSslSession);
		if (message.getPayload() instanceof RejectedFrame rejected) {
			refuse(rejected);
			closeIf(state().requestDropped());
			return;
		}
		Answering answering = this.server.answering();
		long repliesBefore = state().framesOut();
		boolean inGateway = answering == Answering.BEFORE_RETURN;
		if (inGateway) {
			enterGateway();
		}
		try {
			super.onMessage((answering == Answering.BY_LATER_REPLY) ? withLaterFailuresSeen(message) : message);
		}
		catch (RuntimeException ex) {
			logger.error("The flow failed on a request from connection " + describe() + "; the request gets no "
					+ "reply and the connection closes after its other replies.", ex);
			closeIf(state().requestFailed());
			return;
		}
		finally {
			if (inGateway) {
				leaveGateway();
			}
		}
		if (inGateway && state().decision().phase() == CloseDecision.Phase.CLOSED) {
			logger.debug("The reply to a request from connection " + describe() + " was not written: the connection "
					+ "was closed first, and its close counted the request.");
		}
		else if (inGateway && state().framesOut() == repliesBefore) {
			this.server.warnings()
				.warn("got no reply to a request", "Connection " + describe() + " got no reply to a request: the "
						+ "flow returned none or the gateway's reply timed out; the connection closes after its "
						+ "other replies.");
			closeIf(state().requestFailed());
		}
		else if (answering == Answering.NOT_EXPECTED) {
			closeIf(state().requestDropped());
		}
	}

	/**
	 * Keep this connection known to its gateway until the gateway's requests in flight return, so that the reply to a
	 * connection closed meanwhile, which its close counted already, is dropped here instead of Spring Integration
	 * logging an error for it.
	 */
	@Override
	public void removeDeadConnection(TcpConnection connection) {
		if (!removeAfterGatewayReturns(() -> super.removeDeadConnection(connection))) {
			super.removeDeadConnection(connection);
		}
	}

	/**
	 * Hold back a removal of this connection from its gateway while the gateway has requests of it in flight, and
	 * tell whether it was held back; it runs when the last of them returns.
	 */
	boolean removeAfterGatewayReturns(Runnable removal) {
		synchronized (this.gatewayCalls) {
			if (this.requestsInGateway == 0) {
				return false;
			}
			this.removalsAfterGatewayReturns.add(removal);
			return true;
		}
	}

	private void enterGateway() {
		synchronized (this.gatewayCalls) {
			this.requestsInGateway++;
		}
	}

	private void leaveGateway() {
		List<Runnable> removals;
		synchronized (this.gatewayCalls) {
			this.requestsInGateway--;
			if (this.requestsInGateway > 0 || this.removalsAfterGatewayReturns.isEmpty()) {
				return;
			}
			removals = List.copyOf(this.removalsAfterGatewayReturns);
			this.removalsAfterGatewayReturns.clear();
		}
		removals.forEach(Runnable::run);
	}

	/**
	 * Write a reply of the flow; a written reply answers the connection's oldest request in flight.
	 */
	@Override
	public void send(Message<?> message) {
		if (write(message)) {
			state().replyWritten(Payloads.size(message.getPayload()));
			closeIf(state().requestAnswered());
		}
	}

	/**
	 * Let a request whose reply comes later send the error of a flow that fails after an asynchronous hop where this
	 * connection sees it, unless the application chose an error channel for it.
	 */
	private Message<?> withLaterFailuresSeen(Message<?> message) {
		MessageChannel laterFailures = this.server.laterFailures();
		if (laterFailures == null || message.getHeaders().getErrorChannel() != null) {
			return message;
		}
		return MessageBuilder.fromMessage(message).setErrorChannel(laterFailures).build();
	}

	/**
	 * Count a request whose flow failed after handing it on and that the application's error flow did not answer.
	 */
	void failedLater(String problem) {
		this.server.warnings()
			.warn("got no reply because their flow failed", "Connection " + describe() + " got no reply to a request: "
					+ "its flow failed (" + problem + "); the connection closes after its other replies.");
		closeIf(state().requestFailed());
	}

	private void closeIf(boolean closeNow) {
		if (closeNow) {
			sayGoodbyeAndClose();
		}
	}

	/**
	 * Close now if idle, else right after the replies in flight, with the goodbye last; tell whether it is closing now.
	 * The goodbye and the close of an idle connection happen on a thread of their own, so that a client that does not
	 * read cannot hold up the caller.
	 */
	boolean closeGracefully(CloseReason reason, @Nullable Object goodbyePayload) {
		if (!state().decision().closeAfterReply(reason, goodbyePayload)) {
			return false;
		}
		onThreadOfItsOwn("close", this::sayGoodbyeAndClose);
		return true;
	}

	/**
	 * Tell the client goodbye at once and keep serving it until it closes; the goodbye is written on a thread of its
	 * own, so that a client that does not read cannot hold up the caller.
	 */
	void awaitClient(@Nullable Object goodbyePayload) {
		if (goodbyePayload != null && state().decision().awaitClient()) {
			onThreadOfItsOwn("goodbye", () -> sendNotice(goodbyePayload));
		}
	}

	/**
	 * Close now, whatever is in flight: wake a write that is waiting for the client, and close on a thread of its own,
	 * since closing a selector-driven connection can wait for room in its input pipe, which a flooding client fills;
	 * tell whether this call decided the close.
	 */
	@Override
	public boolean closeNow(CloseReason reason) {
		if (!state().decision().closeNow(reason)) {
			return false;
		}
		state().writes().interruptWriter();
		onThreadOfItsOwn("close", this::close);
		return true;
	}

	/**
	 * Turn this connection away once Spring Integration has set it up: write the refusal, if any, then close.
	 */
	void refuseOnceSetUp(@Nullable Object refusalPayload) {
		this.refusal = refusalPayload;
	}

	/**
	 * Spring Integration has set the connection up (its serializer; on NIO it registers the channel right after): turn
	 * it away now if it was refused, on a thread of its own.
	 */
	@Override
	protected void publishConnectionOpenEvent() {
		super.publishConnectionOpenEvent();
		if (state().decision().phase() == CloseDecision.Phase.REJECTING) {
			onThreadOfItsOwn("refuse", this::refuse);
		}
	}

	private void refuse() {
		awaitSelectorRegistration();
		Object payload = this.refusal;
		if (payload != null) {
			sendNotice(payload);
		}
		closeNow(CloseReason.ERROR);
	}

	/**
	 * Wait, briefly and within a bound, until Spring Integration has registered a selector-driven connection's channel,
	 * since closing it before makes that registration fail with an error.
	 */
	private void awaitSelectorRegistration() {
		SocketChannel channel = (getTheConnection() instanceof TcpNioConnection nio) ? IntegrationInternals.channelOf(nio)
				: null;
		long deadline = System.nanoTime() + REGISTRATION_WAIT.toNanos();
		while (channel != null && channel.isOpen() && !channel.isRegistered() && System.nanoTime() < deadline) {
			LockSupport.parkNanos(REGISTRATION_POLL_NANOS);
		}
	}

	/**
	 * Close the socket unless it is closed already: closing a closed NIO connection again blocks on its full input
	 * pipe for Spring Integration's pipe timeout (60 s), and a stopping factory closes every connection it still holds.
	 * A selector-driven connection of Spring Integration's own (the lean ones have no pipe) stops waiting for room in
	 * its pipe and drops the input nobody will read, since otherwise its reader waits and its assemblers spin until the
	 * pipe timeout, which on few cores starves every other thread, the selector's too.
	 */
	@Override
	public void close() {
		if (this.state == null || this.state.decision().phase() != CloseDecision.Phase.CLOSED) {
			TcpNioConnection stock = (getTheConnection() instanceof TcpNioConnection nio
					&& !LeanConnections.isLeanNio(nio)) ? nio : null;
			if (stock != null) {
				stock.setPipeTimeout(0);
			}
			super.close();
			if (stock != null) {
				IntegrationInternals.discardUnreadInput(stock);
			}
			this.server.parts().wakeSelector();
		}
	}

	@Override
	public String describe() {
		return getConnectionId() + " from " + state().remoteAddress();
	}

	/**
	 * Run work that may wait for the client on a virtual thread named after it and this connection.
	 */
	private void onThreadOfItsOwn(String work, Runnable task) {
		Thread.ofVirtual().name("tcp-" + work + "-" + getConnectionId()).start(task);
	}

	private void sayGoodbyeAndClose() {
		Object line = state().decision().goodbye();
		if (line != null) {
			sendNotice(line);
		}
		close();
	}

	/**
	 * Send a payload of the server's own outside the request-reply exchange.
	 */
	private void sendNotice(Object payload) {
		write(new GenericMessage<>(payload));
	}

	/**
	 * Write a message, watched by the send timeout, and tell whether it was written; a failure is logged at debug
	 * level only, since Spring Integration has published it and closed the connection, and the close logs it once.
	 */
	private boolean write(Message<?> message) {
		WriteWatch watch = state().writes();
		watch.started();
		try {
			super.send(message);
			return true;
		}
		catch (MessagingException ex) {
			logger.debug("Could not write to connection " + describe() + ": " + ex.getMessage());
			return false;
		}
		finally {
			watch.finished();
		}
	}

	private void refuse(RejectedFrame rejected) {
		this.server.warnings()
			.warn("were closed for a frame their protocol refuses",
					"Closing connection " + describe() + ": " + rejected.problem() + ".");
		state().decision().refuseFrame(rejected.reason());
		if (rejected.reply() != null) {
			sendNotice(rejected.reply());
		}
	}

}
