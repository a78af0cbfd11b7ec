package io.echogateway.drain.autoconfigure;

import java.time.Duration;

import io.echogateway.drain.DrainMode;
import io.echogateway.drain.DrainSettings;
import io.echogateway.drain.limits.Durations;
import io.echogateway.drain.limits.ExpectedReplies;
import io.echogateway.drain.tls.ClientAuth;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import static io.echogateway.drain.autoconfigure.SettingRules.require;
import static io.echogateway.drain.autoconfigure.SettingRules.requireNotNegative;
import static io.echogateway.drain.autoconfigure.SettingRules.requirePositive;

/**
 * Settings of the TCP drain and of the connection limits of every tracked server, bound from {@code tcp-drain.*}.
 *
 * @param gracePeriod how long the servers keep accepting after readiness turned to refusing traffic
 * @param timeout how long busy connections may take to finish after the listeners closed, before they are forced
 * @param closeSpread window over which idle connections are closed, oldest-idle first; 0s closes them at once
 * @param mode close-after-reply closes each connection when it is idle; await-client sends the goodbye at once and
 * lets the client close
 * @param limits the connection limits of every server, which {@code tcp-drain.servers.<name>.*} overrides for one
 * @param ssl the TLS of every server, which {@code tcp-drain.servers.<name>.ssl.*} overrides for one
 */
@ConfigurationProperties(TcpDrainProperties.PREFIX)
public record TcpDrainProperties(@DefaultValue("0s") Duration gracePeriod, @DefaultValue("20s") Duration timeout,
		@DefaultValue("0s") Duration closeSpread, @DefaultValue("close-after-reply") DrainMode mode,
		@DefaultValue Limits limits, @DefaultValue Ssl ssl) {

	/** The prefix of every setting of the component. */
	public static final String PREFIX = "tcp-drain";

	public TcpDrainProperties {
		requireNotNegative(PREFIX + ".grace-period", gracePeriod);
		requirePositive(PREFIX + ".timeout", timeout);
		requireNotNegative(PREFIX + ".close-spread", closeSpread);
		require(closeSpread.compareTo(timeout) <= 0, PREFIX + ".close-spread (" + Durations.readable(closeSpread)
				+ ") must not be longer than " + PREFIX + ".timeout (" + Durations.readable(timeout) + ")");
	}

	/**
	 * Return these settings as the drain takes them.
	 * @return the drain settings
	 */
	public DrainSettings settings() {
		return new DrainSettings(this.gracePeriod, this.timeout, this.closeSpread, this.mode);
	}

	/**
	 * The connection limits of every tracked server.
	 *
	 * @param maxConnections most connections a server holds at once; one more is turned away
	 * @param idleTimeout a connection that starts no frame and waits for no reply for this long is closed
	 * @param sendTimeout a reply the client does not read within this long closes its connection
	 */
	public record Limits(@DefaultValue("10000") int maxConnections, @DefaultValue("5m") Duration idleTimeout,
			@DefaultValue("10s") Duration sendTimeout) {

		public Limits {
			require(maxConnections > 0,
					PREFIX + ".limits.max-connections must be positive, but was " + maxConnections);
			requirePositive(PREFIX + ".limits.idle-timeout", idleTimeout);
			requirePositive(PREFIX + ".limits.send-timeout", sendTimeout);
		}

	}

	/**
	 * TLS from a Spring Boot SSL bundle, served by the component on a server that has no TLS of its own.
	 *
	 * @param bundle name of the Spring Boot SSL bundle (spring.ssl.bundle.pem.* or spring.ssl.bundle.jks.*) to serve TLS
	 * with; empty serves plain TCP
	 * @param clientAuth whether clients must show a certificate that the bundle's trust store trusts: none, want or
	 * need
	 * @param handshakeTimeout a client that has not finished its TLS handshake this long after connecting is closed
	 */
	public record Ssl(@Nullable String bundle, @DefaultValue("none") ClientAuth clientAuth,
			@DefaultValue("5s") Duration handshakeTimeout) {

		public Ssl {
			bundle = (bundle == null || bundle.isBlank()) ? null : bundle.trim();
			require(bundle != null || clientAuth == ClientAuth.NONE, PREFIX + ".ssl.client-auth=" + clientAuth
					+ " needs TLS: set " + PREFIX + ".ssl.bundle to the name of an SSL bundle");
			requirePositive(PREFIX + ".ssl.handshake-timeout", handshakeTimeout);
		}

	}

	/**
	 * The settings of one server, read by {@link ServerOverrides} so that names with dots work; what is left out comes
	 * from the limits for all.
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
					PREFIX + ".servers.*.max-connections must be positive, but was " + maxConnections);
			require(idleTimeout == null || idleTimeout.isPositive(),
					PREFIX + ".servers.*.idle-timeout must be positive, but was " + idleTimeout);
			require(sendTimeout == null || sendTimeout.isPositive(),
					PREFIX + ".servers.*.send-timeout must be positive, but was " + sendTimeout);
		}

	}

}
