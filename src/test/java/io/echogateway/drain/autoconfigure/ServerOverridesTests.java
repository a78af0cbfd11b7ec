package io.echogateway.drain.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.echogateway.drain.DrainSettingsException;
import io.echogateway.drain.limits.ExpectedReplies;
import io.echogateway.drain.limits.ServerLimits;
import io.echogateway.drain.tls.ClientAuth;
import io.echogateway.drain.tls.TlsSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The settings of single servers, read from property names as users write them, without a Spring context.
 */
class ServerOverridesTests {

	private static final TcpDrainProperties.Limits DEFAULTS = new TcpDrainProperties.Limits(100, Duration.ofMinutes(5),
			Duration.ofSeconds(10));

	private static final TcpDrainProperties.Ssl DEFAULT_TLS = new TcpDrainProperties.Ssl(null, ClientAuth.NONE,
			Duration.ofSeconds(5));

	private static final String DSL_NAME = "server.tcp-net-server-connection-factory#0";

	@Test
	void aNameWithDotsAndAHashBindsInTheDottedFormThatYamlAndPropertiesFilesGive() {
		ServerOverrides overrides = overrides(Map.of("tcp-drain.servers." + DSL_NAME + ".max-connections", "5",
				"tcp-drain.servers." + DSL_NAME + ".idle-timeout", "30s"));
		assertThat(overrides.limitsOf(DSL_NAME)).isEqualTo(
				new ServerLimits(5, Duration.ofSeconds(30), Duration.ofSeconds(10), ExpectedReplies.EVERY_REQUEST));
		overrides.requireOnly(List.of(DSL_NAME, "other"));
	}

	@Test
	void theBracketFormAndCamelCaseBindToo() {
		ServerOverrides overrides = overrides(Map.of("tcp-drain.servers[" + DSL_NAME + "].sendTimeout", "2s",
				"tcp-drain.servers[adapters].replies", "none"));
		assertThat(overrides.limitsOf(DSL_NAME).sendTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(overrides.limitsOf("adapters").replies()).isEqualTo(ExpectedReplies.NONE);
		assertThat(overrides.limitsOf("other")).isEqualTo(
				new ServerLimits(100, Duration.ofMinutes(5), Duration.ofSeconds(10), ExpectedReplies.EVERY_REQUEST));
	}

	@Test
	void aSettingForAServerThatDoesNotExistStopsStartUpListingTheServers() {
		ServerOverrides overrides = overrides(Map.of("tcp-drain.servers.biling.max-connections", "5"));
		assertThatExceptionOfType(DrainSettingsException.class)
			.isThrownBy(() -> overrides.requireOnly(List.of("billing", DSL_NAME)))
			.withMessage("tcp-drain.servers.biling.max-connections names no TCP server and no setting of one "
					+ "(the servers: 'billing', '" + DSL_NAME + "'; the settings: max-connections, idle-timeout, "
					+ "send-timeout, replies, ssl.bundle, ssl.client-auth, ssl.handshake-timeout)");
	}

	@Test
	void anUnknownSettingOfARealServerStopsStartUpToo() {
		ServerOverrides overrides = overrides(Map.of("tcp-drain.servers.billing.max-conections", "5"));
		assertThatExceptionOfType(DrainSettingsException.class)
			.isThrownBy(() -> overrides.requireOnly(List.of("billing")))
			.withMessageStartingWith("tcp-drain.servers.billing.max-conections names no TCP server");
	}

	@Test
	void aValueOfTheWrongKindIsNamedWithTheProperty() {
		ServerOverrides overrides = overrides(Map.of("tcp-drain.servers.billing.idle-timeout", "soon"));
		assertThatIllegalArgumentException().isThrownBy(() -> overrides.limitsOf("billing"))
			.withMessage("tcp-drain.servers.billing.idle-timeout must be a duration such as 30s or 5m, but was "
					+ "'soon'");
	}

	@Test
	void aNonPositiveLimitIsRefused() {
		ServerOverrides overrides = overrides(Map.of("tcp-drain.servers.billing.max-connections", "0"));
		assertThatIllegalArgumentException().isThrownBy(() -> overrides.limitsOf("billing"))
			.withMessageContaining("max-connections must be positive, but was 0");
	}

	@Test
	void aServerGetsTheTlsOfItsOwnSettingsWithADottedNameElseTheTlsForAllServers() {
		Map<String, String> properties = Map.of("tcp-drain.servers." + DSL_NAME + ".ssl.bundle", "billing-tls",
				"tcp-drain.servers." + DSL_NAME + ".ssl.clientAuth", "need", "tcp-drain.servers[plain].ssl.bundle", "");
		ServerOverrides overrides = new ServerOverrides(DEFAULTS,
				new TcpDrainProperties.Ssl("shared", ClientAuth.WANT, Duration.ofSeconds(2)), properties.keySet(),
				properties::get);
		assertThat(overrides.tlsOf(DSL_NAME)).isEqualTo(new TlsSettings("billing-tls", ClientAuth.NEED,
				Duration.ofSeconds(2), "tcp-drain.servers." + DSL_NAME + ".ssl"));
		assertThat(overrides.tlsOf("other")).isEqualTo(
				new TlsSettings("shared", ClientAuth.WANT, Duration.ofSeconds(2), "tcp-drain.ssl"));
		assertThat(overrides.tlsOf("plain")).isNull();
		overrides.requireOnly(List.of(DSL_NAME, "plain", "other"));
	}

	@Test
	void withoutABundleAServerServesPlainTcpAndAClientAuthOfItsOwnIsRefused() {
		assertThat(overrides(Map.of()).tlsOf("billing")).isNull();
		ServerOverrides overrides = overrides(Map.of("tcp-drain.servers.billing.ssl.client-auth", "need"));
		assertThatIllegalArgumentException().isThrownBy(() -> overrides.tlsOf("billing"))
			.withMessage("tcp-drain.servers.billing.ssl.client-auth=need needs TLS: set "
					+ "tcp-drain.servers[billing].ssl.bundle to the name of an SSL bundle");
	}

	private static ServerOverrides overrides(Map<String, String> properties) {
		return new ServerOverrides(DEFAULTS, DEFAULT_TLS, properties.keySet(), properties::get);
	}

}
