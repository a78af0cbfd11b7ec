package io.echogateway.drain.connection;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The private members of Spring Integration the component relies on: present on the version it is built with, and
 * registered for a native image.
 */
class IntegrationInternalsTests {

	@Test
	void everyMemberTheComponentReliesOnIsThere() {
		assertThat(IntegrationInternals.missing()).isEmpty();
		assertThat(IntegrationInternals.canTrack()).isTrue();
		assertThat(IntegrationInternals.canLendReadBuffers()).isTrue();
	}

	@Test
	void everyMemberIsRegisteredForReflectionInANativeImage() {
		RuntimeHints hints = new RuntimeHints();
		new IntegrationInternalsHints().registerHints(hints, getClass().getClassLoader());
		Stream.concat(Stream.concat(IntegrationInternals.FACTORY_FIELDS.stream(),
				IntegrationInternals.ENDPOINT_FIELDS.stream()), Stream.of(IntegrationInternals.READ_BUFFER))
			.forEach((member) -> assertThat(RuntimeHintsPredicates.reflection()
				.onField(ReflectionUtils.findField(member.owner(), member.name()))).as(member.toString())
				.accepts(hints));
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(ReflectionUtils.findMethod(IntegrationInternals.HARVEST.owner(),
					IntegrationInternals.HARVEST.name())))
			.accepts(hints);
	}

}
