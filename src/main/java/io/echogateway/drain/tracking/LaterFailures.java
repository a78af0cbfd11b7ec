package io.echogateway.drain.tracking;

import java.util.function.Supplier;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;

/**
 * The error channel of the requests of one server served by collaborating channel adapters: a flow that fails after
 * an asynchronous hop sends its error here; the error goes on to the application's error channel, and a request that
 * the application's error flow did not answer there counts as failed.
 */
final class LaterFailures implements MessageChannel {

	private final TrackedServer server;

	private final Supplier<MessageChannel> applicationErrors;

	LaterFailures(TrackedServer server, Supplier<MessageChannel> applicationErrors) {
		this.server = server;
		this.applicationErrors = applicationErrors;
	}

	@Override
	public boolean send(Message<?> message, long timeout) {
		TrackingInterceptor connection = (message instanceof ErrorMessage error
				&& error.getPayload() instanceof MessagingException failure && failure.getFailedMessage() != null)
						? this.server.trackedConnection(
								failure.getFailedMessage().getHeaders().get(IpHeaders.CONNECTION_ID, String.class))
						: null;
		long repliesBefore = (connection != null) ? connection.state().framesOut() : 0;
		boolean sent = this.applicationErrors.get().send(message, timeout);
		if (connection != null && connection.state().framesOut() == repliesBefore) {
			connection.failedLater(((MessagingException) message.getPayload()).getMessage());
		}
		return sent;
	}

}
