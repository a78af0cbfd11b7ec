package io.echogateway.tcp;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides when a server may scan its connections for closed ones: Spring Integration scans all of them on every accept
 * (net) or selector wake-up (nio), which makes opening n connections cost n squared.
 */
final class HarvestSchedule {

	/** How often the scan runs at most; closed connections stay in the factory's map until then. */
	static final Duration INTERVAL = Duration.ofSeconds(1);

	private final AtomicLong next = new AtomicLong(System.nanoTime());

	/**
	 * Tell whether a scan is due, and if so, set the next one an interval later.
	 * @return whether to scan now
	 */
	boolean due() {
		long now = System.nanoTime();
		long due = this.next.get();
		return now - due >= 0 && this.next.compareAndSet(due, now + INTERVAL.toNanos());
	}

}
