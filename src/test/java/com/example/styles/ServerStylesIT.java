package com.example.styles;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.echogateway.support.GatewayProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applications that declare their TCP servers each way Spring Integration's reference and samples do, with the drain
 * from the dependency alone, in a JVM of their own: SIGTERM while slow requests are in flight and idle clients wait
 * answers every slow request, closes the idle connections before that, and reports exactly that.
 */
class ServerStylesIT {

	private static final int SLOW_CLIENTS = 5;

	private static final int IDLE_CLIENTS = 20;

	private static final Duration SLOW = Duration.ofMillis(2000);

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

	/** Keeps the echo service's settings file, which is on the test class path, out of these applications. */
	private static final String NO_ECHO_SETTINGS = "spring.config.name=styles";

	private static final Pattern WORKING = Pattern.compile("Working on a slow request\\.");

	/**
	 * One way of declaring servers: the application, its settings and its servers with their framing.
	 */
	record Style(String name, Class<?> application, List<String> settings, Map<String, Framing> servers) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Stream<Style> styles() {
		return Stream.of(
				new Style("XML gateway, CRLF", XmlStyleApplication.class, List.of("styles.xml=xml-gateway"),
						Map.of("crlfServer", Framing.CRLF)),
				new Style("XML gateway, own serializer, single use", XmlStyleApplication.class,
						List.of("styles.xml=xml-single-use"), Map.of("singleUseServer", Framing.LF)),
				new Style("XML collaborating adapters on nio", XmlStyleApplication.class,
						List.of("styles.xml=xml-adapters"), Map.of("adapterServer", Framing.ONE_BYTE_HEADER)),
				new Style("XML collaborating adapters with an executor channel", XmlStyleApplication.class,
						List.of("styles.xml=xml-async-adapters"), Map.of("adapterServer", Framing.ONE_BYTE_HEADER)),
				new Style("DSL specs as beans, net and nio", SpecApplication.class, List.of(),
						Map.of("netSpec", Framing.CRLF, "nioSpec", Framing.LF)),
				new Style("gateway bean with a factory that is no bean", EndpointBeanApplication.class, List.of(),
						Map.of("gateway.server", Framing.CRLF)),
				new Style("flow registered at run time, with a setting of its own", DynamicFlowApplication.class,
						List.of("tcp-drain.servers.keptServer.max-connections=" + (SLOW_CLIENTS + IDLE_CLIENTS)),
						Map.of("keptServer", Framing.CRLF)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("styles")
	void sigtermAnswersEverySlowRequestAndClosesIdleConnectionsAtOnce(Style style) throws Exception {
		try (GatewayProcess application = start(style); Clients clients = new Clients()) {
			for (Map.Entry<String, Framing> server : style.servers().entrySet()) {
				int port = application.tcpPort(server.getKey());
				for (int i = 0; i < IDLE_CLIENTS; i++) {
					clients.idle(port, server.getValue());
				}
				for (int i = 0; i < SLOW_CLIENTS; i++) {
					clients.slow(port, server.getValue(), "slow " + SLOW.toMillis() + " " + server.getKey() + " " + i);
				}
			}
			clients.sendSlowRequests();
			int servers = style.servers().size();
			application.awaitLines(WORKING, SLOW_CLIENTS * servers, Duration.ofSeconds(20));
			application.terminate();

			clients.assertIdleClosedBeforeAnySlowReply();
			clients.assertSlowAnsweredThenClosed();
			assertThat(application.awaitExit(EXIT_TIMEOUT)).isEqualTo(143);
			assertThat(application.line(Pattern.compile("Drain finished .*")).group()).matches(
					"Drain finished DRAINED in \\d+ ms: " + (SLOW_CLIENTS + IDLE_CLIENTS) * servers
							+ " connections were open, " + IDLE_CLIENTS * servers + " closed idle, "
							+ SLOW_CLIENTS * servers + " closed after their reply, 0 closed by their client after "
							+ "the goodbye, 0 forced\\.");
			assertThat(application.log()).noneMatch((line) -> line.contains("Connection not found"));
		}
	}

	@Test
	void aSettingForAServerThatDoesNotExistStopsStartUpWithOneSentence() throws Exception {
		try (GatewayProcess application = GatewayProcess.startClass(DynamicFlowApplication.class, NO_ECHO_SETTINGS,
				"tcp-drain.servers.keptSever.max-connections=5")) {
			assertThat(application.awaitExit(EXIT_TIMEOUT)).isNotZero();
			assertThat(application.line(Pattern.compile("tcp-drain\\.servers\\.keptSever.*")).group())
				.isEqualTo("tcp-drain.servers.keptSever.max-connections names no TCP server and no setting of "
						+ "one (the servers: 'keptServer'; the settings: max-connections, idle-timeout, send-timeout, "
						+ "replies, ssl.bundle, ssl.client-auth, ssl.handshake-timeout).");
		}
	}

	@Test
	void theServerOfARemovedFlowLeavesTheRegistry() throws Exception {
		try (GatewayProcess application = GatewayProcess.startClass(DynamicFlowApplication.class, NO_ECHO_SETTINGS)) {
			assertThat(application.awaitLine(Pattern.compile("Tracked servers after removing a flow: (.*)\\."),
					Duration.ofSeconds(30)).group(1)).isEqualTo("[keptServer]");
		}
	}

	static Stream<Style> failingStyles() {
		return Stream.of(
				new Style("gateway with an executor channel", EndpointBeanApplication.class, List.of(),
						Map.of("gateway.server", Framing.CRLF)),
				new Style("collaborating adapters with an executor channel", XmlStyleApplication.class,
						List.of("styles.xml=xml-async-adapters"), Map.of("adapterServer", Framing.ONE_BYTE_HEADER)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failingStyles")
	void aFailedRequestClosesItsConnectionAndAFailureDuringTheDrainIsReported(Style style) throws Exception {
		String server = style.servers().keySet().iterator().next();
		Framing framing = style.servers().get(server);
		try (GatewayProcess application = start(style); Clients clients = new Clients()) {
			int port = application.tcpPort(server);
			Socket failing = clients.open(port, "fail now", framing);
			assertThat(framing.decode(failing.getInputStream())).as("no reply, then the end").isNull();

			Socket idle = clients.open(port, null, framing);
			Socket slow = clients.open(port, "slow " + SLOW.toMillis() + " answered", framing);
			Socket failsLater = clients.open(port, "slowfail " + SLOW.toMillis(), framing);
			application.awaitLines(WORKING, 2, Duration.ofSeconds(20));
			application.terminate();
			assertThat(framing.decode(idle.getInputStream())).isNull();
			assertThat(framing.decode(slow.getInputStream())).isEqualTo("slow " + SLOW.toMillis() + " answered");
			assertThat(framing.decode(failsLater.getInputStream())).as("no reply, then the end").isNull();
			assertThat(application.awaitExit(EXIT_TIMEOUT)).isEqualTo(143);
			assertThat(application.line(Pattern.compile("WARN .*Drain finished .*")).group()).matches(
					"WARN .*Drain finished INCOMPLETE in \\d+ ms: 3 connections were open, 1 closed idle, 1 closed "
							+ "after their reply, 0 closed by their client after the goodbye, 0 forced; closed "
							+ "otherwise: 1 error; 1 requests failed and got no reply\\.");
			assertThat(application.line(Pattern.compile("TCP server '" + Pattern.quote(server) + "' read .*")).group())
				.isEqualTo("TCP server '" + server + "' read 3 requests and wrote 1 replies since it started; 2 "
						+ "requests failed.");
		}
	}

	@Test
	void aGatewayReplyThatTimesOutClosesTheConnection() throws Exception {
		try (GatewayProcess application = GatewayProcess.startClass(EndpointBeanApplication.class, NO_ECHO_SETTINGS);
				Clients clients = new Clients()) {
			Socket late = clients.open(application.tcpPort("gateway.server"),
					"slow " + EndpointBeanApplication.REPLY_TIMEOUT.plus(SLOW).toMillis() + " late", Framing.CRLF);
			assertThat(Framing.CRLF.decode(late.getInputStream())).as("no reply, then the end").isNull();
			assertThat(application.awaitLine(Pattern.compile("got no reply to a request: the flow returned none or the "
					+ "gateway's reply timed out"), Duration.ofSeconds(10))).isNotNull();
		}
	}

	private static GatewayProcess start(Style style) throws IOException {
		return GatewayProcess.startClass(style.application(),
				Stream.concat(Stream.of(NO_ECHO_SETTINGS), style.settings().stream()).toArray(String[]::new));
	}

	/**
	 * The clients of one run: idle ones that send nothing, slow ones whose one request takes a while.
	 */
	private static final class Clients implements AutoCloseable {

		private static final int READ_TIMEOUT_MILLIS = 15_000;

		private final List<Socket> idle = new ArrayList<>();

		private final List<SlowClient> slow = new ArrayList<>();

		private final List<Socket> all = new ArrayList<>();

		void idle(int port, Framing framing) throws IOException {
			this.idle.add(open(port, null, framing));
		}

		void slow(int port, Framing framing, String request) throws IOException {
			this.slow.add(new SlowClient(open(port, null, framing), framing, request));
		}

		/**
		 * Send every slow client's request at once, so that they are all in flight together.
		 */
		void sendSlowRequests() throws IOException {
			for (SlowClient client : this.slow) {
				client.socket().getOutputStream().write(client.framing().encode(client.request()));
			}
		}

		Socket open(int port, String request, Framing framing) throws IOException {
			Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
			this.all.add(socket);
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			if (request != null) {
				socket.getOutputStream().write(framing.encode(request));
				socket.getOutputStream().flush();
			}
			return socket;
		}

		/**
		 * Read each idle connection to its end, then check that no slow client has been answered yet.
		 */
		void assertIdleClosedBeforeAnySlowReply() throws IOException {
			for (Socket socket : this.idle) {
				assertThat(socket.getInputStream().read()).as("the end of an idle connection").isEqualTo(-1);
			}
			for (SlowClient client : this.slow) {
				assertThat(client.socket().getInputStream().available()).as("bytes of a slow reply").isZero();
			}
		}

		void assertSlowAnsweredThenClosed() throws IOException {
			for (SlowClient client : this.slow) {
				InputStream input = client.socket().getInputStream();
				assertThat(client.framing().decode(input)).isEqualTo(client.request());
				assertThat(input.read()).as("the end after the reply").isEqualTo(-1);
			}
		}

		@Override
		public void close() throws IOException {
			for (Socket socket : this.all) {
				socket.close();
			}
		}

	}

	private record SlowClient(Socket socket, Framing framing, String request) {

	}

}
