package io.echogateway.drain.connection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.messaging.Message;

/**
 * Spring Integration's selector-driven connection, writing each reply straight to the channel, reading through a buffer
 * borrowed for each read, running its frame assemblers in order once their read is done, and answering what it has
 * received before it closes at the client's end of stream.
 */
final class LeanNioConnection extends TcpNioConnection {

	/** Logs under the tracking's name, since Spring Integration's logger of this class is off by default. */
	private static final Log trackingLogger = LogFactory.getLog(TrackingInterceptor.class);

	private final SocketChannel channel;

	private final DirectFrameWriter writer;

	private final ReadBuffers readBuffers;

	private volatile @Nullable Thread reader;

	private volatile @Nullable ConnectionState state;

	private volatile Duration answerWait = Duration.ZERO;

	private @Nullable AssemblyQueue assemblers;

	LeanNioConnection(SocketChannel channel, boolean lookupHost, @Nullable ApplicationEventPublisher publisher,
			@Nullable String factoryName, ReadBuffers readBuffers) {
		super(channel, true, lookupHost, publisher, factoryName);
		this.channel = channel;
		this.readBuffers = readBuffers;
		this.writer = new DirectFrameWriter(this, (failure) -> {
			publishConnectionExceptionEvent(failure);
			closeConnection(true);
		});
	}

	/**
	 * Let the connection wait for the given state's requests, for at most the given time, before it closes at the
	 * client's end of stream.
	 */
	void attach(ConnectionState connectionState, Duration longestAnswerWait) {
		this.state = connectionState;
		this.answerWait = longestAnswerWait;
	}

	@Override
	public void send(Message<?> message) {
		this.writer.send(message, getChannelOutputStream());
	}

	/**
	 * Borrow a buffer for the read about to start: Spring Integration asks for 60 KB here and would keep it for the
	 * connection's life.
	 */
	@Override
	protected ByteBuffer allocate(int length) {
		return this.readBuffers.borrow(super::allocate);
	}

	/**
	 * Give the read's buffer back once its bytes are in the pipe, and let the next read borrow another.
	 */
	@Override
	protected void sendToPipe(ByteBuffer rawBuffer) throws IOException {
		super.sendToPipe(rawBuffer);
		IntegrationInternals.forgetReadBuffer(this);
		this.readBuffers.giveBack(rawBuffer);
	}

	/**
	 * Run this connection's frame assemblers one after the other on the given threads, each once its read is done.
	 */
	@Override
	public void setTaskExecutor(Executor taskExecutor) {
		AssemblyQueue queue = new AssemblyQueue(taskExecutor);
		this.assemblers = queue;
		super.setTaskExecutor(queue);
	}

	@Override
	public void readPacket() {
		this.reader = Thread.currentThread();
		AssemblyQueue queue = this.assemblers;
		if (queue != null) {
			queue.hold();
		}
		try {
			super.readPacket();
		}
		finally {
			this.reader = null;
			if (queue != null) {
				queue.release();
			}
		}
	}

	/**
	 * Close; when the reader saw the client's end of stream, first let the frames already received be answered, by
	 * assemblers this read no longer holds back, for as long as the connection may stay idle.
	 */
	@Override
	protected void closeConnection(boolean isException) {
		ConnectionState connectionState = this.state;
		if (Thread.currentThread() == this.reader && connectionState != null && assemblersMayRun()) {
			try {
				if (!connectionState.decision().awaitAnswered(this::hasUnreadInput, this.answerWait)) {
					trackingLogger.warn("Closing connection " + getConnectionId() + " whose client ended its stream: its "
							+ "requests were not all answered within " + Durations.readable(this.answerWait) + ".");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		super.closeConnection(isException);
	}

	/**
	 * Close the socket first, so that the client sees the close at once; then let Spring Integration close the rest
	 * without waiting for room in the full input pipe of a client that floods (its end-of-stream marker is not needed,
	 * the pipe is marked closed too), and drop the input nobody will read, which frees a reader waiting for that room.
	 */
	@Override
	public void close() {
		setPipeTimeout(0);
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// Spring Integration's close below closes it again and ignores the failure as well.
		}
		super.close();
		discardUnreadInput(super.inputStream());
	}

	/**
	 * Drop the input of a closed connection that nobody will read, which frees a reader waiting for room in the pipe
	 * and stops Spring Integration's assemblers from looping on it.
	 */
	static void discardUnreadInput(InputStream unread) {
		byte[] discarded = new byte[GatedDeserializer.READ_BUFFER_SIZE];
		try {
			while (unread.read(discarded) > 0) {
				// Reads no longer wait once the pipe is closed: each returns what is left, then the end.
			}
		}
		catch (IOException ex) {
			// Nothing is left to discard.
		}
	}

	/**
	 * Stop holding back this connection's assemblers, and tell whether they may run: not when the threads refuse them.
	 */
	private boolean assemblersMayRun() {
		AssemblyQueue queue = this.assemblers;
		if (queue == null) {
			return true;
		}
		try {
			queue.release();
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	private boolean hasUnreadInput() {
		try {
			return super.inputStream().available() > 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
