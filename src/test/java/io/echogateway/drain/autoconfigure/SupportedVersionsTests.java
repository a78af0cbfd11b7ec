package io.echogateway.drain.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supported lines of Spring Boot and Spring Integration, without a Spring context.
 */
class SupportedVersionsTests {

	@Test
	void theVersionsThisBuildRunsOnAreSupported() {
		assertThat(SupportedVersions.problem(SpringBootVersion.getVersion(),
				AbstractServerConnectionFactory.class.getPackage().getImplementationVersion())).isNull();
	}

	@Test
	void bothSupportedLinesPass() {
		assertThat(SupportedVersions.problem("4.0.7", "7.0.7")).isNull();
		assertThat(SupportedVersions.problem("4.1.2", "7.1.2")).isNull();
	}

	@Test
	void aNewerLineIsNamedInOneSentence() {
		assertThat(SupportedVersions.problem("4.2.0", "7.2.0")).isEqualTo("The TCP drain is built and tested with "
				+ "Spring Boot 4.0 and 4.1 and Spring Integration 7.0 and 7.1, but runs on Spring Boot 4.2.0 and Spring "
				+ "Integration 7.2.0: it relies on internals of Spring Integration's TCP support that may differ, so "
				+ "test your shutdown before you rely on it.");
		assertThat(SupportedVersions.problem("4.1.2", "7.10.0")).isNotNull();
		assertThat(SupportedVersions.problem("4.1.2", null)).isNotNull();
	}

}
