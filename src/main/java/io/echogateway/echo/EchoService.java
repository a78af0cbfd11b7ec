package io.echogateway.echo;

import java.time.Duration;

/**
 * Answers each request with its own bytes, after the configured processing delay.
 */
final class EchoService {

	private final Duration delay;

	EchoService(Duration delay) {
		this.delay = delay;
	}

	byte[] echo(byte[] request) {
		if (this.delay.isPositive()) {
			simulateSlowBackend();
		}
		return request;
	}

	private void simulateSlowBackend() {
		try {
			Thread.sleep(this.delay);
		}
		catch (InterruptedException ex) {
			// An interrupt only cuts the simulated delay short: the request is still answered.
			Thread.currentThread().interrupt();
		}
	}

}
