package io.echogateway.drain.connection;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Goes over one server's connections at a fixed interval: closes those idle for too long and those whose write has
 * waited too long for the client, and lets the factory forget the connections that have closed.
 */
final class ConnectionSweep implements Runnable {

	private static final Log logger = LogFactory.getLog(ConnectionSweep.class);

	private static final Duration MIN_INTERVAL = Duration.ofMillis(10);

	private static final Duration MAX_INTERVAL = Duration.ofSeconds(1);

	private final TrackedServer server;

	/** How often the factory is asked to forget closed connections; each time costs a pass over its table. */
	private static final Duration HARVEST_INTERVAL = Duration.ofSeconds(1);

	private long nextHarvestNanos = System.nanoTime();

	ConnectionSweep(TrackedServer server) {
		this.server = server;
	}

	/**
	 * Return how often to sweep: a tenth of the shorter timeout, within 10 ms and 1 s.
	 */
	Duration interval() {
		ServerLimits limits = this.server.limits();
		Duration shorter = (limits.idleTimeout().compareTo(limits.sendTimeout()) < 0) ? limits.idleTimeout()
				: limits.sendTimeout();
		return Duration.ofMillis(Math.clamp(shorter.toMillis() / 10, MIN_INTERVAL.toMillis(), MAX_INTERVAL.toMillis()));
	}

	@Override
	public void run() {
		try {
			ServerLimits limits = this.server.limits();
			for (TrackingInterceptor connection : this.server.trackedConnections()) {
				closeIfStuck(connection, limits);
			}
			forgetClosedConnections();
		}
		catch (RuntimeException ex) {
			logger.error("Could not sweep the connections of TCP server '" + this.server.name() + "'", ex);
		}
	}

	private void closeIfStuck(TrackingInterceptor connection, ServerLimits limits) {
		ConnectionState state = connection.state();
		if (state.writes().pendingLongerThan(limits.sendTimeout())) {
			if (connection.closeNow(CloseReason.SEND_TIMEOUT)) {
				this.server.warnings()
					.warn("were closed because the client did not read a reply for longer than "
							+ Durations.readable(limits.sendTimeout()), "Closed connection " + connection.describe()
									+ ": a reply could not be written within " + Durations.readable(limits.sendTimeout())
									+ ", the client does not read.");
			}
		}
		else if (state.inFlight() == 0 && state.idleFor().compareTo(limits.idleTimeout()) > 0
				&& connection.closeNow(CloseReason.IDLE_TIMEOUT)) {
			this.server.warnings()
				.warn("were closed after being idle for longer than " + Durations.readable(limits.idleTimeout()),
						"Closed connection " + connection.describe() + ": idle for longer than "
								+ Durations.readable(limits.idleTimeout()) + ".");
		}
	}

	/**
	 * Let the factory drop closed connections from its own table once a second, which it otherwise only does when it
	 * accepts.
	 */
	private void forgetClosedConnections() {
		long now = System.nanoTime();
		if (now - this.nextHarvestNanos >= 0) {
			this.nextHarvestNanos = now + HARVEST_INTERVAL.toNanos();
			this.server.parts().harvestClosedConnections();
		}
	}

}
