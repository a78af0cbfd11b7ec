package io.echogateway.drain.integration;


import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ReflectionUtils;

/**
 * The reflection a GraalVM native image of a consumer needs for the private members of Spring Integration that
 * {@link IntegrationInternals} reaches.
 */
public final class IntegrationInternalsHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		IntegrationInternals.fields()
			.map(IntegrationInternals.Member::field)
			.filter((field) -> field != null)
			.forEach((field) -> hints.reflection().registerField(field));
		IntegrationInternals.methods()
			.map((member) -> ReflectionUtils.findMethod(member.owner(), member.name()))
			.filter((method) -> method != null)
			.forEach((method) -> hints.reflection().registerMethod(method, ExecutableMode.INVOKE));
	}

}
