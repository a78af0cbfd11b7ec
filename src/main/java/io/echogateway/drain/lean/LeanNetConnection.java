package io.echogateway.drain.lean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.SocketInfo;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * Spring Integration's blocking connection, writing each reply straight to the socket instead of through a buffer
 * sized from {@code SO_SNDBUF}, and reading its local address once.
 */
final class LeanNetConnection extends TcpNetConnection {

	private final Socket socket;

	private final DirectFrameWriter writer;

	private final CachedSocketInfo socketInfo;

	LeanNetConnection(Socket socket, boolean lookupHost, @Nullable ApplicationEventPublisher publisher,
			@Nullable String factoryName) {
		super(socket, true, lookupHost, publisher, factoryName);
		this.socket = socket;
		this.socketInfo = new CachedSocketInfo(socket);
		this.writer = new DirectFrameWriter(this, (failure) -> {
			publishConnectionExceptionEvent(failure);
			closeConnection(true);
		});
	}

	/**
	 * Let a read that fails on the socket or its framing, such as a client that resets its connection or ends it in
	 * the middle of a frame, which the tracking logs as a WARN line, not be logged by Spring Integration as an ERROR;
	 * any other failure of a read, such as a deserializer's bug, still is.
	 */
	@Override
	protected boolean handleReadException(Exception exception) {
		Throwable cause = (exception instanceof UncheckedIOException unchecked) ? unchecked.getCause() : exception;
		if (cause instanceof IOException) {
			setNoReadErrorOnClose(true);
		}
		return super.handleReadException(exception);
	}

	/**
	 * Close; a TLS socket first drops its unread input, since the JDK's close otherwise reads and discards input for as
	 * long as it keeps coming, so that a client that floods would hold the close, and the drain, for as long as it
	 * sends. The {@code close_notify} is still written.
	 */
	@Override
	public void close() {
		if (this.socket instanceof SSLSocket tls && !tls.isClosed()) {
			try {
				tls.shutdownInput();
			}
			catch (IOException ex) {
				// Expected: the client has not sent its close_notify; the input is shut down all the same.
			}
		}
		super.close();
	}

	@Override
	public SocketInfo getSocketInfo() {
		return this.socketInfo;
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

}
