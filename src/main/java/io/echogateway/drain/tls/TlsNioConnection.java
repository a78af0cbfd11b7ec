package io.echogateway.drain.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

import io.echogateway.drain.connection.CloseReason;
import io.echogateway.drain.lean.LeanConnections;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpNioSSLConnection;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.util.Assert;

/**
 * Spring Integration's TLS connection on the selector server, which also ends a handshake that fails or takes too long
 * as a counted client failure instead of an error with a stack trace, sends {@code close_notify} when it closes, reads
 * through one TLS record's worth of buffer instead of 60 KB, and writes each reply straight to the channel instead of
 * through a buffer sized from {@code SO_SNDBUF}.
 */
final class TlsNioConnection extends TcpNioSSLConnection {

	private static final String NO_CIPHER_YET = "SSL_NULL_WITH_NULL_NULL";

	private final SocketChannel channel;

	private final SSLEngine engine;

	private final HandshakeFailures failures;

	private final ReentrantLock writeLock = new ReentrantLock();

	private final CountDownLatch handshakeOver = new CountDownLatch(1);

	private final AtomicBoolean failed = new AtomicBoolean();

	TlsNioConnection(SocketChannel channel, boolean lookupHost, @Nullable ApplicationEventPublisher publisher,
			@Nullable String factoryName, SSLEngine engine, HandshakeFailures failures) {
		super(channel, true, lookupHost, publisher, factoryName, engine);
		this.channel = channel;
		this.engine = engine;
		this.failures = failures;
	}

	/**
	 * Close the connection, as a failed handshake, if its handshake has not finished within the handshake timeout.
	 */
	void limitHandshake() {
		Thread.ofVirtual().name("tls-handshake-" + getPort()).start(() -> {
			try {
				boolean over = this.handshakeOver.await(this.failures.timeout().toNanos(), TimeUnit.NANOSECONDS);
				if (!over && this.failed.compareAndSet(false, true)) {
					this.failures.timedOut(remoteAddress());
					closeAsFailed();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	@Override
	protected ByteBuffer allocate(int length) {
		return super.allocate(Math.min(length, this.engine.getSession().getPacketBufferSize()));
	}

	@Override
	protected void sendToPipe(ByteBuffer networkBuffer) throws IOException {
		if (this.failed.get()) {
			networkBuffer.clear();
			return;
		}
		boolean handshaking = this.handshakeOver.getCount() > 0;
		try {
			super.sendToPipe(networkBuffer);
		}
		catch (SSLException ex) {
			if (!handshaking) {
				throw ex;
			}
			networkBuffer.clear();
			if (this.failed.compareAndSet(false, true)) {
				this.failures.failed(remoteAddress(), ex);
				closeAsFailed();
			}
			return;
		}
		if (handshaking && this.engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
				&& !NO_CIPHER_YET.equals(this.engine.getSession().getCipherSuite())) {
			this.handshakeOver.countDown();
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public void send(Message<?> message) {
		this.writeLock.lock();
		try {
			Object frame = getMapper().fromMessage(message);
			Assert.state(frame != null, "The mapper turned the message into nothing");
			LeanConnections.writeFrame((Serializer<Object>) getSerializer(), frame, getChannelOutputStream());
		}
		catch (IOException | RuntimeException ex) {
			MessagingException failure = new MessagingException(message, "Could not send a reply", ex);
			publishConnectionExceptionEvent(failure);
			closeConnection(true);
			throw failure;
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * Send {@code close_notify}, or the alert of a failed handshake, then close without waiting for room in a full
	 * input pipe.
	 */
	@Override
	public void close() {
		sendClosingAlert();
		setPipeTimeout(0);
		super.close();
		this.handshakeOver.countDown();
	}

	/**
	 * Write the alert that closes the TLS session, unless a reply is being written, in one non-blocking write: a
	 * client that does not read gets its connection closed without it.
	 */
	private void sendClosingAlert() {
		if (!this.channel.isOpen() || this.engine.isOutboundDone() || !this.writeLock.tryLock()) {
			return;
		}
		try {
			this.engine.closeOutbound();
			ByteBuffer alert = ByteBuffer.allocate(this.engine.getSession().getPacketBufferSize());
			this.engine.wrap(ByteBuffer.allocate(0), alert);
			alert.flip();
			this.channel.write(alert);
		}
		catch (IOException ex) {
			// The client is gone; there is no one to tell.
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private void closeAsFailed() {
		this.failures.server()
			.ifPresentOrElse((server) -> server.closeNow(getConnectionId(), CloseReason.ERROR),
					() -> closeConnection(true));
	}

	private String remoteAddress() {
		return HandshakeFailures.remote(getHostAddress(), getPort());
	}

}
