package io.echogateway.drain.connection;

/**
 * Why a new connection was turned away; the value is the {@code reason} tag of the rejected counter.
 */
public enum RejectReason {

	/** The server already held the most connections it may. */
	LIMIT("limit", "the connection limit is reached"),

	/** The server was draining. */
	DRAINING("draining", "the server is draining");

	private final String tag;

	private final String sentence;

	RejectReason(String tag, String sentence) {
		this.tag = tag;
		this.sentence = sentence;
	}

	/**
	 * Return the tag value of this reason.
	 * @return the tag value
	 */
	public String tag() {
		return this.tag;
	}

	/**
	 * Say why the connection was turned away, completing "turned away because ".
	 */
	public String sentence() {
		return this.sentence;
	}

}
