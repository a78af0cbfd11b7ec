package io.echogateway.drain.connection;

import java.nio.charset.StandardCharsets;

/**
 * Counts the bytes of a payload for the traffic counters: byte arrays and text are counted, other types are not.
 */
final class Payloads {

	private Payloads() {
	}

	static long size(Object payload) {
		if (payload instanceof byte[] bytes) {
			return bytes.length;
		}
		if (payload instanceof CharSequence text) {
			return text.toString().getBytes(StandardCharsets.UTF_8).length;
		}
		return 0;
	}

}
