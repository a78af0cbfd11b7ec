package io.echogateway.drain.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.echogateway.drain.connection.CloseReason;
import io.echogateway.drain.connection.RejectReason;
import io.echogateway.drain.state.ConnectionState;
import io.echogateway.drain.tracking.ConnectionRegistry;
import io.echogateway.drain.tracking.TrackedServer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * Lists the open TCP connections of every server with their counters, and closes one on request where the
 * application allows it ({@code management.endpoint.connections.access=unrestricted}).
 */
@WebEndpoint(id = "connections", defaultAccess = Access.READ_ONLY)
public class ConnectionsEndpoint {

	private final ConnectionRegistry registry;

	public ConnectionsEndpoint(ConnectionRegistry registry) {
		this.registry = registry;
	}

	@ReadOperation
	public ConnectionsDescriptor connections() {
		List<TrackedServer> servers = List.copyOf(this.registry.servers());
		return new ConnectionsDescriptor(servers.stream().map(ServerDescriptor::of).toList(),
				servers.stream()
					.flatMap((server) -> server.connections().stream().map((state) -> ConnectionDescriptor.of(server, state)))
					.toList());
	}

	@ReadOperation
	public WebEndpointResponse<Object> connection(@Selector String id) {
		return find(id).<WebEndpointResponse<Object>>map((found) -> new WebEndpointResponse<>(found.descriptor()))
			.orElseGet(() -> notFound(id));
	}

	@DeleteOperation
	public WebEndpointResponse<Object> close(@Selector String id) {
		return find(id).<WebEndpointResponse<Object>>map((found) -> {
			boolean closedNow = found.server().closeGracefully(id, CloseReason.ADMIN, false);
			return new WebEndpointResponse<>(new ClosingDescriptor(id,
					closedNow ? "closed" : "closing after its replies in flight"));
		}).orElseGet(() -> notFound(id));
	}

	private Optional<Found> find(String id) {
		for (TrackedServer server : this.registry.servers()) {
			Optional<ConnectionState> state = server.connection(id);
			if (state.isPresent()) {
				return Optional.of(new Found(server, state.get()));
			}
		}
		return Optional.empty();
	}

	private static WebEndpointResponse<Object> notFound(String id) {
		return new WebEndpointResponse<>(new ProblemDescriptor("No open connection has the id '" + id + "'."),
				WebEndpointResponse.STATUS_NOT_FOUND);
	}

	private record Found(TrackedServer server, ConnectionState state) {

		ConnectionDescriptor descriptor() {
			return ConnectionDescriptor.of(this.server, this.state);
		}

	}

	/**
	 * Every server's counts and every open connection.
	 *
	 * @param servers one summary per TCP server
	 * @param connections one row per open connection
	 */
	public record ConnectionsDescriptor(List<ServerDescriptor> servers, List<ConnectionDescriptor> connections) {

	}

	/**
	 * The counts of one TCP server since it started.
	 *
	 * @param name the connection factory's bean name
	 * @param port the port it listens on, or listened on
	 * @param listening whether its listener is open
	 * @param open connections open now
	 * @param requestsInFlight requests read and not yet answered
	 * @param accepted connections accepted
	 * @param rejected connections turned away, by reason
	 * @param closed connections closed, by reason
	 */
	public record ServerDescriptor(String name, int port, boolean listening, int open, int requestsInFlight,
			long accepted, RejectedCounts rejected, ClosedCounts closed) {

		static ServerDescriptor of(TrackedServer server) {
			return new ServerDescriptor(server.name(), server.port(), server.isListening(), server.openConnections(),
					server.requestsInFlight(), server.accepted(),
					new RejectedCounts(server.rejected(RejectReason.LIMIT), server.rejected(RejectReason.DRAINING)),
					new ClosedCounts(server.closed(CloseReason.CLIENT), server.closed(CloseReason.CLIENT_AFTER_GOODBYE),
							server.closed(CloseReason.IDLE_TIMEOUT),
							server.closed(CloseReason.SEND_TIMEOUT), server.closed(CloseReason.DRAIN),
							server.closed(CloseReason.FORCED),
							server.closed(CloseReason.OVERSIZE), server.closed(CloseReason.ADMIN),
							server.closed(CloseReason.ERROR)));
		}

	}

	/**
	 * Connections turned away.
	 *
	 * @param limit because the connection limit was reached
	 * @param draining because the server was draining
	 */
	public record RejectedCounts(long limit, long draining) {

	}

	/**
	 * Connections closed.
	 *
	 * @param client by the client
	 * @param clientAfterGoodbye by the client after the drain told it goodbye
	 * @param idleTimeout after the idle timeout
	 * @param sendTimeout after a reply waited longer than the send timeout for the client to read
	 * @param drain by a drain, gracefully
	 * @param forced at a drain's deadline
	 * @param oversize after a frame over the size limit
	 * @param admin through this endpoint
	 * @param error after a read, write or framing error
	 */
	public record ClosedCounts(long client, long clientAfterGoodbye, long idleTimeout, long sendTimeout, long drain, long forced, long oversize, long admin,
			long error) {

	}

	/**
	 * One open connection.
	 *
	 * @param id the connection id, used in {@code /actuator/connections/{id}}
	 * @param server the connection factory's bean name
	 * @param port the server port it arrived on
	 * @param remoteAddress the client's address and port
	 * @param openedAt when it was accepted
	 * @param lastActivity when a frame last started or was read, or a reply was written
	 * @param framesIn frames read
	 * @param framesOut replies written
	 * @param bytesIn payload bytes read
	 * @param bytesOut payload bytes written
	 * @param requestsInFlight requests read and not yet answered
	 * @param partialFrame whether a frame is partly read
	 * @param tlsProtocol the TLS protocol negotiated, once a frame arrived; {@code null} for plain TCP
	 * @param tlsCipher the TLS cipher suite negotiated, once a frame arrived; {@code null} for plain TCP
	 */
	public record ConnectionDescriptor(String id, String server, int port, String remoteAddress, Instant openedAt,
			Instant lastActivity, long framesIn, long framesOut, long bytesIn, long bytesOut, int requestsInFlight,
			boolean partialFrame, @Nullable String tlsProtocol, @Nullable String tlsCipher) {

		static ConnectionDescriptor of(TrackedServer server, ConnectionState state) {
			return new ConnectionDescriptor(state.id(), server.name(), server.port(), state.remoteAddress(),
					state.openedAt(), state.lastActivity(), state.framesIn(), state.framesOut(), state.bytesIn(),
					state.bytesOut(), state.inFlight(), state.partialFrame(), state.tlsProtocol(), state.tlsCipher());
		}

	}

	/**
	 * What a close request did.
	 *
	 * @param id the connection id
	 * @param outcome {@code closed}, or {@code closing after its replies in flight}
	 */
	public record ClosingDescriptor(String id, String outcome) {

	}

}
