package io.echogateway;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;

/**
 * Refuses a {@code server.port} that no web server can listen on before Tomcat tries, so that Spring Boot explains
 * the setting in one paragraph instead of Tomcat failing with a stack trace.
 */
final class ServerPortCheck implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

	private static final String SERVER_PORT = "server.port";

	private static final int NO_HTTP = -1;

	private static final int HIGHEST_PORT = 65535;

	private final Environment environment;

	ServerPortCheck(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void customize(ConfigurableWebServerFactory factory) {
		Binder.get(this.environment).bind(SERVER_PORT, Integer.class).ifBound((port) -> {
			if (port < NO_HTTP || port > HIGHEST_PORT) {
				throw new InvalidConfigurationPropertyValueException(SERVER_PORT, port, SERVER_PORT
						+ " must be between 0 and " + HIGHEST_PORT + ", or " + NO_HTTP + " for no HTTP server, "
						+ "but was " + port + ".");
			}
		});
	}

}
