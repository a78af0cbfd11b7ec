package io.echogateway.drain.state;

import java.nio.charset.StandardCharsets;

/**
 * Counts the bytes of a payload for the traffic counters: byte arrays and text are counted, other types are not.
 */
public final class Payloads {

	private Payloads() {
	}

	/**
	 * Return how many bytes a frame's or a reply's payload holds, as the traffic counts it.
	 */
	public static long size(Object payload) {
		if (payload instanceof byte[] bytes) {
			return bytes.length;
		}
		if (payload instanceof CharSequence text) {
			return text.toString().getBytes(StandardCharsets.UTF_8).length;
		}
		return 0;
	}

}
