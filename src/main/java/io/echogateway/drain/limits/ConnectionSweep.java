package io.echogateway.drain.limits;

import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;

import io.echogateway.drain.connection.CloseReason;
import io.echogateway.drain.state.ConnectionState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Goes over one server's connections at a fixed interval: closes those idle for too long and those whose write has
 * waited too long for the client, and lets the factory forget the connections that have closed.
 */
public final class ConnectionSweep implements Runnable {

	private static final Log logger = LogFactory.getLog(ConnectionSweep.class);

	private static final Duration MIN_INTERVAL = Duration.ofMillis(10);

	private static final Duration MAX_INTERVAL = Duration.ofSeconds(1);

	/** How often the factory is asked to forget closed connections; each time costs a pass over its table. */
	private static final Duration HARVEST_INTERVAL = Duration.ofSeconds(1);

	private final String serverName;

	private final ServerLimits limits;

	private final ClientWarnings warnings;

	private final Supplier<Collection<? extends SweptConnection>> connections;

	private final Runnable forgetClosedConnections;

	private long nextHarvestNanos = System.nanoTime();

	/**
	 * Create the sweep of one server.
	 * @param serverName the server's name, for a log line
	 * @param limits the server's limits
	 * @param warnings where the server's warnings about clients go
	 * @param connections the server's open connections
	 * @param forgetClosedConnections lets the server's factory drop the connections that have closed from its table
	 */
	public ConnectionSweep(String serverName, ServerLimits limits, ClientWarnings warnings,
			Supplier<Collection<? extends SweptConnection>> connections, Runnable forgetClosedConnections) {
		this.serverName = serverName;
		this.limits = limits;
		this.warnings = warnings;
		this.connections = connections;
		this.forgetClosedConnections = forgetClosedConnections;
	}

	/**
	 * Return how often to sweep: a tenth of the shorter timeout, within 10 ms and 1 s.
	 */
	public Duration interval() {
		ServerLimits limits = this.limits;
		Duration shorter = (limits.idleTimeout().compareTo(limits.sendTimeout()) < 0) ? limits.idleTimeout()
				: limits.sendTimeout();
		return Duration.ofMillis(Math.clamp(shorter.toMillis() / 10, MIN_INTERVAL.toMillis(), MAX_INTERVAL.toMillis()));
	}

	@Override
	public void run() {
		try {
			for (SweptConnection connection : this.connections.get()) {
				closeIfStuck(connection, this.limits);
			}
			forgetClosedConnections();
		}
		catch (RuntimeException ex) {
			logger.error("Could not sweep the connections of TCP server '" + this.serverName + "'", ex);
		}
	}

	private void closeIfStuck(SweptConnection connection, ServerLimits limits) {
		ConnectionState state = connection.state();
		if (state.writes().pendingLongerThan(limits.sendTimeout())) {
			if (connection.closeNow(CloseReason.SEND_TIMEOUT)) {
				this.warnings
					.warn("were closed because the client did not read a reply for longer than "
							+ Durations.readable(limits.sendTimeout()), "Closed connection " + connection.describe()
									+ ": a reply could not be written within " + Durations.readable(limits.sendTimeout())
									+ ", the client does not read.");
			}
		}
		else if (state.inFlight() == 0 && state.idleFor().compareTo(limits.idleTimeout()) > 0
				&& connection.closeNow(CloseReason.IDLE_TIMEOUT)) {
			this.warnings
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
			this.forgetClosedConnections.run();
		}
	}

}
