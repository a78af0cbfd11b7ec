package io.echogateway;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Startup refuses each invalid setting with one sentence that names it.
 */
class StartupValidationTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			echo-gateway.tcp.port=70000              | echo-gateway.tcp.port must be between 0 and 65535, but was 70000
			echo-gateway.tcp.port=-1                 | echo-gateway.tcp.port must be between 0 and 65535, but was -1
			echo-gateway.tcp.framing=morse           | echo-gateway.tcp.framing must be one of lf, crlf, stx-etx, length-header, but was 'morse'
			echo-gateway.tcp.io=epoll                | echo-gateway.tcp.io must be one of nio, net, but was 'epoll'
			echo-gateway.tcp.max-frame-size=0        | echo-gateway.tcp.max-frame-size must be between 1B and 2GB, but was 0B
			echo-gateway.tcp.max-frame-size=-5       | echo-gateway.tcp.max-frame-size must be between 1B and 2GB, but was -5B
			tcp-drain.limits.max-connections=0       | tcp-drain.limits.max-connections must be positive, but was 0
			tcp-drain.limits.idle-timeout=0s         | tcp-drain.limits.idle-timeout must be positive, but was 0s
			echo-gateway.tcp.backlog=0              | echo-gateway.tcp.backlog must be positive, but was 0
			tcp-drain.ssl.client-auth=need   | tcp-drain.ssl.client-auth=need needs TLS: set tcp-drain.ssl.bundle to the name of an SSL bundle
			tcp-drain.ssl.client-auth=maybe  | tcp-drain.ssl.client-auth must be one of none, want, need, but was 'maybe'
			tcp-drain.ssl.handshake-timeout=0s | tcp-drain.ssl.handshake-timeout must be positive, but was 0s
			tcp-drain.ssl.bundle=nope         | Property tcp-drain.ssl.bundle with value 'nope' is invalid: No SSL bundle has that name; define it under spring.ssl.bundle.pem.nope or spring.ssl.bundle.jks.nope
			echo-gateway.echo.delay=-1s              | echo-gateway.echo.delay must not be negative, but was -1s
			tcp-drain.grace-period=-1s      | tcp-drain.grace-period must not be negative, but was -1s
			tcp-drain.timeout=0s            | tcp-drain.timeout must be positive, but was 0s
			tcp-drain.close-spread=-1s      | tcp-drain.close-spread must not be negative, but was -1s
			tcp-drain.close-spread=30s      | tcp-drain.close-spread (30s) must not be longer than tcp-drain.timeout (20s)
			tcp-drain.timeout=30s           | tcp-drain.grace-period (0s) plus tcp-drain.timeout (30s) plus the 1500ms the drain needs to release the port and finish forced closes must be shorter than spring.lifecycle.timeout-per-shutdown-phase (30s)
			tcp-drain.mode=await-client     | tcp-drain.mode=await-client needs a goodbye, but TCP server 'tcpServer' has none
			""")
	void startupRefusesAnInvalidSettingWithASentenceNamingIt(String setting, String sentence) {
		assertThatException().isThrownBy(() -> start(setting))
			.havingRootCause()
			.withMessageStartingWith(sentence);
	}

	private static void start(String setting) {
		String port = setting.startsWith("echo-gateway.tcp.port=") ? "" : "--echo-gateway.tcp.port=0";
		new SpringApplicationBuilder(EchoGatewayApplication.class)
			.run(port, "--spring.main.web-application-type=none", "--" + setting)
			.close();
	}

}
