package io.echogateway.drain.lean;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;

/**
 * Makes the lean connections of a server and tells them apart from Spring Integration's own.
 */
public final class LeanConnections {

	private LeanConnections() {
	}

	/**
	 * Return a connection support that makes lean blocking connections.
	 * @return the support, for {@code TcpNetServerConnectionFactory#setTcpNetConnectionSupport}
	 */
	public static TcpNetConnectionSupport net() {
		return LeanConnections::netConnection;
	}

	/**
	 * Return a connection support that makes lean selector-driven connections, which share one server's spare read
	 * buffers.
	 * @return the support, for {@code TcpNioServerConnectionFactory#setTcpNioConnectionSupport}
	 */
	public static TcpNioConnectionSupport nio() {
		ReadBuffers readBuffers = new ReadBuffers();
		return (channel, server, lookupHost, publisher, factoryName) -> new LeanNioConnection(channel, lookupHost,
				publisher, factoryName, readBuffers);
	}

	/**
	 * Return an executor that runs each selector-driven connection's frame assemblers one after the other, on the given
	 * executor's threads.
	 * @param executor the server's executor
	 * @return the ordering executor
	 */
	public static Executor assemblersInOrder(Executor executor) {
		return new SerialAssemblyExecutor(executor);
	}

	/**
	 * Tell whether a connection is a lean selector-driven one, which drops its own unread input when it closes.
	 * @param connection a server connection
	 * @return whether it is one
	 */
	public static boolean isLeanNio(TcpConnection connection) {
		return connection instanceof LeanNioConnection;
	}

	/**
	 * Let a lean selector-driven connection wait for its answers when its client ends its stream; other connections
	 * do not wait.
	 * @param connection a server connection
	 * @param wait what to wait for
	 */
	public static void awaitAnswersAtEndOfStream(TcpConnection connection, AnswerWait wait) {
		if (connection instanceof LeanNioConnection lean) {
			lean.awaitAnswersAtEndOfStream(wait);
		}
	}

	/**
	 * Serialize one frame onto a socket's unbuffered output in one write call, however many pieces the serializer
	 * writes it in.
	 * @param serializer the connection's serializer
	 * @param frame what the connection's mapper made of the message
	 * @param socket the socket's unbuffered output
	 * @throws IOException if the serializer or the write fails
	 */
	public static void writeFrame(Serializer<Object> serializer, Object frame, OutputStream socket) throws IOException {
		FrameBuffer buffer = new FrameBuffer(socket);
		serializer.serialize(frame, buffer);
		buffer.writeGathered();
	}

	private static TcpNetConnection netConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName) {
		return new LeanNetConnection(socket, lookupHost, publisher, factoryName);
	}

}
