package io.echogateway.drain.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns off, by default, the loggers of the lean connections, where Spring Integration logs every client that resets
 * its connection as an ERROR with a stack trace; the tracking interceptor logs client behaviour as WARN lines and flow
 * failures as ERRORs itself. An application's own {@code logging.level} settings win.
 */
final class LeanConnectionLogging implements EnvironmentPostProcessor {

	private static final String PACKAGE = "logging.level.io.echogateway.drain.connection.";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addLast(new MapPropertySource("echoGatewayLeanConnectionLogging",
					Map.of(PACKAGE + "LeanNetConnection", "off", PACKAGE + "LeanNioConnection", "off")));
	}

}
