package io.echogateway.drain;

import io.echogateway.drain.tracking.ConnectionRegistry;
import io.echogateway.drain.tracking.TrackedServer;

import org.springframework.context.SmartLifecycle;

/**
 * Checks that no other process holds a TCP server's port before any server starts, so that a port in use fails the
 * start with one sentence instead of Spring Integration's stack trace.
 */
public final class PortCheckLifecycle implements SmartLifecycle {

	/** The phase of the check: the first of all, because a server may start with any bean that depends on it. */
	public static final int PORT_CHECK_PHASE = Integer.MIN_VALUE;

	private final ConnectionRegistry registry;

	private volatile boolean running;

	public PortCheckLifecycle(ConnectionRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void start() {
		this.registry.servers().forEach(TrackedServer::requireFreePort);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PORT_CHECK_PHASE;
	}

}
