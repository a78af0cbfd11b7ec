package io.echogateway.drain;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;

/**
 * Holds a listener that opens again before the drain hears of it, once armed, until the test lets it go: an undo is
 * then caught between reopening its listeners and finishing.
 */
public class ListeningGate {

	private final CountDownLatch armed = new CountDownLatch(1);

	private final CountDownLatch reached = new CountDownLatch(1);

	private final CountDownLatch open = new CountDownLatch(1);

	void arm() {
		this.armed.countDown();
	}

	boolean awaitReached() throws InterruptedException {
		return this.reached.await(10, TimeUnit.SECONDS);
	}

	void open() {
		this.open.countDown();
	}

	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void listening(TcpConnectionServerListeningEvent event) throws InterruptedException {
		if (this.armed.getCount() == 0) {
			this.reached.countDown();
			this.open.await(10, TimeUnit.SECONDS);
		}
	}

}
