package io.echogateway.drain.integration;

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
	}

	@Test
	void everyMemberIsRegisteredForReflectionInANativeImage() {
		RuntimeHints hints = new RuntimeHints();
		new IntegrationInternalsHints().registerHints(hints, getClass().getClassLoader());
		IntegrationInternals.fields()
			.forEach((member) -> assertThat(RuntimeHintsPredicates.reflection()
				.onField(ReflectionUtils.findField(member.owner(), member.name()))).as(member.toString())
				.accepts(hints));
		IntegrationInternals.methods()
			.forEach((member) -> assertThat(RuntimeHintsPredicates.reflection()
				.onMethodInvocation(ReflectionUtils.findMethod(member.owner(), member.name()))).as(member.toString())
				.accepts(hints));
	}

}
