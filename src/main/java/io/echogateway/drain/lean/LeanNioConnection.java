package io.echogateway.drain.lean;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.echogateway.drain.integration.IntegrationInternals;
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

	private final SocketChannel channel;

	private final DirectFrameWriter writer;

	private final ReadBuffers readBuffers;

	private volatile @Nullable Thread reader;

	private volatile @Nullable AnswerWait answerWait;

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
	 * assemblers this read no longer holds back, for as long as the wait allows.
	 */
	@Override
	protected void closeConnection(boolean isException) {
		AnswerWait wait = this.answerWait;
		if (Thread.currentThread() == this.reader && wait != null && assemblersMayRun()) {
			try {
				wait.awaitAnswered(this::hasUnreadInput);
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
		LeanConnections.discardUnreadInput(super.inputStream());
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
