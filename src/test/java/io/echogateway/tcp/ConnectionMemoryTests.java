package io.echogateway.tcp;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;

import io.echogateway.support.RunningGateway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Guards the heap a used connection keeps: Spring Integration would keep a write buffer sized from SO_SNDBUF (about
 * 2 MB on a loopback) and a 60 KB read buffer for each.
 */
class ConnectionMemoryTests {

	private static final int CONNECTIONS = 400;

	private static final long MOST_BYTES_PER_CONNECTION = 32 * 1024;

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aConnectionThatHasEchoedKeepsNoLargeBuffers(ServerIo io) throws Exception {
		try (RunningGateway gateway = RunningGateway.start(io)) {
			assertThat(gateway.connect().send("warm up\n").readLineText()).isEqualTo("warm up\n");
			long before = heapAfterGc();
			for (int i = 0; i < CONNECTIONS; i++) {
				String line = "connection " + i + "\n";
				assertThat(gateway.connect().send(line).readLineText()).isEqualTo(line);
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.server().traffic().repliesWritten() == CONNECTIONS + 1);
			long perConnection = (heapAfterGc() - before) / CONNECTIONS;
			assertThat(perConnection).as("heap bytes per used connection (server and test client together)")
				.isLessThan(MOST_BYTES_PER_CONNECTION);
		}
	}

	private long heapAfterGc() {
		this.memory.gc();
		return this.memory.getHeapMemoryUsage().getUsed();
	}

}
