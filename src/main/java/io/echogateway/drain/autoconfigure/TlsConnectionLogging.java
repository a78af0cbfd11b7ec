package io.echogateway.drain.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns off, by default, the logger of the component's selector-driven TLS connections, where Spring Integration logs
 * every client that resets its connection as an ERROR from a private method that cannot tell it apart; the tracking
 * interceptor logs client behaviour as WARN lines and flow failures as ERRORs itself. The lean connections keep their
 * loggers: they read and mark client resets themselves, so their other errors stay visible. An application's own
 * {@code logging.level} settings win.
 */
final class TlsConnectionLogging implements EnvironmentPostProcessor {

	private static final String TLS_CONNECTION = "logging.level.io.echogateway.drain.tls.TlsNioConnection";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addLast(new MapPropertySource("tcpDrainTlsConnectionLogging", Map.of(TLS_CONNECTION, "off")));
	}

}
