package io.echogateway.tcp;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Map;

import io.echogateway.support.RunningGateway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Guards the heap a used connection keeps: Spring Integration would keep a write buffer sized from SO_SNDBUF (about
 * 2 MB on a loopback) and a 60 KB read buffer for each; the lean connections keep no read buffer between reads on
 * {@code nio} and a 512-byte one on {@code net}, whose waiting virtual thread's stack takes about 3 KB more. Measured
 * with the test's clients in the same JVM: about 3.9 KB on {@code nio} and 7.5 KB on {@code net}, against 8.1 KB and
 * 11.5 KB with a 4 KB read buffer per connection.
 */
class ConnectionMemoryIT {

	private static final int CONNECTIONS = 400;

	private static final Map<ServerIo, Long> MOST_BYTES_PER_CONNECTION = Map.of(ServerIo.NIO, 6L * 1024, ServerIo.NET,
			10L * 1024);

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	@ParameterizedTest
	@EnumSource(ServerIo.class)
	void aConnectionThatHasEchoedKeepsNoReadBufferToSpare(ServerIo io) throws Exception {
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
				.isLessThan(MOST_BYTES_PER_CONNECTION.get(io));
		}
	}

	private long heapAfterGc() {
		this.memory.gc();
		return this.memory.getHeapMemoryUsage().getUsed();
	}

}
