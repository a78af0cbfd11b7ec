package io.echogateway.drain.autoconfigure;

import java.time.Duration;

import io.echogateway.drain.limits.Durations;

/**
 * Checks a setting when it is bound and names it in one sentence when it is wrong.
 */
public final class SettingRules {

	private SettingRules() {
	}

	/**
	 * Require a positive duration.
	 * @param name the setting's name
	 * @param value its value
	 */
	public static void requirePositive(String name, Duration value) {
		require(value.isPositive(), name + " must be positive, but was " + Durations.readable(value));
	}

	/**
	 * Require a duration that is zero or more.
	 * @param name the setting's name
	 * @param value its value
	 */
	public static void requireNotNegative(String name, Duration value) {
		require(!value.isNegative(), name + " must not be negative, but was " + Durations.readable(value));
	}

	/**
	 * Require a condition.
	 * @param condition the condition
	 * @param sentence what is wrong when it does not hold
	 */
	public static void require(boolean condition, String sentence) {
		if (!condition) {
			throw new IllegalArgumentException(sentence);
		}
	}

}
