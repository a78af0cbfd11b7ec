package io.echogateway.drain.lean;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The input of a lean selector-driven connection, on a real loopback socket: the bytes of one read, then the socket
 * itself while a frame goes on past them.
 */
class ChannelInputTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ExecutorService readers = Executors.newSingleThreadExecutor();

	private ServerSocketChannel listener;

	private SocketChannel client;

	private SocketChannel accepted;

	private ReadBuffers buffers;

	private ChannelInput input;

	@BeforeEach
	void connect() throws IOException {
		this.listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		this.client = SocketChannel.open(this.listener.getLocalAddress());
		this.accepted = this.listener.accept();
		this.accepted.configureBlocking(false);
		this.buffers = new ReadBuffers();
		this.input = new ChannelInput(this.accepted, this.buffers, ByteBuffer::allocate);
	}

	@AfterEach
	void close() throws IOException {
		this.readers.shutdownNow();
		this.client.close();
		this.accepted.close();
		this.listener.close();
	}

	@Test
	void aReadTakesWhatTheSocketHasWithoutWaiting() throws Exception {
		assertThat(this.input.fill()).isZero();
		send("two\nlines\n");
		await().atMost(WAIT).until(() -> this.input.fill() > 0);
		assertThat(this.input.available()).isEqualTo(10);
		assertThat(readBytes(10)).isEqualTo("two\nlines\n");
		assertThat(this.input.available()).isZero();
	}

	@Test
	void aFrameThatGoesOnPastTheReadIsReadToItsEndFromTheSocket() throws Exception {
		send("hel");
		await().atMost(WAIT).until(() -> this.input.fill() > 0);
		Future<String> frame = this.readers.submit(() -> readBytes(5));
		awaitReaderWaitingForMore();
		send("l");
		awaitReaderWaitingForMore();
		send("o");
		assertThat(frame.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("hello");
		this.input.giveBack();
		assertThat(this.input.available()).isZero();
	}

	@Test
	void closingTheInputEndsAReadWaitingForMoreOfAFrame() throws Exception {
		Future<Integer> rest = startReadingPastThePartOfAFrameThatArrived();
		this.input.close();
		assertThat(rest.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(3 + -1);
		assertThat(this.input.read()).isEqualTo(-1);
	}

	@Test
	void theClientsEndOfStreamInTheMiddleOfAFrameIsTheEndOfTheInput() throws Exception {
		Future<Integer> rest = startReadingPastThePartOfAFrameThatArrived();
		this.client.shutdownOutput();
		assertThat(rest.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(3 + -1);
	}

	@Test
	void theBorrowedBufferGoesBackAfterTheReadSoThatAConnectionBetweenReadsHoldsNone() throws Exception {
		send("abc");
		await().atMost(WAIT).until(() -> this.input.fill() > 0);
		this.input.giveBack();
		assertThat(this.input.available()).isZero();
		ChannelInput other = new ChannelInput(this.accepted, this.buffers, (size) -> {
			throw new AssertionError("a spare buffer was expected");
		});
		send("d");
		await().atMost(WAIT).until(() -> other.fill() > 0);
		assertThat(other.read()).isEqualTo('d');
	}

	/**
	 * Send three bytes of a five-byte frame, start a thread that reads the frame in two reads, and wait until its second
	 * read waits on the socket; the future holds the sum of what the two reads returned.
	 */
	private Future<Integer> startReadingPastThePartOfAFrameThatArrived() throws IOException {
		send("hel");
		await().atMost(WAIT).until(() -> this.input.fill() > 0);
		Future<Integer> rest = this.readers.submit(() -> {
			byte[] bytes = new byte[5];
			int first = this.input.read(bytes, 0, 3);
			return first + this.input.read(bytes, 3, 2);
		});
		awaitReaderWaitingForMore();
		return rest;
	}

	private void send(String text) throws IOException {
		ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
		while (bytes.hasRemaining()) {
			this.client.write(bytes);
		}
	}

	private String readBytes(int count) throws IOException {
		byte[] bytes = new byte[count];
		new DataInputStream(this.input).readFully(bytes);
		return new String(bytes, StandardCharsets.US_ASCII);
	}

	/**
	 * Wait until a thread waits on the socket for more of its frame.
	 */
	private static void awaitReaderWaitingForMore() {
		await().atMost(WAIT)
			.until(() -> Thread.getAllStackTraces()
				.values()
				.stream()
				.flatMap(Arrays::stream)
				.anyMatch((frame) -> frame.getMethodName().equals("awaitReadable")));
	}

}
