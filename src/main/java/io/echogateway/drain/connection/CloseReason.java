package io.echogateway.drain.connection;

/**
 * Why the server or the client closed a connection; the value is the {@code reason} tag of the closed counter.
 */
public enum CloseReason {

	/** The client closed or reset the connection. */
	CLIENT("client"),

	/** The client closed or half-closed the connection after the drain told it goodbye and kept serving it. */
	CLIENT_AFTER_GOODBYE("client-after-goodbye"),

	/** The connection sent nothing and waited for no reply for longer than the idle timeout. */
	IDLE_TIMEOUT("idle-timeout"),

	/** A drain closed the connection when it was idle or right after its last reply. */
	DRAIN("drain"),

	/** A reply could not be written within the send timeout, because the client does not read. */
	SEND_TIMEOUT("send-timeout"),

	/** The drain deadline passed while the connection was still busy. */
	FORCED("forced"),

	/** The client sent a frame longer than the frame size limit. */
	OVERSIZE("oversize"),

	/** An operator closed the connection through the admin endpoint. */
	ADMIN("admin"),

	/** Reading, writing or framing failed for a reason other than the client closing. */
	ERROR("error");

	private final String tag;

	CloseReason(String tag) {
		this.tag = tag;
	}

	/**
	 * Return the tag value of this reason.
	 * @return the tag value
	 */
	public String tag() {
		return this.tag;
	}

}
