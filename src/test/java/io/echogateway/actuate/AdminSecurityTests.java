package io.echogateway.actuate;

import java.time.Duration;

import io.echogateway.drain.Drain;
import io.echogateway.support.ActuatorClient;
import io.echogateway.support.ActuatorClient.Reply;
import io.echogateway.support.RunningGateway;
import io.echogateway.tcp.ServerIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may call which endpoint: probes and metrics are open, connection data and control need the admin credentials.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminSecurityTests {

	private static final String PASSWORD = "echo-gateway.admin.password=test-secret";

	@ParameterizedTest
	@CsvSource({ "GET, /connections", "GET, /connections/some-id", "DELETE, /connections/some-id", "GET, /drain",
			"POST, /drain", "DELETE, /drain", "POST, /shutdown" })
	void adminEndpointsAnswer401WithoutOrWithWrongCredentialsAndRevealNothing(String method, String path)
			throws Exception {
		try (RunningGateway gateway = RunningGateway.startWithWeb(ServerIo.NIO, new String[] { PASSWORD })) {
			gateway.connect().send("hi\n").readLine();
			String id = gateway.server().connections().iterator().next().id();
			ActuatorClient anyone = ActuatorClient.anonymous(gateway.actuator());
			for (ActuatorClient caller : new ActuatorClient[] { anyone, anyone.as("admin", "wrong"),
					anyone.as("root", "test-secret") }) {
				String target = path.replace("some-id", id);
				Reply reply = call(caller, method, target);
				assertThat(reply.status()).isEqualTo(401);
				assertThat(reply.body().replace(target, "")).as("the body, less the path the caller sent")
					.doesNotContain(id)
					.doesNotContain("127.0.0.1");
			}
			assertThat(gateway.drain().lastReport()).isNull();
			assertThat(gateway.server().openConnections()).isEqualTo(1);
			assertThat(gateway.connect().send("still serving\n").readLineText()).isEqualTo("still serving\n");
		}
	}

	@Test
	void probesInfoAndMetricsAreOpenAndAdminCallsLeaveNoSession() throws Exception {
		try (RunningGateway gateway = RunningGateway.startWithWeb(ServerIo.NIO, new String[] { PASSWORD })) {
			ActuatorClient anyone = ActuatorClient.anonymous(gateway.actuator());
			for (String path : new String[] { "/health", "/health/liveness", "/health/readiness", "/info", "/metrics",
					"/metrics/tcp.server.connections.open", "/prometheus" }) {
				assertThat(anyone.get(path).status()).as(path).isEqualTo(200);
			}
			Reply admin = anyone.as("admin", "test-secret").get("/connections");
			assertThat(admin.status()).isEqualTo(200);
			assertThat(admin.headers().firstValue("Set-Cookie")).isEmpty();
		}
	}

	@Test
	void withoutAPasswordAdminEndpointsAnswer401AndStartupSaysHowToEnableThem(CapturedOutput output)
			throws Exception {
		try (RunningGateway gateway = RunningGateway.startWithWeb(ServerIo.NIO, new String[0])) {
			ActuatorClient anyone = ActuatorClient.anonymous(gateway.actuator());
			assertThat(anyone.get("/connections").status()).isEqualTo(401);
			assertThat(anyone.as("admin", "").get("/connections").status()).isEqualTo(401);
			assertThat(anyone.as("admin", "admin").post("/shutdown", null).status()).isEqualTo(401);
			assertThat(gateway.context().isActive()).isTrue();
			assertThat(output.getOut().lines().filter((line) -> line.contains("ECHO_GATEWAY_ADMIN_PASSWORD")))
				.singleElement()
				.asString()
				.contains("WARN");
		}
	}

	@Test
	void shutdownWithCredentialsDrainsAndClosesTheContext() throws Exception {
		try (RunningGateway gateway = RunningGateway.startWithWeb(ServerIo.NIO, new String[] { PASSWORD })) {
			gateway.connect().send("hi\n").readLine();
			Drain drain = gateway.drain();
			Reply reply = ActuatorClient.anonymous(gateway.actuator()).as("admin", "test-secret").post("/shutdown",
					null);
			assertThat(reply.status()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(10)).until(() -> !gateway.context().isActive());
			assertThat(drain.lastReport()).isNotNull()
				.satisfies((report) -> assertThat(report.closedIdle()).isEqualTo(1));
		}
	}

	private static Reply call(ActuatorClient caller, String method, String path) throws Exception {
		return switch (method) {
			case "GET" -> caller.get(path);
			case "POST" -> caller.post(path, null);
			case "DELETE" -> caller.delete(path);
			default -> throw new IllegalArgumentException(method);
		};
	}

}
