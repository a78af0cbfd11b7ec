package io.echogateway.drain;

import java.time.Duration;

import io.echogateway.drain.state.ServerTraffic;
import io.echogateway.drain.tracking.ConnectionRegistry;
import io.echogateway.drain.tracking.TrackedServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the drain when the application stops, before the web server shuts down and long before Spring Integration
 * stops its TCP servers.
 */
public final class DrainLifecycle implements SmartLifecycle {

	/** The phase of the drain: stopped right before the web server's graceful shutdown, so HTTP answers throughout. */
	public static final int DRAIN_PHASE = WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;

	private static final Log logger = LogFactory.getLog(DrainLifecycle.class);

	private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(10);

	private final Drain drain;

	private final ConnectionRegistry registry;

	private volatile boolean running;

	private final DrainMode mode;

	public DrainLifecycle(Drain drain, ConnectionRegistry registry, DrainMode mode) {
		this.drain = drain;
		this.registry = registry;
		this.mode = mode;
	}

	@Override
	public void start() {
		if (!this.registry.servers().isEmpty()) {
			this.drain.prepare();
		}
		for (TrackedServer server : this.registry.servers()) {
			requireGoodbyeToAwaitClients(server);
			server.awaitListening(LISTEN_TIMEOUT);
		}
		this.running = true;
	}

	private void requireGoodbyeToAwaitClients(TrackedServer server) {
		if (this.mode == DrainMode.AWAIT_CLIENT && server.goodbye() == null) {
			throw new DrainSettingsException("tcp-drain.mode=await-client needs a goodbye, but TCP server '"
					+ server.name() + "' has none", "Give the application a ConnectionNotices bean whose goodbye "
							+ "returns a payload for this server, or use tcp-drain.mode=close-after-reply.");
		}
	}

	@Override
	public void stop() {
		throw new UnsupportedOperationException("Stop must not be invoked directly");
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		if (this.registry.servers().isEmpty() && this.drain.state() == DrainState.ACCEPTING) {
			callback.run();
			return;
		}
		this.drain.start().whenComplete((report, failure) -> {
			if (failure != null) {
				logger.error("The drain failed", failure);
			}
			this.registry.servers().forEach(DrainLifecycle::logTraffic);
			callback.run();
		});
	}

	/**
	 * Log what a server read and wrote, at WARN level where it expects a reply to each request and the two differ.
	 */
	private static void logTraffic(TrackedServer server) {
		ServerTraffic traffic = server.traffic();
		String sentence = "TCP server '" + server.name() + "' read " + traffic.requestsRead() + " requests and wrote "
				+ traffic.repliesWritten() + " replies since it started"
				+ ((traffic.requestsFailed() > 0) ? "; " + traffic.requestsFailed() + " requests failed" : "") + ".";
		if (server.expectsReplies() && traffic.requestsRead() != traffic.repliesWritten()) {
			logger.warn(sentence);
		}
		else {
			logger.info(sentence);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return DRAIN_PHASE;
	}

}
