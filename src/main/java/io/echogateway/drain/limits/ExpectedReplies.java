package io.echogateway.drain.limits;


/**
 * How many replies a server served by channel adapters owes each request; a server served by an inbound gateway owes
 * one, written before the gateway returns.
 */
public enum ExpectedReplies {

	/** One reply per request, written by an outbound channel adapter on the same factory, at any time. */
	EVERY_REQUEST,

	/** None: a request is done once it was handed to the flow, for protocols that do not answer every frame. */
	NONE

}
