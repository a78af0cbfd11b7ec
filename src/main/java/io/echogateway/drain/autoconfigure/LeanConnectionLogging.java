package io.echogateway.drain.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns off, by default, the loggers of the lean selector-driven connections and of the component's TLS ones, where Spring Integration logs every
 * client that resets its connection as an ERROR from a private method that cannot tell it apart; the tracking
 * interceptor logs client behaviour as WARN lines and flow failures as ERRORs itself. The lean blocking connections
 * keep their logger and mark client resets themselves, so their other errors stay visible. An application's own
 * {@code logging.level} settings win.
 */
final class LeanConnectionLogging implements EnvironmentPostProcessor {

	private static final String PACKAGE = "logging.level.io.echogateway.drain.lean.";

	private static final String TLS_CONNECTION = "logging.level.io.echogateway.drain.tls.TlsNioConnection";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addLast(new MapPropertySource("tcpDrainLeanConnectionLogging",
					Map.of(PACKAGE + "LeanNioConnection", "off", TLS_CONNECTION, "off")));
	}

}
