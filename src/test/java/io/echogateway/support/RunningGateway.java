package io.echogateway.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

import com.example.lines.LinesApplication;
import io.echogateway.EchoGatewayApplication;
import io.echogateway.drain.Drain;
import io.echogateway.drain.tracking.ConnectionRegistry;
import io.echogateway.drain.tracking.TrackedServer;
import io.echogateway.tcp.ServerIo;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole application on free ports, started for one test and closed by it: the echo service, or the line service
 * that the drain component's own tests run ({@code com.example.lines}).
 */
public final class RunningGateway implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final List<TestClient> clients = new CopyOnWriteArrayList<>();

	private RunningGateway(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Start the echo service without its web server.
	 * @param io the server implementation
	 * @param settings more settings, as {@code name=value}
	 * @return the running application
	 */
	public static RunningGateway start(ServerIo io, String... settings) {
		return start(Service.ECHO, io, false, settings, new Class<?>[0]);
	}

	/**
	 * Start the echo service with its web server on a free port and extra configuration classes.
	 * @param io the server implementation
	 * @param settings more settings, as {@code name=value}
	 * @param configurations more configuration classes
	 * @return the running application
	 */
	public static RunningGateway startWithWeb(ServerIo io, String[] settings, Class<?>... configurations) {
		return start(Service.ECHO, io, true, settings, configurations);
	}

	/**
	 * Start the line service without its web server.
	 * @param io the server implementation
	 * @param settings more settings, as {@code name=value}
	 * @return the running application
	 */
	public static RunningGateway lines(ServerIo io, String... settings) {
		return start(Service.LINES, io, false, settings, new Class<?>[0]);
	}

	/**
	 * Start the line service with its web server on a free port and extra configuration classes.
	 * @param io the server implementation
	 * @param settings more settings, as {@code name=value}
	 * @param configurations more configuration classes
	 * @return the running application
	 */
	public static RunningGateway linesWithWeb(ServerIo io, String[] settings, Class<?>... configurations) {
		return start(Service.LINES, io, true, settings, configurations);
	}

	private static RunningGateway start(Service service, ServerIo io, boolean web, String[] settings,
			Class<?>[] configurations) {
		String[] args = Stream
			.of(service.settings(io.name().toLowerCase(Locale.ROOT)),
					Stream.of("server.port=0", "spring.main.web-application-type=" + (web ? "servlet" : "none"),
							"spring.main.banner-mode=off"),
					Stream.of(settings))
			.flatMap(Function.identity())
			.map((setting) -> "--" + setting)
			.toArray(String[]::new);
		Class<?>[] sources = Stream.concat(Stream.of(service.application), Stream.of(configurations))
			.toArray(Class<?>[]::new);
		return new RunningGateway(new SpringApplicationBuilder(sources).run(args));
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	public Drain drain() {
		return this.context.getBean(Drain.class);
	}

	public TrackedServer server() {
		return this.context.getBean(ConnectionRegistry.class).servers().iterator().next();
	}

	public int port() {
		return server().port();
	}

	/**
	 * Return the base URI of the actuator.
	 * @return the URI, such as {@code http://127.0.0.1:8081/actuator}
	 */
	public String actuator() {
		int httpPort = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		return "http://127.0.0.1:" + httpPort + "/actuator";
	}

	/**
	 * Open a client connection to the TCP port; it is closed with the gateway.
	 * @return the client
	 * @throws IOException if the connect fails
	 */
	public TestClient connect() throws IOException {
		TestClient client = new TestClient(new InetSocketAddress("127.0.0.1", port()), Duration.ofSeconds(10));
		this.clients.add(client);
		return client;
	}

	/**
	 * Open a TLS client connection to the TCP port, its handshake finished; it is closed with the gateway.
	 * @param context the client's TLS context
	 * @return the client
	 * @throws IOException if the connect or the handshake fails
	 */
	public TestClient connectTls(SSLContext context) throws IOException {
		TestClient client = TestClient.connectTls(context, new InetSocketAddress("127.0.0.1", port()),
				Duration.ofSeconds(10));
		this.clients.add(client);
		return client;
	}

	/**
	 * Tell whether a connect to the TCP port is refused.
	 * @return whether it is refused
	 */
	public boolean refusesConnections() {
		try (SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port()))) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private enum Service {

		ECHO(EchoGatewayApplication.class, "echo-gateway.tcp.port=0", "echo-gateway.tcp.io="),

		LINES(LinesApplication.class, "spring.config.name=lines", "lines.io=");

		private final Class<?> application;

		private final String freePort;

		private final String ioSetting;

		Service(Class<?> application, String freePort, String ioSetting) {
			this.application = application;
			this.freePort = freePort;
			this.ioSetting = ioSetting;
		}

		Stream<String> settings(String io) {
			return Stream.of(this.freePort, this.ioSetting + io);
		}

	}

	@Override
	public void close() {
		this.clients.forEach(TestClient::close);
		this.context.close();
	}

}
