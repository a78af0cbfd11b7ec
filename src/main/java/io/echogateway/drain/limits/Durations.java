package io.echogateway.drain.limits;

import java.time.Duration;

/**
 * Writes a duration in log lines and messages as a person writes it in a setting: {@code 20s}, {@code 1m30s},
 * {@code 1500ms}, never {@code PT20S}.
 */
public final class Durations {

	private Durations() {
	}

	/**
	 * Return the duration in hours, minutes and seconds, or in milliseconds when it is not whole seconds.
	 * @param duration the duration
	 * @return such as {@code 20s}, {@code 5m}, {@code 1h30m}, {@code 1500ms} or {@code -1s}
	 */
	public static String readable(Duration duration) {
		if (duration.isNegative()) {
			return "-" + readable(duration.negated());
		}
		if (duration.toMillisPart() != 0) {
			return duration.toMillis() + "ms";
		}
		if (duration.isZero()) {
			return "0s";
		}
		StringBuilder text = new StringBuilder();
		append(text, duration.toHours(), "h");
		append(text, duration.toMinutesPart(), "m");
		append(text, duration.toSecondsPart(), "s");
		return text.toString();
	}

	private static void append(StringBuilder text, long amount, String unit) {
		if (amount != 0) {
			text.append(amount).append(unit);
		}
	}

}
