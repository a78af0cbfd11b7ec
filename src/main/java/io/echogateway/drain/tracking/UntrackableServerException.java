package io.echogateway.drain.tracking;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up for a TCP server that the drain cannot track, with the sentence that says what to change.
 */
public final class UntrackableServerException extends RuntimeException {

	private final String action;

	/**
	 * Create an exception for one server.
	 * @param server the bean name of its connection factory
	 * @param problem why it cannot be tracked, completing "TCP server 'name' ", without a full stop
	 * @param action what to change
	 */
	UntrackableServerException(@Nullable String server, String problem, String action) {
		super("TCP server '" + server + "' " + problem);
		this.action = action;
	}

	public String action() {
		return this.action;
	}

}
