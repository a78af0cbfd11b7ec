package io.echogateway.drain.connection;

import org.jspecify.annotations.Nullable;

/**
 * What a tracked server writes on its own, in the application's protocol: a payload that goes through the server's
 * mapper and serializer like a reply, or {@code null} to write nothing. Without a bean of this type nothing is written.
 */
public interface ConnectionNotices {

	/** Writes nothing: connections are turned away and drained without a word. */
	ConnectionNotices NONE = new ConnectionNotices() {
	};

	/**
	 * Return what a connection that is turned away receives before it is closed.
	 * @param server the bean name of the server connection factory
	 * @param reason why it is turned away
	 * @return the payload, or {@code null} for none
	 */
	default @Nullable Object rejection(String server, RejectReason reason) {
		return null;
	}

	/**
	 * Return what a connection receives last before the drain closes it gracefully.
	 * @param server the bean name of the server connection factory
	 * @return the payload, or {@code null} for none
	 */
	default @Nullable Object goodbye(String server) {
		return null;
	}

}
