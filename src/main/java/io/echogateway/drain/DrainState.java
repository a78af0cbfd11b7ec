package io.echogateway.drain;

/**
 * Where the drain stands.
 */
public enum DrainState {

	/** The listeners are open and readiness accepts traffic. */
	ACCEPTING,

	/** A drain is running. */
	DRAINING,

	/** A drain has finished; the listeners stay closed until it is undone. */
	DRAINED

}
