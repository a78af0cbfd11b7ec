package io.echogateway.drain.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import io.echogateway.drain.Drain;
import io.echogateway.drain.DrainLifecycle;
import io.echogateway.drain.DrainMode;
import io.echogateway.drain.DrainSettings;
import io.echogateway.drain.DrainSettingsException;
import io.echogateway.drain.PortCheckLifecycle;
import io.echogateway.drain.actuate.ConnectionsEndpoint;
import io.echogateway.drain.actuate.DrainEndpoint;
import io.echogateway.drain.actuate.TcpServerHealthIndicator;
import io.echogateway.drain.actuate.TcpServerMetrics;
import io.echogateway.drain.connection.ConnectionNotices;
import io.echogateway.drain.limits.ExpectedReplies;
import io.echogateway.drain.limits.ServerLimits;
import io.echogateway.drain.limits.ServerSettings;
import io.echogateway.drain.tracking.ConnectionRegistry;
import io.echogateway.drain.tracking.ServerTrackingPostProcessor;
import io.echogateway.drain.tracking.UntrackableServerException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;
import org.springframework.integration.util.CompositeExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configuration of the drain, without sockets: conditions, back-off, binding and what it refuses.
 */
@ExtendWith(OutputCaptureExtension.class)
class TcpDrainAutoConfigurationTests {

	/** From TEST-NET-1 (RFC 5737), which is for documentation, so no host has it. */
	private static final String UNASSIGNED_ADDRESS = "192.0.2.1";

	private static final int STRAY_PORT = 5388;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpDrainAutoConfiguration.class,
				TcpDrainEndpointAutoConfiguration.class, TcpServerHealthAutoConfiguration.class,
				TcpServerMetricsAutoConfiguration.class, EndpointAutoConfiguration.class));

	@Test
	void aContextWithSpringIntegrationIpGetsTheRegistryTheDrainAndItsLifecycles() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ConnectionRegistry.class)
			.hasSingleBean(Drain.class)
			.hasSingleBean(DrainLifecycle.class)
			.hasSingleBean(PortCheckLifecycle.class)
			.hasSingleBean(ServerTrackingPostProcessor.class));
	}

	@Test
	void aContextWithoutATcpServerStartsNoThreadOfTheDrainAndLogsNoDrain(CapturedOutput output) {
		this.runner.run((context) -> await().atMost(Duration.ofSeconds(5))
			.until(() -> Thread.getAllStackTraces()
				.keySet()
				.stream()
				.noneMatch((thread) -> thread.isAlive()
						&& (thread.getName().equals("tcp-housekeeping") || thread.getName().equals("tcp-drain")))));
		assertThat(output).doesNotContain("Drain finished");
	}

	@Test
	void withoutSpringIntegrationIpNothingIsConfigured() {
		this.runner.withClassLoader(new FilteredClassLoader(AbstractServerConnectionFactory.class))
			.run((context) -> assertThat(context).doesNotHaveBean(Drain.class)
				.doesNotHaveBean(ConnectionRegistry.class));
	}

	@Test
	void theEndpointsHealthAndMetersComeWithTheActuatorAndAMeterRegistry() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("management.endpoints.web.exposure.include=connections,drain")
			.run((context) -> assertThat(context).hasSingleBean(ConnectionsEndpoint.class)
				.hasSingleBean(DrainEndpoint.class)
				.hasSingleBean(TcpServerHealthIndicator.class)
				.hasSingleBean(TcpServerMetrics.class));
	}

	@Test
	void endpointsThatAreNotExposedAreNotCreatedAndNoRegistryMeansNoMeters() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ConnectionsEndpoint.class)
			.doesNotHaveBean(DrainEndpoint.class)
			.doesNotHaveBean(TcpServerMetrics.class));
	}

	@Test
	void theHealthContributorCanBeSwitchedOff() {
		this.runner.withPropertyValues("management.health.tcpServer.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TcpServerHealthIndicator.class));
	}

	@Test
	void theApplicationsOwnDrainWins() {
		this.runner.withUserConfiguration(OwnDrain.class)
			.run((context) -> assertThat(context).getBean(Drain.class).isSameAs(OwnDrain.DRAIN));
	}

	@Test
	void settingsBindWithPerServerOverrides() {
		this.runner
			.withPropertyValues("tcp-drain.limits.max-connections=50", "tcp-drain.limits.idle-timeout=30s",
					"tcp-drain.timeout=7s")
			.run((context) -> {
				TcpDrainProperties properties = context.getBean(TcpDrainProperties.class);
				assertThat(properties.limits()).isEqualTo(new TcpDrainProperties.Limits(50, Duration.ofSeconds(30), Duration.ofSeconds(10)));
				assertThat(context.getBean(Drain.class).timeout()).isEqualTo(Duration.ofSeconds(7));
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			echo-gateway.drain.timeout=5s                       | echo-gateway.drain.timeout is no longer read: the TCP drain's settings moved under their own prefix, and echo-gateway.drain.timeout is now tcp-drain.timeout
			echo-gateway.tcp.servers[billing].max-connections=5 | echo-gateway.tcp.servers[billing].max-connections is no longer read: the TCP drain's settings moved under their own prefix, and echo-gateway.tcp.servers is now tcp-drain.servers
			echo-gateway.tcp.ssl.bundle=tcp                     | echo-gateway.tcp.ssl.bundle is no longer read: the TCP drain's settings moved under their own prefix, and echo-gateway.tcp.ssl is now tcp-drain.ssl
			""")
	void aSettingUnderTheOldNameStopsStartUpWithTheNewName(String setting, String sentence) {
		this.runner.withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(DrainSettingsException.class)
				.hasMessage(sentence);
		});
	}

	@Test
	void anOldNameAsAnEnvironmentVariableStopsStartUpToo() {
		assertThatExceptionOfType(DrainSettingsException.class)
			.isThrownBy(() -> RenamedSettings.requireNotRenamed("ECHO_GATEWAY_TCP_MAX_CONNECTIONS"))
			.withMessageContaining("echo-gateway.tcp.max-connections is now tcp-drain.limits.max-connections");
		RenamedSettings.requireNotRenamed("ECHO_GATEWAY_DRAIN_GOODBYE");
		RenamedSettings.requireNotRenamed("echo-gateway.tcp.port");
		RenamedSettings.requireNotRenamed("TCP_DRAIN_TIMEOUT");
	}

	@Test
	void aDrainThatDoesNotFitInTheShutdownPhaseFailsStartUpWithOneSentence() {
		this.runner.withPropertyValues("tcp-drain.timeout=30s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(DrainSettingsException.class)
				.hasMessageContaining("spring.lifecycle.timeout-per-shutdown-phase (30s)");
		});
	}

	@Test
	void aDrainThatLeavesNoRoomToReleaseThePortAndFinishForcedClosesFailsStartUp() {
		this.runner.withPropertyValues("tcp-drain.timeout=29s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(DrainSettingsException.class)
				.hasMessage("tcp-drain.grace-period (0s) plus tcp-drain.timeout (29s) plus the "
						+ "1500ms the drain needs to release the port and finish forced closes must be shorter than "
						+ "spring.lifecycle.timeout-per-shutdown-phase (30s), or Spring stops the TCP servers before "
						+ "the drain ends");
		});
		this.runner.withPropertyValues("tcp-drain.timeout=28s")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aPushbackServerFailsStartUpNamingTheFactoryAndWhatToChange() {
		this.runner.withUserConfiguration(PushbackServer.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(UntrackableServerException.class,
						(failure) -> assertThat(failure.action()).isEqualTo("Turn pushback off for this server."))
				.hasMessage("TCP server 'pushbackServer' has a pushback-capable connection support, which the drain "
						+ "cannot track because it reads each frame through a gate");
		});
	}

	@Test
	void aServerWithACompositeExecutorFailsStartUpNamingTheFactory() {
		this.runner.withUserConfiguration(CompositeExecutorServer.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(UntrackableServerException.class,
						(failure) -> assertThat(failure.action()).isEqualTo("Give it a plain Executor."))
				.hasMessage("TCP server 'compositeServer' has a CompositeExecutor, whose frame assemblers the drain "
						+ "cannot keep in order per connection");
		});
	}

	@Test
	void aServerWhosePortIsTakenFailsStartUpBeforeItStartsWithBootsSentenceForAPortInUse() throws IOException {
		try (ServerSocket taken = new ServerSocket(0)) {
			int port = taken.getLocalPort();
			this.runner.withBean("takenServer", TcpNetServerConnectionFactory.class,
					() -> new TcpNetServerConnectionFactory(port))
				.run((context) -> {
					assertThat(context).hasFailed();
					FailureAnalysis analysis = new TcpServerListenFailureAnalyzer()
						.analyze(context.getStartupFailure());
					assertThat(analysis.getDescription())
						.isEqualTo("TCP server 'takenServer' failed to start. Port " + port + " was already in use.");
					assertThat(analysis.getAction()).isEqualTo("Identify and stop the process that's listening on port "
							+ port + ", or change the port of TCP server 'takenServer'.");
				});
		}
	}

	@Test
	void aServerThatCannotListenForAnotherReasonFailsStartUpWithThatReason() {
		this.runner.withBean("strayServer", TcpNioServerConnectionFactory.class, () -> {
			TcpNioServerConnectionFactory factory = new TcpNioServerConnectionFactory(STRAY_PORT);
			factory.setLocalAddress(UNASSIGNED_ADDRESS);
			return factory;
		}).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new TcpServerListenFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).startsWith("TCP server 'strayServer' could not listen on port "
					+ STRAY_PORT + ": ");
			assertThat(analysis.getAction())
				.isEqualTo("Change the port or the local address of TCP server 'strayServer' to one this process may "
						+ "listen on.");
		});
	}

	@Test
	void noticesDefaultToNothing() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ConnectionNotices.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnDrain {

		static final Drain DRAIN = new Drain(
				new ConnectionRegistry((event) -> {
				}, ServerSettings.same(new ServerLimits(1, Duration.ofSeconds(1), Duration.ofSeconds(1),
						ExpectedReplies.EVERY_REQUEST)), ConnectionNotices.NONE),
				(event) -> {
				}, new DrainSettings(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO, DrainMode.CLOSE_AFTER_REPLY),
				Duration.ofSeconds(30));

		@Bean
		Drain drain() {
			return DRAIN;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PushbackServer {

		@Bean
		TcpNetServerConnectionFactory pushbackServer() {
			TcpNetServerConnectionFactory factory = new TcpNetServerConnectionFactory(0);
			DefaultTcpNetConnectionSupport support = new DefaultTcpNetConnectionSupport();
			support.setPushbackCapable(true);
			factory.setTcpNetConnectionSupport(support);
			return factory;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CompositeExecutorServer {

		@Bean
		TcpNioServerConnectionFactory compositeServer() {
			TcpNioServerConnectionFactory factory = new TcpNioServerConnectionFactory(0);
			factory.setTaskExecutor(new CompositeExecutor(Runnable::run, Runnable::run));
			return factory;
		}

	}

}
