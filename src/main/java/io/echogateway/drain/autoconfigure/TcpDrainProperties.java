package io.echogateway.drain.autoconfigure;

import java.time.Duration;

import io.echogateway.drain.DrainMode;
import io.echogateway.drain.DrainSettings;
import io.echogateway.drain.connection.Durations;
import io.echogateway.drain.connection.ExpectedReplies;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import static io.echogateway.drain.autoconfigure.SettingRules.require;
import static io.echogateway.drain.autoconfigure.SettingRules.requireNotNegative;
import static io.echogateway.drain.autoconfigure.SettingRules.requirePositive;

/**
 * Settings of the drain and of the connection limits of every tracked TCP server, bound from {@code echo-gateway.*}.
 *
 * @param tcp the connection limits of the servers
 * @param drain the graceful drain on shutdown
 */
@ConfigurationProperties("echo-gateway")
public record TcpDrainProperties(@DefaultValue Tcp tcp, @DefaultValue Drain drain) {

	/**
	 * The connection limits of every tracked server; {@code echo-gateway.tcp.servers[<name>].*} overrides them for
	 * one server, read by {@link ServerOverrides} so that names with dots work.
	 *
	 * @param maxConnections most connections a server holds at once; one more is turned away
	 * @param idleTimeout a connection that starts no frame and waits for no reply for this long is closed
	 * @param sendTimeout a reply the client does not read within this long closes its connection
	 */
	public record Tcp(@DefaultValue("10000") int maxConnections, @DefaultValue("5m") Duration idleTimeout,
			@DefaultValue("10s") Duration sendTimeout) {

		public Tcp {
			require(maxConnections > 0,
					"echo-gateway.tcp.max-connections must be positive, but was " + maxConnections);
			requirePositive("echo-gateway.tcp.idle-timeout", idleTimeout);
			requirePositive("echo-gateway.tcp.send-timeout", sendTimeout);
		}

	}

	/**
	 * Overrides for one server; what is left out comes from the settings for all.
	 *
	 * @param maxConnections most connections this server holds at once
	 * @param idleTimeout idle timeout of this server's connections
	 * @param sendTimeout send timeout of this server's connections
	 * @param replies how many replies each request is owed when channel adapters serve this server
	 */
	public record Server(@Nullable Integer maxConnections, @Nullable Duration idleTimeout,
			@Nullable Duration sendTimeout, @Nullable ExpectedReplies replies) {

		public Server {
			require(maxConnections == null || maxConnections > 0,
					"echo-gateway.tcp.servers.*.max-connections must be positive, but was " + maxConnections);
			require(idleTimeout == null || idleTimeout.isPositive(),
					"echo-gateway.tcp.servers.*.idle-timeout must be positive, but was " + idleTimeout);
			require(sendTimeout == null || sendTimeout.isPositive(),
					"echo-gateway.tcp.servers.*.send-timeout must be positive, but was " + sendTimeout);
		}

	}

	/**
	 * The graceful drain on shutdown.
	 *
	 * @param gracePeriod how long to keep accepting after readiness turned to refusing traffic
	 * @param timeout how long busy connections may take to finish after the listeners closed, before they are forced
	 * @param closeSpread window over which idle connections are closed, oldest-idle first; 0s closes them at once
	 * @param mode close-after-reply closes each connection when it is idle; await-client sends the goodbye at once and
	 * lets the client close
	 */
	public record Drain(@DefaultValue("0s") Duration gracePeriod, @DefaultValue("20s") Duration timeout,
			@DefaultValue("0s") Duration closeSpread, @DefaultValue("close-after-reply") DrainMode mode) {

		public Drain {
			requireNotNegative("echo-gateway.drain.grace-period", gracePeriod);
			requirePositive("echo-gateway.drain.timeout", timeout);
			requireNotNegative("echo-gateway.drain.close-spread", closeSpread);
			require(closeSpread.compareTo(timeout) <= 0, "echo-gateway.drain.close-spread ("
					+ Durations.readable(closeSpread) + ") must not be longer than echo-gateway.drain.timeout ("
					+ Durations.readable(timeout) + ")");
		}

		/**
		 * Return these settings as the drain takes them.
		 * @return the drain settings
		 */
		public DrainSettings settings() {
			return new DrainSettings(this.gracePeriod, this.timeout, this.closeSpread, this.mode);
		}

	}

}
