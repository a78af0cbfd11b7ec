package io.echogateway;

import java.time.Duration;

import io.echogateway.tcp.Framing;
import io.echogateway.tcp.ServerIo;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the echo gateway, bound from {@code echo-gateway.*} and checked when bound.
 *
 * @param tcp the TCP server
 * @param echo the echo service
 * @param drain the graceful drain on shutdown
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
	 * @param maxConnections most connections open at once; one more gets an error and is closed
	 * @param idleTimeout a connection that starts no frame and waits for no reply for this long is closed
	 * @param backlog connects the kernel queues until the server accepts them; the kernel caps it at somaxconn
	 */
	public record Tcp(@DefaultValue("5388") int port, @DefaultValue("net") ServerIo io,
			@DefaultValue("lf") Framing framing, @DefaultValue("64KB") DataSize maxFrameSize,
			@DefaultValue("10000") int maxConnections, @DefaultValue("5m") Duration idleTimeout,
			@DefaultValue("1024") int backlog) {

		public Tcp {
			require(port >= 0 && port <= MAX_PORT, "echo-gateway.tcp.port must be between 0 and 65535, but was " + port);
			require(maxFrameSize.toBytes() > 0 && maxFrameSize.toBytes() <= Integer.MAX_VALUE - 8,
					"echo-gateway.tcp.max-frame-size must be between 1B and 2GB, but was " + maxFrameSize);
			require(maxConnections > 0, "echo-gateway.tcp.max-connections must be positive, but was " + maxConnections);
			requirePositive("echo-gateway.tcp.idle-timeout", idleTimeout);
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
	 * The graceful drain on shutdown.
	 *
	 * @param gracePeriod how long to keep accepting after readiness turned to refusing traffic
	 * @param timeout how long busy connections may take to finish before they are force-closed
	 * @param closeSpread window over which idle connections are closed, oldest-idle first; 0s closes them at once
	 * @param goodbye line sent last to each connection the drain closes gracefully; empty sends nothing
	 */
	public record Drain(@DefaultValue("0s") Duration gracePeriod, @DefaultValue("20s") Duration timeout,
			@DefaultValue("0s") Duration closeSpread, @DefaultValue("") String goodbye) {

		public Drain {
			requireNotNegative("echo-gateway.drain.grace-period", gracePeriod);
			requirePositive("echo-gateway.drain.timeout", timeout);
			requireNotNegative("echo-gateway.drain.close-spread", closeSpread);
			require(closeSpread.compareTo(timeout) <= 0, "echo-gateway.drain.close-spread (" + closeSpread
					+ ") must not be longer than echo-gateway.drain.timeout (" + timeout + ")");
		}

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

	private static void requirePositive(String name, Duration value) {
		require(value.isPositive(), name + " must be positive, but was " + value);
	}

	private static void requireNotNegative(String name, Duration value) {
		require(!value.isNegative(), name + " must not be negative, but was " + value);
	}

	private static void require(boolean condition, String sentence) {
		if (!condition) {
			throw new IllegalArgumentException(sentence);
		}
	}

}
