package io.echogateway.drain.autoconfigure;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.echogateway.drain.DrainSettingsException;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * Stops start-up at a setting the component read under the echo service's names before its own prefix, which it
 * would otherwise ignore without a word.
 */
final class RenamedSettings {

	/** Each old name, or prefix of names, by the name that replaced it. */
	private static final Map<String, String> RENAMED = Map.of("echo-gateway.drain.grace-period", "tcp-drain.grace-period",
			"echo-gateway.drain.timeout", "tcp-drain.timeout", "echo-gateway.drain.close-spread",
			"tcp-drain.close-spread", "echo-gateway.drain.mode", "tcp-drain.mode", "echo-gateway.tcp.max-connections",
			"tcp-drain.limits.max-connections", "echo-gateway.tcp.idle-timeout", "tcp-drain.limits.idle-timeout",
			"echo-gateway.tcp.send-timeout", "tcp-drain.limits.send-timeout", "echo-gateway.tcp.servers",
			"tcp-drain.servers", "echo-gateway.tcp.ssl", "tcp-drain.ssl");

	private RenamedSettings() {
	}

	/**
	 * Fail if any property source of the environment sets an old name, in any of the forms Spring Boot binds, such as
	 * {@code ECHO_GATEWAY_DRAIN_TIMEOUT}.
	 * @param environment the environment
	 */
	static void requireNoneIn(ConfigurableEnvironment environment) {
		environment.getPropertySources()
			.stream()
			.filter(EnumerablePropertySource.class::isInstance)
			.flatMap((source) -> Stream.of(((EnumerablePropertySource<?>) source).getPropertyNames()))
			.forEach(RenamedSettings::requireNotRenamed);
	}

	static void requireNotRenamed(String property) {
		String given = relaxed(property);
		RENAMED.forEach((old, replacement) -> {
			if (given.startsWith(relaxed(old))) {
				throw new DrainSettingsException(property + " is no longer read: the TCP drain's settings moved under "
						+ "their own prefix, and " + old + " is now " + replacement,
						"Rename it to the new name, in the same form (" + replacement + ").");
			}
		});
	}

	/**
	 * Return a name in one form for its kebab-case, dotted, bracketed and environment-variable spellings: without its
	 * separators, in lower case.
	 */
	private static String relaxed(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[-_.\\[\\]]", "");
	}

}
