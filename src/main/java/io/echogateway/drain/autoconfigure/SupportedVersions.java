package io.echogateway.drain.autoconfigure;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.SpringBootVersion;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Says in one WARN sentence at start-up when Spring Boot or Spring Integration is outside the lines the component is
 * built and tested against, since it relies on internals of Spring Integration's TCP support.
 */
final class SupportedVersions implements InitializingBean {

	private static final Log logger = LogFactory.getLog(SupportedVersions.class);

	static final List<String> BOOT_LINES = List.of("4.0", "4.1");

	static final List<String> INTEGRATION_LINES = List.of("7.0", "7.1");

	@Override
	public void afterPropertiesSet() {
		String problem = problem(SpringBootVersion.getVersion(),
				AbstractServerConnectionFactory.class.getPackage().getImplementationVersion());
		if (problem != null) {
			logger.warn(problem);
		}
	}

	/**
	 * Return the sentence for versions outside the supported lines, or {@code null} when both are inside.
	 * @param boot the Spring Boot version, if known
	 * @param integration the Spring Integration version, if known
	 */
	static @Nullable String problem(@Nullable String boot, @Nullable String integration) {
		if (inside(boot, BOOT_LINES) && inside(integration, INTEGRATION_LINES)) {
			return null;
		}
		return "The TCP drain is built and tested with Spring Boot " + String.join(" and ", BOOT_LINES)
				+ " and Spring Integration " + String.join(" and ", INTEGRATION_LINES) + ", but runs on Spring Boot "
				+ boot + " and Spring Integration " + integration + ": it relies on internals of Spring Integration's "
				+ "TCP support that may differ, so test your shutdown before you rely on it.";
	}

	private static boolean inside(@Nullable String version, List<String> lines) {
		return version != null && lines.stream().anyMatch((line) -> version.startsWith(line + "."));
	}

}
