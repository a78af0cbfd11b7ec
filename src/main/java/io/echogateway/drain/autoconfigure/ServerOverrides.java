package io.echogateway.drain.autoconfigure;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.echogateway.drain.DrainSettingsException;
import io.echogateway.drain.limits.ExpectedReplies;
import io.echogateway.drain.limits.ServerLimits;
import io.echogateway.drain.limits.ServerSettings;
import io.echogateway.drain.tls.ClientAuth;
import io.echogateway.drain.tls.TlsSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The settings of single servers, read as the user wrote them: {@code tcp-drain.servers.<name>.<setting>} or
 * {@code tcp-drain.servers[<name>].<setting>}, for server names with dots and {@code #} too, which Spring
 * Boot's map binding would split or drop.
 */
final class ServerOverrides implements ServerSettings {

	static final String PREFIX = TcpDrainProperties.PREFIX + ".servers";

	private static final List<String> SETTINGS = List.of("max-connections", "idle-timeout", "send-timeout", "replies",
			"ssl.bundle", "ssl.client-auth", "ssl.handshake-timeout");

	private final TcpDrainProperties.Limits defaults;

	private final TcpDrainProperties.Ssl defaultTls;

	/** Each setting's property name by what follows the prefix, in the form {@code <name>.<setting>}. */
	private final Map<String, String> properties;

	private final Function<String, @Nullable String> values;

	private final ConversionService conversion = ApplicationConversionService.getSharedInstance();

	ServerOverrides(TcpDrainProperties.Limits defaults, TcpDrainProperties.Ssl defaultTls,
			Collection<String> propertyNames, Function<String, @Nullable String> values) {
		this.defaults = defaults;
		this.defaultTls = defaultTls;
		this.properties = propertyNames.stream()
			.filter((name) -> name.startsWith(PREFIX + ".") || name.startsWith(PREFIX + "["))
			.collect(Collectors.toMap(ServerOverrides::nameAndSetting, Function.identity(), (first, second) -> first,
					TreeMap::new));
		this.values = values;
	}

	/**
	 * Read the settings of single servers from every enumerable property source of the environment.
	 */
	static ServerOverrides of(TcpDrainProperties defaults, ConfigurableEnvironment environment) {
		List<String> names = environment.getPropertySources()
			.stream()
			.filter(EnumerablePropertySource.class::isInstance)
			.flatMap((source) -> List.of(((EnumerablePropertySource<?>) source).getPropertyNames()).stream())
			.distinct()
			.toList();
		return new ServerOverrides(defaults.limits(), defaults.ssl(), names, environment::getProperty);
	}

	@Override
	public ServerLimits limitsOf(String server) {
		TcpDrainProperties.Server own = new TcpDrainProperties.Server(value(server, "max-connections", Integer.class),
				value(server, "idle-timeout", Duration.class), value(server, "send-timeout", Duration.class),
				value(server, "replies", ExpectedReplies.class));
		return new ServerLimits(
				(own.maxConnections() != null) ? own.maxConnections() : this.defaults.maxConnections(),
				(own.idleTimeout() != null) ? own.idleTimeout() : this.defaults.idleTimeout(),
				(own.sendTimeout() != null) ? own.sendTimeout() : this.defaults.sendTimeout(),
				(own.replies() != null) ? own.replies() : ExpectedReplies.EVERY_REQUEST);
	}

	/**
	 * Return the TLS a server is to serve: its own settings, else the settings for all; {@code null} for plain TCP.
	 * @param server the bean name of its connection factory
	 * @return its TLS settings, or {@code null}
	 */
	@Nullable TlsSettings tlsOf(String server) {
		String ownBundle = this.properties.get(server + ".ssl.bundle");
		String bundle = (ownBundle != null) ? Optional.ofNullable(this.values.apply(ownBundle))
			.map(String::trim)
			.filter((name) -> !name.isEmpty())
			.orElse(null) : this.defaultTls.bundle();
		String origin = (ownBundle != null) ? ownBundle.substring(0, ownBundle.length() - ".bundle".length())
				: TcpDrainProperties.PREFIX + ".ssl";
		ClientAuth clientAuth = value(server, "ssl.client-auth", ClientAuth.class);
		Duration handshakeTimeout = value(server, "ssl.handshake-timeout", Duration.class);
		if (bundle == null) {
			SettingRules.require(clientAuth == null || clientAuth == ClientAuth.NONE, this.properties.get(server
					+ ".ssl.client-auth") + "=" + clientAuth + " needs TLS: set " + PREFIX + "[" + server
					+ "].ssl.bundle to the name of an SSL bundle");
			return null;
		}
		if (handshakeTimeout != null) {
			SettingRules.requirePositive(this.properties.get(server + ".ssl.handshake-timeout"), handshakeTimeout);
		}
		return new TlsSettings(bundle, (clientAuth != null) ? clientAuth : this.defaultTls.clientAuth(),
				(handshakeTimeout != null) ? handshakeTimeout : this.defaultTls.handshakeTimeout(), origin);
	}

	@Override
	public void requireOnly(Collection<String> servers) {
		for (Map.Entry<String, String> entry : this.properties.entrySet()) {
			boolean known = servers.stream()
				.anyMatch((server) -> SETTINGS.stream()
					.anyMatch((setting) -> entry.getKey().equals(server + "." + setting)));
			if (!known) {
				String listed = servers.isEmpty() ? "there is none"
						: servers.stream().sorted().map((name) -> "'" + name + "'").collect(Collectors.joining(", "));
				throw new DrainSettingsException(entry.getValue() + " names no TCP server and no setting of one "
						+ "(the servers: " + listed + "; the settings: " + String.join(", ", SETTINGS) + ")",
						"Write the bean name of the server's connection factory and one of the settings, such as "
								+ PREFIX + "[" + (servers.isEmpty() ? "name" : servers.iterator().next())
								+ "].max-connections.");
			}
		}
	}

	private <T> @Nullable T value(String server, String setting, Class<T> type) {
		String property = this.properties.get(server + "." + setting);
		if (property == null) {
			return null;
		}
		String text = this.values.apply(property);
		try {
			return Optional.ofNullable(text).map((raw) -> this.conversion.convert(raw.trim(), type)).orElse(null);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(property + " must be " + describe(type) + ", but was '" + text + "'");
		}
	}

	private static String describe(Class<?> type) {
		if (type == Integer.class) {
			return "a whole number";
		}
		if (type == Duration.class) {
			return "a duration such as 30s or 5m";
		}
		if (type == ClientAuth.class) {
			return "one of none, want or need";
		}
		return "one of every-request or none";
	}

	/**
	 * Return what follows the prefix as {@code <name>.<setting>}, whether the name was in brackets or not, with the
	 * setting in its kebab-case form.
	 */
	private static String nameAndSetting(String property) {
		String rest = property.substring(PREFIX.length());
		String name;
		String setting;
		if (rest.startsWith("[") && rest.indexOf(']') > 0) {
			name = rest.substring(1, rest.indexOf(']'));
			setting = rest.substring(rest.indexOf(']') + 1).replaceFirst("^\\.", "");
		}
		else {
			rest = rest.substring(1);
			String known = knownSettingAtEndOf(rest);
			int split = (known != null) ? rest.length() - known.length() - 1 : rest.lastIndexOf('.');
			name = (split > 0) ? rest.substring(0, split) : rest;
			setting = (split > 0) ? rest.substring(split + 1) : "";
		}
		return name + "." + kebab(setting);
	}

	/**
	 * Return the known setting a dotted property name ends with, matched in its kebab-case form, or {@code null}.
	 */
	private static @Nullable String knownSettingAtEndOf(String rest) {
		String[] parts = rest.split("\\.");
		for (String setting : SETTINGS) {
			int dots = setting.split("\\.").length;
			if (parts.length > dots) {
				String tail = String.join(".", List.of(parts).subList(parts.length - dots, parts.length));
				if (kebab(tail).equals(setting)) {
					return tail;
				}
			}
		}
		return null;
	}

	private static String kebab(String setting) {
		return setting.replaceAll("([a-z])([A-Z])", "$1-$2").replace('_', '-').toLowerCase(Locale.ROOT);
	}

}
