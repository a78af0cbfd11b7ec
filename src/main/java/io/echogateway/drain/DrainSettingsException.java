package io.echogateway.drain;

/**
 * Thrown at start-up when the drain's settings cannot work, with the sentence that says what to change.
 */
public final class DrainSettingsException extends RuntimeException {

	private final String action;

	/**
	 * Create an exception for a setting that cannot work.
	 * @param description what is wrong, in one sentence without its full stop
	 * @param action what to change
	 */
	public DrainSettingsException(String description, String action) {
		super(description);
		this.action = action;
	}

	public String action() {
		return this.action;
	}

}
