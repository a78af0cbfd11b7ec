package io.echogateway.drain;

import java.util.Locale;

/**
 * How the drain closes a connection that is open when it reaches it.
 */
public enum DrainMode {

	/** Close it when idle: at once, or right after the reply to its last request; a goodbye, if any, comes last. */
	CLOSE_AFTER_REPLY,

	/** Send the goodbye at once, keep serving, and let the client close it after its last reply, until the deadline. */
	AWAIT_CLIENT;

	/**
	 * Return the value as it is written in the settings, which start-up errors list.
	 * @return the setting value, such as {@code await-client}
	 */
	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
