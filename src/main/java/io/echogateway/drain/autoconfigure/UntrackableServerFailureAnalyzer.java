package io.echogateway.drain.autoconfigure;

import io.echogateway.drain.tracking.UntrackableServerException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains in one sentence a TCP server that the drain cannot track, with what to change.
 */
final class UntrackableServerFailureAnalyzer extends AbstractFailureAnalyzer<UntrackableServerException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UntrackableServerException cause) {
		return new FailureAnalysis(cause.getMessage() + ".", cause.action(), cause);
	}

}
