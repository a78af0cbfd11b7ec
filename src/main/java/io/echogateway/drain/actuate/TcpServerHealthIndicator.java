package io.echogateway.drain.actuate;

import io.echogateway.drain.Drain;
import io.echogateway.drain.DrainState;
import io.echogateway.drain.tracking.ConnectionRegistry;
import io.echogateway.drain.tracking.TrackedServer;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the TCP servers: up while every listener is open, out of service while drained, down if a listener failed.
 */
public class TcpServerHealthIndicator extends AbstractHealthIndicator {

	private final ConnectionRegistry registry;

	private final Drain drain;

	public TcpServerHealthIndicator(ConnectionRegistry registry, Drain drain) {
		super("The TCP server health check failed");
		this.registry = registry;
		this.drain = drain;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		DrainState drainState = this.drain.state();
		boolean allListening = true;
		for (TrackedServer server : this.registry.servers()) {
			allListening &= server.isListening();
			builder.withDetail(server.name(), new ServerHealth(server.port(), server.isListening(),
					server.openConnections()));
		}
		builder.withDetail("drain", drainState);
		if (drainState != DrainState.ACCEPTING) {
			builder.outOfService();
		}
		else if (allListening) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	/**
	 * One server's part of the health.
	 *
	 * @param port the port it listens on, or listened on
	 * @param listening whether its listener is open
	 * @param openConnections connections open now
	 */
	record ServerHealth(int port, boolean listening, int openConnections) {

	}

}
