package io.echogateway.drain.lean;

import java.util.function.BooleanSupplier;

/**
 * What a lean selector-driven connection waits for when its client ends its stream: the answers to the requests it
 * has received, so that closing does not cut them off.
 */
@FunctionalInterface
public interface AnswerWait {

	/**
	 * Wait, within the connection's own bound, until every request received is answered.
	 * @param unreadInput tells whether bytes received are still waiting to be read as frames
	 * @throws InterruptedException if interrupted while waiting
	 */
	void awaitAnswered(BooleanSupplier unreadInput) throws InterruptedException;

}
