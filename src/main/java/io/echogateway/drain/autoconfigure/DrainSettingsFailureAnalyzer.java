package io.echogateway.drain.autoconfigure;

import io.echogateway.drain.DrainSettingsException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains drain settings that cannot work in one sentence, with the settings to change.
 */
final class DrainSettingsFailureAnalyzer extends AbstractFailureAnalyzer<DrainSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DrainSettingsException cause) {
		return new FailureAnalysis(cause.getMessage() + ".", cause.action(), cause);
	}

}
