package io.echogateway.drain.lean;

import java.net.InetAddress;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link CachedSocketInfo}.
 */
class CachedSocketInfoTests {

	@Test
	void asksTheSocketForItsLocalAddressOnlyWhenFirstReadAndOnceHoweverOftenItIsRead() {
		Socket socket = mock(Socket.class);
		given(socket.getLocalAddress()).willReturn(InetAddress.getLoopbackAddress());
		CachedSocketInfo info = new CachedSocketInfo(socket);
		verify(socket, never()).getLocalAddress();
		for (int read = 0; read < 3; read++) {
			assertThat(info.getLocalAddress()).isEqualTo(InetAddress.getLoopbackAddress());
		}
		verify(socket, times(1)).getLocalAddress();
	}

}
