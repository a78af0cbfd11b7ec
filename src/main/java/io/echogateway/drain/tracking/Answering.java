package io.echogateway.drain.tracking;

import io.echogateway.drain.limits.ExpectedReplies;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.inbound.TcpInboundGateway;

/**
 * When a request read by one server counts as done, decided by what serves the server's connections.
 */
enum Answering {

	/** An inbound gateway: the reply is written before the gateway returns, or the request failed. */
	BEFORE_RETURN("answers each request through its inbound gateway"),

	/** Collaborating channel adapters: the request is done when its reply is written, whenever that is. */
	BY_LATER_REPLY("answers each request through its outbound channel adapter"),

	/** No reply expected: the request is done when it was handed to the flow. */
	NOT_EXPECTED("expects no replies");

	private final String sentence;

	Answering(String sentence) {
		this.sentence = sentence;
	}

	/**
	 * Return how the server answers, completing "TCP server 'name' ".
	 */
	String sentence() {
		return this.sentence;
	}

	/**
	 * Decide how a factory's requests are answered from its listener and senders, now that its endpoints are set.
	 */
	static Answering of(AbstractServerConnectionFactory factory, ExpectedReplies expected) {
		if (factory.getListener() instanceof TcpInboundGateway) {
			return BEFORE_RETURN;
		}
		return (expected == ExpectedReplies.NONE || factory.getSenders().isEmpty()) ? NOT_EXPECTED : BY_LATER_REPLY;
	}

}
