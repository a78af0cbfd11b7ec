package io.echogateway.drain.lean;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.util.Assert;

/**
 * Writes each outgoing frame straight to the socket in one write call, instead of through the buffer Spring
 * Integration keeps per connection, which it sizes from {@code SO_SNDBUF} (about 2 MB on a loopback).
 */
final class DirectFrameWriter {

	private final ReentrantLock lock = new ReentrantLock();

	private final TcpConnectionSupport connection;

	private final Consumer<MessagingException> onFailure;

	/**
	 * Create a writer for one connection.
	 * @param connection the connection whose mapper and serializer turn a message into bytes
	 * @param onFailure what the connection does when a write fails: publish the failure and close
	 */
	DirectFrameWriter(TcpConnectionSupport connection, Consumer<MessagingException> onFailure) {
		this.connection = connection;
		this.onFailure = onFailure;
	}

	/**
	 * Serialize the message onto the socket, the whole frame in one write call.
	 * @param message the message to send
	 * @param socket the socket's unbuffered output
	 */
	@SuppressWarnings("unchecked")
	void send(Message<?> message, OutputStream socket) {
		this.lock.lock();
		try {
			Object frame = this.connection.getMapper().fromMessage(message);
			Assert.state(frame != null, "The mapper turned the message into nothing");
			LeanConnections.writeFrame((Serializer<Object>) this.connection.getSerializer(), frame, socket);
		}
		catch (IOException | RuntimeException ex) {
			MessagingException failure = new MessagingException(message, "Could not send a reply", ex);
			this.onFailure.accept(failure);
			throw failure;
		}
		finally {
			this.lock.unlock();
		}
	}

}
