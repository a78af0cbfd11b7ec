package io.echogateway.drain.limits;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durations as a person writes them.
 */
class DurationsTests {

	@Test
	void wholeSecondsAreWrittenInHoursMinutesAndSeconds() {
		assertThat(Durations.readable(Duration.ZERO)).isEqualTo("0s");
		assertThat(Durations.readable(Duration.ofSeconds(20))).isEqualTo("20s");
		assertThat(Durations.readable(Duration.ofMinutes(5))).isEqualTo("5m");
		assertThat(Durations.readable(Duration.ofSeconds(90))).isEqualTo("1m30s");
		assertThat(Durations.readable(Duration.ofMinutes(90))).isEqualTo("1h30m");
		assertThat(Durations.readable(Duration.ofHours(26))).isEqualTo("26h");
	}

	@Test
	void partsOfASecondAreWrittenInMilliseconds() {
		assertThat(Durations.readable(Duration.ofMillis(1500))).isEqualTo("1500ms");
		assertThat(Durations.readable(Duration.ofMillis(250))).isEqualTo("250ms");
	}

	@Test
	void aNegativeDurationKeepsItsSign() {
		assertThat(Durations.readable(Duration.ofSeconds(-1))).isEqualTo("-1s");
		assertThat(Durations.readable(Duration.ofMillis(-1500))).isEqualTo("-1500ms");
	}

}
