package io.echogateway.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How failed sign-ins lock an address out, for how long, and how many addresses are remembered.
 */
class SignInThrottleTests {

	private final SteppingClock clock = new SteppingClock();

	private final SignInThrottle throttle = new SignInThrottle(this.clock);

	@Test
	void anAddressIsLockedOutForAWindowFromItsLastAllowedFailure() {
		fail("10.0.0.1", SignInThrottle.MAX_FAILURES - 1);
		assertThat(this.throttle.retryAfter("10.0.0.1")).isEmpty();
		this.clock.step(Duration.ofSeconds(30));
		fail("10.0.0.1", 1);
		assertThat(this.throttle.retryAfter("10.0.0.1")).hasValue(SignInThrottle.WINDOW);
		assertThat(this.throttle.retryAfter("10.0.0.2")).isEmpty();
		this.clock.step(SignInThrottle.WINDOW.minusSeconds(1));
		assertThat(this.throttle.retryAfter("10.0.0.1")).hasValue(Duration.ofSeconds(1));
		this.clock.step(Duration.ofSeconds(1));
		assertThat(this.throttle.retryAfter("10.0.0.1")).isEmpty();
	}

	@Test
	void failuresFurtherApartThanTheWindowDoNotAddUp() {
		fail("10.0.0.1", SignInThrottle.MAX_FAILURES - 1);
		this.clock.step(SignInThrottle.WINDOW);
		fail("10.0.0.1", 1);
		assertThat(this.throttle.retryAfter("10.0.0.1")).isEmpty();
	}

	@Test
	void whenEveryPlaceIsTakenANewAddressIsTrackedOnlyOnceAnOldEntryHasExpired() {
		for (int i = 0; i < SignInThrottle.MAX_ADDRESSES; i++) {
			fail("10.1." + (i / 256) + "." + (i % 256), 1);
		}
		fail("10.0.0.1", SignInThrottle.MAX_FAILURES);
		assertThat(this.throttle.retryAfter("10.0.0.1")).isEmpty();
		this.clock.step(SignInThrottle.WINDOW);
		fail("10.0.0.1", SignInThrottle.MAX_FAILURES);
		assertThat(this.throttle.retryAfter("10.0.0.1")).hasValue(SignInThrottle.WINDOW);
	}

	private void fail(String address, int times) {
		for (int i = 0; i < times; i++) {
			this.throttle.recordFailure(address);
		}
	}

	private static final class SteppingClock extends Clock {

		private Instant now = Instant.parse("2026-11-25T00:00:00Z");

		void step(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
