package io.echogateway.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Counts failed sign-ins per remote address and locks an address out for a while once it has failed too often.
 */
final class SignInThrottle implements ApplicationListener<AuthenticationFailureBadCredentialsEvent> {

	/**
	 * Failed sign-ins within {@link #WINDOW} that lock an address out.
	 */
	static final int MAX_FAILURES = 10;

	/**
	 * How long failed sign-ins are counted, and how long a lock-out lasts.
	 */
	static final Duration WINDOW = Duration.ofMinutes(1);

	/**
	 * Addresses tracked at most; when all are taken and none has expired, a new address is not tracked.
	 */
	static final int MAX_ADDRESSES = 10_000;

	private static final Log logger = LogFactory.getLog(SignInThrottle.class);

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	private final Clock clock;

	SignInThrottle(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void onApplicationEvent(AuthenticationFailureBadCredentialsEvent event) {
		if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
			recordFailure(details.getRemoteAddress());
		}
	}

	/**
	 * Tell how long an address is still locked out.
	 * @param address the remote address
	 * @return the time left, or empty if the address may sign in
	 */
	Optional<Duration> retryAfter(String address) {
		Instant now = this.clock.instant();
		Failures entry = this.failures.get(address);
		return (entry != null && entry.locksOut(now)) ? Optional.of(Duration.between(now, entry.until()))
				: Optional.empty();
	}

	/**
	 * Count a failed sign-in from an address.
	 * @param address the remote address
	 */
	void recordFailure(String address) {
		Instant now = this.clock.instant();
		if (!hasRoomFor(address, now)) {
			return;
		}
		Failures entry = this.failures.compute(address,
				(key, before) -> (before == null || before.hasExpired(now)) ? Failures.first(now) : before.next(now));
		if (entry.count() == MAX_FAILURES) {
			logger.warn("Locking out " + address + " for " + WINDOW.toSeconds() + " seconds after " + MAX_FAILURES
					+ " failed sign-ins; its requests with credentials get 429 until then.");
		}
	}

	private boolean hasRoomFor(String address, Instant now) {
		if (this.failures.size() < MAX_ADDRESSES || this.failures.containsKey(address)) {
			return true;
		}
		this.failures.values().removeIf((entry) -> entry.hasExpired(now));
		return this.failures.size() < MAX_ADDRESSES;
	}

	private record Failures(int count, Instant until) {

		static Failures first(Instant now) {
			return new Failures(1, now.plus(WINDOW));
		}

		Failures next(Instant now) {
			int count = this.count + 1;
			return new Failures(count, (count == MAX_FAILURES) ? now.plus(WINDOW) : this.until);
		}

		boolean hasExpired(Instant now) {
			return !now.isBefore(this.until);
		}

		boolean locksOut(Instant now) {
			return this.count >= MAX_FAILURES && !hasExpired(now);
		}

	}

}
