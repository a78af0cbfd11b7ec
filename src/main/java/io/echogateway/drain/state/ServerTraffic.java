package io.echogateway.drain.state;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * The requests and bytes one TCP server has read and written since it started, over all its connections.
 */
public final class ServerTraffic {

	private final LongAdder requestsRead = new LongAdder();

	private final LongAdder repliesWritten = new LongAdder();

	private final LongAdder requestsFailed = new LongAdder();

	private final LongAdder requestsWithoutReply = new LongAdder();

	private final LongAdder requestsUnansweredAtClose = new LongAdder();

	private final LongAdder bytesIn = new LongAdder();

	private final LongAdder bytesOut = new LongAdder();

	private volatile LongConsumer latencyObserver = (nanos) -> {
	};

	private volatile LongConsumer failureObserver = (nanos) -> {
	};

	public long requestsRead() {
		return this.requestsRead.sum();
	}

	/**
	 * Return how many replies were written that answered a request still owed one: a reply that lost a race with its
	 * connection's close, which counted its request unanswered, is not counted again here.
	 * @return the count
	 */
	public long repliesWritten() {
		return this.repliesWritten.sum();
	}

	/**
	 * Return how many requests failed: their flow threw, or it returned no reply, so they got none.
	 * @return the count
	 */
	public long requestsFailed() {
		return this.requestsFailed.sum();
	}

	/**
	 * Return how many requests needed no reply: frames the protocol refused, and requests of a server that expects no
	 * replies.
	 * @return the count
	 */
	public long requestsWithoutReply() {
		return this.requestsWithoutReply.sum();
	}

	/**
	 * Return how many requests were still in flight when their connection closed, forced or not.
	 * @return the count
	 */
	public long requestsUnansweredAtClose() {
		return this.requestsUnansweredAtClose.sum();
	}

	public long bytesIn() {
		return this.bytesIn.sum();
	}

	public long bytesOut() {
		return this.bytesOut.sum();
	}

	/**
	 * Observe how long each request took from being read to its reply being written.
	 * @param observer receives each request's latency in nanoseconds
	 */
	public void observeLatency(LongConsumer observer) {
		this.latencyObserver = observer;
	}

	/**
	 * Observe how long each failed request took from being read to its failure.
	 * @param observer receives each failed request's time in nanoseconds
	 */
	public void observeFailures(LongConsumer observer) {
		this.failureObserver = observer;
	}

	void requestSettledWithoutReply() {
		this.requestsWithoutReply.increment();
	}

	/**
	 * Count the requests a connection left unanswered when it closed.
	 */
	public void requestsUnansweredAtClose(int requests) {
		this.requestsUnansweredAtClose.add(requests);
	}

	void requestFailed(long nanos) {
		this.requestsFailed.increment();
		this.failureObserver.accept(nanos);
	}

	void requestAnswered(long latencyNanos) {
		this.repliesWritten.increment();
		this.latencyObserver.accept(latencyNanos);
	}

	void requestRead(long payloadBytes) {
		this.requestsRead.increment();
		this.bytesIn.add(payloadBytes);
	}

	void replyWritten(long payloadBytes) {
		this.bytesOut.add(payloadBytes);
	}

}
