package io.echogateway.connection;

/**
 * Why a new connection was turned away; the value is the {@code reason} tag of the rejected counter.
 */
public enum RejectReason {

	/** The server already held the most connections it may. */
	LIMIT("limit", "the connection limit is reached", "ERR server busy"),

	/** The server was draining. */
	DRAINING("draining", "the server is draining", "ERR server draining");

	private final String tag;

	private final String sentence;

	private final String reply;

	RejectReason(String tag, String sentence, String reply) {
		this.tag = tag;
		this.sentence = sentence;
		this.reply = reply;
	}

	/**
	 * Return the tag value of this reason.
	 * @return the tag value
	 */
	public String tag() {
		return this.tag;
	}

	String sentence() {
		return this.sentence;
	}

	String reply() {
		return this.reply;
	}

}
