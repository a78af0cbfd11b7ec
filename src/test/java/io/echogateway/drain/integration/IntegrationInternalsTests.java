package io.echogateway.drain.integration;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The private members of Spring Integration the component relies on: present on the version it is built with, and
 * registered for a native image.
 */
class IntegrationInternalsTests {

	@Test
	void everyMemberTheComponentReliesOnIsThere() {
		assertThat(IntegrationInternals.missing()).isEmpty();
		assertThat(IntegrationInternals.canTrack()).isTrue();
		assertThat(IntegrationInternals.canLendReadBuffers()).isTrue();
	}

	@Test
	void theInputPipeCopiesEachReadSoThatItsBufferCanBeLentToTheNextRead() throws Exception {
		assertThat(IntegrationInternals.pipeCopiesReadsOn(
				TcpNioConnection.class.getPackage().getImplementationVersion())).isTrue();
		try (ServerSocketChannel listener = ServerSocketChannel.open()) {
			listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			try (SocketChannel client = SocketChannel.open(listener.getLocalAddress());
					SocketChannel accepted = listener.accept()) {
				PipeProbe connection = new PipeProbe(accepted);
				ByteBuffer lent = ByteBuffer.wrap("first".getBytes(StandardCharsets.US_ASCII));
				connection.sendToPipe(lent);
				lent.clear();
				lent.put("XXXXX".getBytes(StandardCharsets.US_ASCII));
				assertThat(connection.readFromPipe(5)).isEqualTo("first");
				connection.close();
			}
		}
	}

	@Test
	void lendingStaysOffOnLinesWhosePipeIsNotChecked() {
		assertThat(IntegrationInternals.pipeCopiesReadsOn("7.1.2")).isTrue();
		assertThat(IntegrationInternals.pipeCopiesReadsOn("7.0.7")).isTrue();
		assertThat(IntegrationInternals.pipeCopiesReadsOn("7.2.0")).isFalse();
		assertThat(IntegrationInternals.pipeCopiesReadsOn("7.10.0")).isFalse();
		assertThat(IntegrationInternals.pipeCopiesReadsOn(null)).isFalse();
	}

	@Test
	void everyMemberIsRegisteredForReflectionInANativeImage() {
		RuntimeHints hints = new RuntimeHints();
		new IntegrationInternalsHints().registerHints(hints, getClass().getClassLoader());
		IntegrationInternals.fields()
			.forEach((member) -> assertThat(RuntimeHintsPredicates.reflection()
				.onField(ReflectionUtils.findField(member.owner(), member.name()))).as(member.toString())
				.accepts(hints));
		IntegrationInternals.methods()
			.forEach((member) -> assertThat(RuntimeHintsPredicates.reflection()
				.onMethodInvocation(ReflectionUtils.findMethod(member.owner(), member.name()))).as(member.toString())
				.accepts(hints));
	}

	/**
	 * A selector-driven connection of Spring Integration's whose input pipe the test writes and reads directly.
	 */
	private static final class PipeProbe extends TcpNioConnection {

		PipeProbe(SocketChannel channel) throws Exception {
			super(channel, true, false, null, "probe");
		}

		@Override
		protected void sendToPipe(ByteBuffer buffer) throws IOException {
			super.sendToPipe(buffer);
		}

		String readFromPipe(int length) throws IOException {
			return new String(inputStream().readNBytes(length), StandardCharsets.US_ASCII);
		}

	}

}
