package io.echogateway.drain.autoconfigure;

/**
 * Thrown at start-up when the drain would not fit in the time Spring gives one shutdown phase.
 */
public final class DrainTimeoutException extends RuntimeException {

	DrainTimeoutException(String message) {
		super(message);
	}

}
