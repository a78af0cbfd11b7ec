package io.echogateway.drain;

/**
 * The outcome of a drain.
 */
public enum DrainResult {

	/** No connection was open when the listener closed. */
	IDLE,

	/** Every connection was closed gracefully: idle ones at once, busy ones right after their reply. */
	DRAINED,

	/** The deadline passed and some connections were force-closed with requests in flight. */
	FORCED

}
