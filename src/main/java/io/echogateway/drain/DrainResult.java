package io.echogateway.drain;

/**
 * The outcome of a drain.
 */
public enum DrainResult {

	/** No connection was open when the listener closed. */
	IDLE,

	/** Every connection was closed gracefully, idle ones at once and busy ones right after their reply, and every request read was answered. */
	DRAINED,

	/**
	 * Every connection closed before the deadline, but some requests read during the drain got no reply: their flow
	 * failed, or their connection closed first (its client, a send timeout, an operator).
	 */
	INCOMPLETE,

	/** The deadline passed and some connections were force-closed with requests in flight. */
	FORCED

}
