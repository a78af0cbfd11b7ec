package io.echogateway.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

import io.echogateway.EchoGatewayApplication;
import io.echogateway.drain.Drain;
import io.echogateway.drain.tracking.ConnectionRegistry;
import io.echogateway.drain.tracking.TrackedServer;
import io.echogateway.tcp.ServerIo;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application on free ports, started for one test and closed by it.
 */
public final class RunningGateway implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final List<TestClient> clients = new CopyOnWriteArrayList<>();

	private RunningGateway(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Start the application without its web server.
	 * @param io the server implementation
	 * @param settings more settings, as {@code name=value}
	 * @return the running application
	 */
	public static RunningGateway start(ServerIo io, String... settings) {
		return start(io, false, settings, new Class<?>[0]);
	}

	/**
	 * Start the application with its web server on a free port and extra configuration classes.
	 * @param io the server implementation
	 * @param settings more settings, as {@code name=value}
	 * @param configurations more configuration classes
	 * @return the running application
	 */
	public static RunningGateway startWithWeb(ServerIo io, String[] settings, Class<?>... configurations) {
		return start(io, true, settings, configurations);
	}

	private static RunningGateway start(ServerIo io, boolean web, String[] settings, Class<?>[] configurations) {
		String[] args = Stream
			.concat(Stream.of("echo-gateway.tcp.port=0", "echo-gateway.tcp.io=" + io.name().toLowerCase(),
					"server.port=0", "spring.main.web-application-type=" + (web ? "servlet" : "none"),
					"spring.main.banner-mode=off"), Stream.of(settings))
			.map((setting) -> "--" + setting)
			.toArray(String[]::new);
		Class<?>[] sources = Stream.concat(Stream.of(EchoGatewayApplication.class), Stream.of(configurations))
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

	@Override
	public void close() {
		this.clients.forEach(TestClient::close);
		this.context.close();
	}

}
