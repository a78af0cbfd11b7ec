package io.echogateway;

import java.time.Duration;

import io.echogateway.tcp.Framing;
import io.echogateway.tcp.ServerIo;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import static io.echogateway.drain.autoconfigure.SettingRules.require;
import static io.echogateway.drain.autoconfigure.SettingRules.requireNotNegative;
import static io.echogateway.drain.autoconfigure.SettingRules.requirePositive;

/**
 * Settings of the echo service, bound from {@code echo-gateway.*} and checked when bound; the drain's own settings
 * are in {@code TcpDrainProperties}.
 *
 * @param tcp the TCP server
 * @param echo the echo service
 * @param drain what the echo service says when the drain closes a connection
 * @param admin the credentials of the admin endpoints
 */
@ConfigurationProperties("echo-gateway")
public record EchoGatewayProperties(@DefaultValue Tcp tcp, @DefaultValue Echo echo, @DefaultValue Drain drain,
		@DefaultValue Admin admin) {

	private static final int MAX_PORT = 65535;

	/**
	 * The TCP server.
	 *
	 * @param port TCP port to listen on; 0 picks a free port
	 * @param io server implementation: net (a virtual thread per connection) or nio (a selector thread)
	 * @param framing how frames are delimited: lf, crlf, stx-etx or length-header
	 * @param maxFrameSize largest payload of one frame; a longer frame gets an error and its connection is closed
	 * @param backlog connects the kernel queues until the server accepts them; the kernel caps it at somaxconn
	 */
	public record Tcp(@DefaultValue("5388") int port, @DefaultValue("net") ServerIo io,
			@DefaultValue("lf") Framing framing, @DefaultValue("64KB") DataSize maxFrameSize,
			@DefaultValue("1024") int backlog) {

		public Tcp {
			require(port >= 0 && port <= MAX_PORT, "echo-gateway.tcp.port must be between 0 and 65535, but was " + port);
			require(maxFrameSize.toBytes() > 0 && maxFrameSize.toBytes() <= Integer.MAX_VALUE - 8,
					"echo-gateway.tcp.max-frame-size must be between 1B and 2GB, but was " + maxFrameSize);
			require(backlog > 0, "echo-gateway.tcp.backlog must be positive, but was " + backlog);
		}

	}

	/**
	 * The echo service.
	 *
	 * @param delay processing time added to each request, to simulate a slow backend
	 */
	public record Echo(@DefaultValue("0s") Duration delay) {

		public Echo {
			requireNotNegative("echo-gateway.echo.delay", delay);
		}

	}

	/**
	 * What the echo service says when the drain closes a connection.
	 *
	 * @param goodbye line sent last to each connection the drain closes gracefully; empty sends nothing
	 */
	public record Drain(@DefaultValue("") String goodbye) {

	}

	/**
	 * The credentials of the admin endpoints.
	 *
	 * @param username user name for HTTP Basic
	 * @param password password for HTTP Basic; without one, or with an empty one, the admin endpoints answer 401
	 */
	public record Admin(@DefaultValue("admin") String username, @Nullable String password) {

		public Admin {
			require(!username.isBlank(), "echo-gateway.admin.username must not be blank");
			password = (password == null || password.isEmpty()) ? null : password;
		}

	}

}
