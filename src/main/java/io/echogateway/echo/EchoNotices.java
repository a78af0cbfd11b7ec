package io.echogateway.echo;

import java.nio.charset.StandardCharsets;

import io.echogateway.drain.connection.ConnectionNotices;
import io.echogateway.drain.connection.RejectReason;
import org.jspecify.annotations.Nullable;

/**
 * The echo protocol's own lines: {@code ERR server busy} or {@code ERR server draining} to a connection turned away,
 * and the configured goodbye line to one the drain closes.
 */
final class EchoNotices implements ConnectionNotices {

	private final byte @Nullable [] goodbye;

	EchoNotices(String goodbye) {
		this.goodbye = goodbye.isEmpty() ? null : goodbye.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public Object rejection(String server, RejectReason reason) {
		String line = switch (reason) {
			case LIMIT -> "ERR server busy";
			case DRAINING -> "ERR server draining";
		};
		return line.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public byte @Nullable [] goodbye(String server) {
		return this.goodbye;
	}

}
