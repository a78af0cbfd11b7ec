package io.echogateway.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.echogateway.support.ActuatorClient;
import io.echogateway.support.ActuatorClient.Reply;
import io.echogateway.support.RunningGateway;
import io.echogateway.support.TestClient;
import io.echogateway.tcp.ServerIo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connections and drain endpoints, the metrics and the health over real HTTP, with admin credentials.
 */
class ActuatorEndpointsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private RunningGateway gateway;

	private ActuatorClient anyone;

	private ActuatorClient admin;

	private String port;

	@BeforeEach
	void start() {
		this.gateway = RunningGateway.startWithWeb(ServerIo.NIO,
				new String[] { "echo-gateway.admin.password=test-secret" });
		this.anyone = ActuatorClient.anonymous(this.gateway.actuator());
		this.admin = this.anyone.as("admin", "test-secret");
		this.port = Integer.toString(this.gateway.port());
	}

	@AfterEach
	void stop() {
		this.gateway.close();
	}

	@Test
	void openConnectionsAndTheirFramesShowInTheEndpointTheMetricsAndThePrometheusText() throws Exception {
		List<TestClient> clients = List.of(this.gateway.connect(), this.gateway.connect(), this.gateway.connect());
		await().atMost(WAIT).until(() -> this.gateway.server().openConnections() == 3);
		Reply connections = this.admin.get("/connections");
		assertThat(connections.status()).isEqualTo(200);
		assertThat(connections.<List<String>>json("$.connections[*].id")).hasSize(3);
		assertThat(connections.<Integer>json("$.servers[0].open")).isEqualTo(3);
		assertThat(this.anyone.get("/metrics/tcp.server.connections.open").<Double>json("$.measurements[0].value"))
			.isEqualTo(3.0);
		assertThat(this.anyone.prometheus("tcp_server_connections_open{port=\"" + this.port + "\"}")).isEqualTo(3.0);

		double requestsBefore = this.anyone.prometheus("tcp_server_requests_seconds_count{outcome=\"answered\",port=\"" + this.port + "\"}");
		double bytesInBefore = this.anyone.prometheus(bytes("in"));
		for (int i = 0; i < 5; i++) {
			assertThat(clients.get(0).send("frame " + i + "\n").readLineText()).isEqualTo("frame " + i + "\n");
		}
		await().atMost(WAIT).until(() -> this.gateway.server().traffic().repliesWritten() == 5);
		assertThat(this.anyone.prometheus("tcp_server_requests_seconds_count{outcome=\"answered\",port=\"" + this.port + "\"}"))
			.isEqualTo(requestsBefore + 5);
		assertThat(this.anyone.prometheus(bytes("in"))).isEqualTo(bytesInBefore + 5 * "frame 0".length());
		assertThat(this.anyone.prometheus(bytes("out"))).isEqualTo(5.0 * "frame 0".length());
		String busiest = this.admin.get("/connections").<List<String>>json("$.connections[?(@.framesIn == 5)].id")
			.getFirst();
		Reply one = this.admin.get("/connections/" + busiest);
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.<Integer>json("$.framesOut")).isEqualTo(5);
		assertThat(one.<Integer>json("$.bytesOut")).isEqualTo(5 * "frame 0".length());
		assertThat(one.<String>json("$.remoteAddress")).isEqualTo("127.0.0.1:" + clients.get(0).localPort());
		assertThat(Instant.parse(one.<String>json("$.openedAt"))).isBeforeOrEqualTo(Instant.now());
	}

	@Test
	void deletingAConnectionClosesItWithReasonAdmin() throws Exception {
		TestClient client = this.gateway.connect();
		assertThat(client.send("hi\n").readLineText()).isEqualTo("hi\n");
		String id = this.gateway.server().connections().iterator().next().id();
		Reply closed = this.admin.delete("/connections/" + id);
		assertThat(closed.status()).isEqualTo(200);
		assertThat(closed.<String>json("$.outcome")).isEqualTo("closed");
		assertThat(client.isClosedByServer()).isTrue();
		await().atMost(WAIT)
			.until(() -> this.anyone.prometheus(
					"tcp_server_connections_closed_total{port=\"" + this.port + "\",reason=\"admin\"}") == 1.0);
		assertThat(this.admin.get("/connections/" + id).status()).isEqualTo(404);
	}

	@Test
	void aDrainStartedByAPostWithoutABodyRefusesTrafficUntilItIsUndone() throws Exception {
		assertThat(this.anyone.get("/health/readiness").status()).isEqualTo(200);
		Reply started = this.admin.post("/drain");
		assertThat(started.status()).isEqualTo(202);
		await().atMost(WAIT).until(() -> this.admin.get("/drain").<String>json("$.state").equals("DRAINED"));
		assertThat(this.anyone.get("/health/readiness").status()).isEqualTo(503);
		assertThat(this.admin.get("/health").<String>json("$.components.tcpServer.status")).isEqualTo("OUT_OF_SERVICE");
		assertThat(this.anyone.prometheus("tcp_server_draining{port=\"" + this.port + "\"}")).isEqualTo(1.0);
		assertThat(this.gateway.refusesConnections()).isTrue();
		assertThat(this.admin.get("/drain").<String>json("$.lastReport.result")).isEqualTo("IDLE");
		assertThat(this.admin.post("/drain").status()).isEqualTo(409);

		Reply undone = this.admin.delete("/drain");
		assertThat(undone.status()).isEqualTo(200);
		assertThat(undone.<String>json("$.state")).isEqualTo("ACCEPTING");
		assertThat(this.anyone.get("/health/readiness").status()).isEqualTo(200);
		assertThat(this.anyone.prometheus("tcp_server_draining{port=\"" + this.port + "\"}")).isEqualTo(0.0);
		assertThat(this.gateway.connect().send("back\n").readLineText()).isEqualTo("back\n");
		assertThat(this.anyone.prometheus(
				"tcp_server_drain_seconds_count{port=\"" + this.port + "\",result=\"idle\"}")).isEqualTo(1.0);
	}

	@Test
	void aDrainTakesItsTimeoutFromTheRequest() throws Exception {
		Reply started = this.admin.post("/drain", "{\"timeout\":\"3s\"}");
		assertThat(started.status()).isEqualTo(202);
		await().atMost(WAIT).until(() -> this.admin.get("/drain").<String>json("$.state").equals("DRAINED"));
	}

	@Test
	void aJsonBodyWithoutATimeoutStartsADrainWithTheConfiguredOne() throws Exception {
		for (String body : new String[] { null, "null", "{}", "{\"timeout\":null}" }) {
			Reply started = this.admin.post("/drain", body);
			assertThat(started.status()).as(String.valueOf(body)).isEqualTo(202);
			await().atMost(WAIT).until(() -> this.admin.get("/drain").<String>json("$.state").equals("DRAINED"));
			assertThat(this.admin.delete("/drain").status()).isEqualTo(200);
		}
	}

	@Test
	void aBodyThatIsNotJsonIsRefusedRatherThanIgnored() throws Exception {
		Reply form = this.admin.post("/drain", "application/x-www-form-urlencoded", "timeout=3s");
		assertThat(form.status()).isEqualTo(415);
		Reply text = this.admin.post("/drain", "text/plain", "{\"timeout\":\"3s\"}");
		assertThat(text.status()).isEqualTo(415);
		assertThat(this.admin.get("/drain").<String>json("$.state")).isEqualTo("ACCEPTING");
	}

	@Test
	void aTimeoutWithoutAUnitIsRefusedInsteadOfTakenAsMilliseconds() throws Exception {
		for (String timeout : new String[] { "10", "\"10\"" }) {
			Reply bare = this.admin.post("/drain", "{\"timeout\":" + timeout + "}");
			assertThat(bare.status()).isEqualTo(400);
			assertThat(bare.<String>json("$.message"))
				.isEqualTo("The timeout must have a unit, such as 10s or PT10S, but was '10'.");
		}
		assertThat(this.admin.get("/drain").<String>json("$.state")).isEqualTo("ACCEPTING");
	}

	@Test
	void aLongBadTimeoutIsQuotedOnlyInPart() throws Exception {
		Reply huge = this.admin.post("/drain", "{\"timeout\":\"" + "x".repeat(1_000_000) + "\"}");
		assertThat(huge.status()).isEqualTo(400);
		assertThat(huge.<String>json("$.message")).isEqualTo(
				"The timeout must be a positive duration such as 10s or PT10S, but was '" + "x".repeat(40) + "...'.");
	}

	@Test
	void malformedRequestsGetAClearClientError() throws Exception {
		Reply unknown = this.admin.get("/connections/no-such-id");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.<String>json("$.message")).isEqualTo("No open connection has the id 'no-such-id'.");
		assertThat(this.admin.delete("/connections/no-such-id").status()).isEqualTo(404);
		for (String timeout : new String[] { "soon", "-1s", "0s" }) {
			Reply badTimeout = this.admin.post("/drain", "{\"timeout\":\"" + timeout + "\"}");
			assertThat(badTimeout.status()).isEqualTo(400);
			assertThat(badTimeout.<String>json("$.message")).isEqualTo(
					"The timeout must be a positive duration such as 10s or PT10S, but was '" + timeout + "'.");
		}
		Reply tooLong = this.admin.post("/drain", "{\"timeout\":\"29s\"}");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.<String>json("$.message")).isEqualTo("The timeout must be shorter than 28500ms "
				+ "(spring.lifecycle.timeout-per-shutdown-phase less tcp-drain.grace-period and the 1500ms a "
				+ "drain needs to release the port and finish forced closes), so that a shutdown during the drain "
				+ "still waits for it, but was 29s.");
		Reply notJson = this.admin.post("/drain", "not json");
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(notJson.<String>json("$.message")).isNotBlank();
		assertThat(this.admin.get("/drain").<String>json("$.state")).isEqualTo("ACCEPTING");
	}

	@Test
	void theInfoEndpointShowsTheBuildAndTheTcpSettings() throws Exception {
		Reply info = this.anyone.get("/info");
		assertThat(info.status()).isEqualTo(200);
		assertThat(info.<List<Integer>>json("$.tcp.ports")).containsExactly(this.gateway.port());
		assertThat(info.<String>json("$.tcp.framing")).isEqualTo("lf");
		assertThat(info.<String>json("$.tcp.io")).isEqualTo("nio");
		assertThat(info.<String>json("$.tcp.sendTimeout")).isEqualTo("PT10S");
		assertThat(info.<String>json("$.tcp.drain.mode")).isEqualTo("close-after-reply");
	}

	private String bytes(String direction) {
		return "tcp_server_bytes_total{direction=\"" + direction + "\",port=\"" + this.port + "\"}";
	}

}
