package io.echogateway.drain.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a drain that would not fit in the shutdown phase in one sentence, with the settings to change.
 */
final class DrainTimeoutFailureAnalyzer extends AbstractFailureAnalyzer<DrainTimeoutException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DrainTimeoutException cause) {
		return new FailureAnalysis(cause.getMessage() + ".", "Shorten echo-gateway.drain.grace-period or "
				+ "echo-gateway.drain.timeout, or raise spring.lifecycle.timeout-per-shutdown-phase.", cause);
	}

}
