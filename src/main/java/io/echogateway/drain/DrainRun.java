package io.echogateway.drain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import io.echogateway.drain.DrainReport.ForcedConnection;
import io.echogateway.drain.connection.CloseReason;
import io.echogateway.drain.state.ConnectionState;
import io.echogateway.drain.state.UnansweredClose;
import io.echogateway.drain.tracking.TrackedServer;

/**
 * One drain of a set of servers, step by step: wait out the grace period, close the listeners, close connections
 * gracefully, force the rest at the deadline, and report.
 */
final class DrainRun {

	/** The reasons for closing that the report counts in fields of their own. */
	private static final Set<CloseReason> ACCOUNTED = EnumSet.of(CloseReason.DRAIN, CloseReason.CLIENT_AFTER_GOODBYE,
			CloseReason.FORCED);

	/** How long the report waits for forced closes to finish; they do not wait for clients. */
	static final Duration FORCED_CLOSE_WAIT = Duration.ofMillis(500);

	private final Collection<TrackedServer> servers;

	private final DrainSettings settings;

	private final Duration timeout;

	DrainRun(Collection<TrackedServer> servers, DrainSettings settings, Duration timeout) {
		this.servers = servers;
		this.settings = settings;
		this.timeout = timeout;
	}

	DrainReport run() {
		Instant startedAt = Instant.now();
		long start = System.nanoTime();
		pauseUntil(start + this.settings.gracePeriod().toNanos());
		Map<TrackedServer, TrackedServer.Census> censuses = closeListeners();
		List<OpenConnection> open = new ArrayList<>();
		censuses.forEach((server, census) -> census.open()
			.forEach((state) -> open.add(new OpenConnection(server, state))));
		Outcomes before = Outcomes.of(censuses.values(), this.servers);
		long deadline = System.nanoTime() + this.timeout.toNanos();
		Set<String> closedIdleIds = (this.settings.mode() == DrainMode.AWAIT_CLIENT) ? awaitClients(open)
				: closeGracefully(open);
		List<ForcedConnection> forced = awaitClosedOrForce(deadline);
		forced.forEach((connection) -> closedIdleIds.remove(connection.id()));
		int closedIdle = closedIdleIds.size();
		Outcomes during = Outcomes.of(this.servers).since(before);
		List<UnansweredClose> unanswered = new ArrayList<>();
		for (TrackedServer server : this.servers) {
			server.recordLosses(false);
			unanswered.addAll(server.losses());
		}
		Map<String, Integer> closedOtherwise = new TreeMap<>();
		during.closed().forEach((reason, count) -> {
			if (count > 0 && !ACCOUNTED.contains(reason)) {
				closedOtherwise.put(reason.tag(), count);
			}
		});
		DrainResult result = result(open.isEmpty(), forced, during.failedRequests(), unanswered);
		return new DrainReport(result, startedAt, Duration.ofNanos(System.nanoTime() - start), open.size(),
				closedIdle, during.closed(CloseReason.DRAIN) - closedIdle, during.closed(CloseReason.CLIENT_AFTER_GOODBYE),
				closedOtherwise, forced, during.failedRequests(), unanswered);
	}

	private static DrainResult result(boolean nothingOpen, List<ForcedConnection> forced, int failedRequests,
			List<UnansweredClose> unanswered) {
		if (!forced.isEmpty()) {
			return DrainResult.FORCED;
		}
		if (failedRequests > 0 || !unanswered.isEmpty()) {
			return DrainResult.INCOMPLETE;
		}
		return nothingOpen ? DrainResult.IDLE : DrainResult.DRAINED;
	}

	/**
	 * Tell every connection goodbye and leave the close to its client; none is closed as idle.
	 */
	private Set<String> awaitClients(List<OpenConnection> open) {
		open.forEach(OpenConnection::awaitClient);
		return new HashSet<>();
	}

	/**
	 * Close every listener and take each server's census: the connections open and the closes counted, together, so
	 * that a connection that closes meanwhile is counted before the drain or in its report, never in neither.
	 */
	private Map<TrackedServer, TrackedServer.Census> closeListeners() {
		Map<TrackedServer, TrackedServer.Census> censuses = new LinkedHashMap<>();
		for (TrackedServer server : this.servers) {
			server.refuseNewConnections(true);
			server.recordLosses(true);
			server.closeListener();
			censuses.put(server, server.census());
		}
		return censuses;
	}

	/**
	 * Mark busy connections to close after their reply, then close idle ones, spread over the close spread; return the
	 * ids of those closed as idle.
	 */
	private Set<String> closeGracefully(List<OpenConnection> open) {
		Map<Boolean, List<OpenConnection>> byIdle = open.stream()
			.collect(Collectors.partitioningBy((connection) -> connection.state().isIdle()));
		Set<String> closedIdle = new HashSet<>();
		for (OpenConnection busy : byIdle.get(false)) {
			if (busy.close()) {
				closedIdle.add(busy.state().id());
			}
		}
		List<OpenConnection> idle = byIdle.get(true)
			.stream()
			.sorted(Comparator.comparing(OpenConnection::lastActivity))
			.toList();
		long spreadStart = System.nanoTime();
		for (int i = 0; i < idle.size(); i++) {
			pauseUntil(spreadStart + this.settings.closeSpread().toNanos() * i / idle.size());
			if (idle.get(i).close()) {
				closedIdle.add(idle.get(i).state().id());
			}
		}
		return closedIdle;
	}

	/**
	 * Wait for the connections to close until the deadline, then force the rest, a graceful close stuck on its goodbye
	 * included, and give their closes, which run on threads of their own, a moment to finish, so that the report comes
	 * after them; a connection that closed by itself meanwhile is not counted as forced.
	 */
	private List<ForcedConnection> awaitClosedOrForce(long deadline) {
		List<ForcedConnection> forced = new ArrayList<>();
		for (TrackedServer server : this.servers) {
			if (!awaitNoConnections(server, deadline)) {
				for (ConnectionState state : server.connections()) {
					ForcedConnection connection = new ForcedConnection(state.id(), state.remoteAddress(),
							state.requestAge());
					if (server.closeNow(state.id(), CloseReason.FORCED)) {
						forced.add(connection);
					}
				}
				awaitNoConnections(server, System.nanoTime() + FORCED_CLOSE_WAIT.toNanos());
			}
		}
		return forced;
	}

	private static boolean awaitNoConnections(TrackedServer server, long deadline) {
		try {
			return server.awaitNoConnections(deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void pauseUntil(long nanoTime) {
		long left = nanoTime - System.nanoTime();
		while (left > 0 && !Thread.currentThread().isInterrupted()) {
			LockSupport.parkNanos(left);
			left = nanoTime - System.nanoTime();
		}
	}

	/**
	 * A connection open when the listeners closed, with its last activity captured then, since sorting by a value that
	 * changes during the sort breaks the sort.
	 */
	private record OpenConnection(TrackedServer server, ConnectionState state, Instant lastActivity) {

		OpenConnection(TrackedServer server, ConnectionState state) {
			this(server, state, state.lastActivity());
		}

		boolean close() {
			return this.server.closeGracefully(this.state.id(), CloseReason.DRAIN, true);
		}

		void awaitClient() {
			this.server.awaitClient(this.state.id());
		}

	}

	/**
	 * The closes by reason and the failed requests of a set of servers, counted.
	 */
	private record Outcomes(Map<CloseReason, Integer> closed, int failedRequests) {

		static Outcomes of(Collection<TrackedServer> servers) {
			return of(servers.stream().map(TrackedServer::census).toList(), servers);
		}

		static Outcomes of(Collection<TrackedServer.Census> censuses, Collection<TrackedServer> servers) {
			Map<CloseReason, Integer> closed = new EnumMap<>(CloseReason.class);
			for (CloseReason reason : CloseReason.values()) {
				closed.put(reason, (int) censuses.stream().mapToLong((census) -> census.closed().get(reason)).sum());
			}
			return new Outcomes(closed, (int) servers.stream()
				.mapToLong((server) -> server.traffic().requestsFailed())
				.sum());
		}

		Outcomes since(Outcomes before) {
			Map<CloseReason, Integer> delta = new EnumMap<>(CloseReason.class);
			this.closed.forEach((reason, count) -> delta.put(reason, count - before.closed.get(reason)));
			return new Outcomes(delta, this.failedRequests - before.failedRequests);
		}

		int closed(CloseReason reason) {
			return this.closed.get(reason);
		}

	}

}
