package io.echogateway.process;

import java.time.Duration;
import java.util.regex.Pattern;

import io.echogateway.support.ActuatorClient;
import io.echogateway.support.GatewayProcess;
import io.echogateway.support.LoadClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A drain that starts while the heap is nearly full still completes: the packaged jar on a small heap, holding many
 * connections that have all echoed, stopped with SIGTERM while clients keep sending.
 */
class MemoryPressureIT {

	private static final String HEAP = "48m";

	private static final int IDLE_CLIENTS = 3_500;

	private static final Pattern REPORT = Pattern.compile("Drain finished (\\w+) in \\d+ ms: (\\d+) connections were open");

	@Test
	void aDrainUnderMemoryPressureClosesEveryConnectionAndExits143() throws Exception {
		try (GatewayProcess gateway = GatewayProcess.startWithHeap(HEAP, "tcp-drain.timeout=5s");
				LoadClient clients = new LoadClient(gateway.tcpPort())) {
			clients.openIdleAfterOneEcho(IDLE_CLIENTS);
			clients.startBusy(20);
			await().atMost(Duration.ofSeconds(30)).until(() -> clients.answered() >= 5_000);
			ActuatorClient actuator = ActuatorClient.anonymous("http://127.0.0.1:" + gateway.httpPort() + "/actuator");
			double liveAfterGc = actuator.get("/metrics/jvm.gc.live.data.size").<Double>json("$.measurements[0].value");
			double maxHeap = actuator.get("/metrics/jvm.memory.max?tag=area:heap")
				.<Double>json("$.measurements[0].value");
			System.out.printf("memory pressure: %.0f of %.0f MB of heap live after the last GC%n", liveAfterGc / 1e6,
					maxHeap / 1e6);
			assertThat(liveAfterGc / maxHeap).as("share of the heap live when the drain starts").isGreaterThan(0.7);
			gateway.terminate();
			assertThat(gateway.awaitExit(Duration.ofSeconds(15))).isEqualTo(143);
			LoadClient.Totals totals = clients.awaitClosed(Duration.ofSeconds(10));
			assertThat(gateway.line(REPORT).group(1)).isEqualTo("DRAINED");
			assertThat(Integer.parseInt(gateway.line(REPORT).group(2))).isEqualTo(IDLE_CLIENTS + 20);
			assertThat(totals.idleClosed()).isEqualTo(IDLE_CLIENTS);
			assertThat(totals.wrong()).isZero();
			assertThat(gateway.log()).noneMatch((line) -> line.contains("OutOfMemoryError"));
		}
	}

}
