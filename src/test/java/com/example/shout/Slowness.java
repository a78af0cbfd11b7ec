package com.example.shout;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Makes a request slow on purpose: {@code slow <millis> ...} takes that long, and {@code hold ...} waits until the
 * test releases it.
 */
public class Slowness {

	private final CountDownLatch arrived = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final Set<Thread> holders = ConcurrentHashMap.newKeySet();

	void delay(String line) {
		try {
			if (line.startsWith("slow ")) {
				Thread.sleep(Duration.ofMillis(Long.parseLong(line.split(" ")[1])));
			}
			else if (line.startsWith("hold")) {
				this.holders.add(Thread.currentThread());
				this.arrived.countDown();
				this.release.await(30, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Wait until a held request has arrived.
	 * @return whether one arrived in time
	 * @throws InterruptedException if interrupted
	 */
	public boolean awaitHeld() throws InterruptedException {
		return this.arrived.await(10, TimeUnit.SECONDS);
	}

	/**
	 * Let every held request go on.
	 */
	public void release() {
		this.release.countDown();
	}

	/**
	 * Wait until every thread that held a request has ended, and with it all its flow did after the release.
	 * @return whether they ended in time
	 * @throws InterruptedException if interrupted
	 */
	public boolean awaitHoldersEnded() throws InterruptedException {
		for (Thread holder : this.holders) {
			if (!holder.join(Duration.ofSeconds(10))) {
				return false;
			}
		}
		return true;
	}

}
