package io.echogateway.drain.state;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AdaptiveReadSize}.
 */
class AdaptiveReadSizeTests {

	private final AdaptiveReadSize size = new AdaptiveReadSize();

	@Test
	void startsSmall() {
		assertThat(this.size.next()).isEqualTo(512);
	}

	@Test
	void staysSmallWhileReadsAreSmall() {
		this.size.lastRead(65);
		this.size.lastRead(130);
		assertThat(this.size.next()).isEqualTo(512);
	}

	@Test
	void doublesAfterEachFullReadUpToTheLargestSize() {
		this.size.lastRead(512);
		assertThat(this.size.next()).isEqualTo(1024);
		this.size.lastRead(1024);
		this.size.lastRead(2048);
		assertThat(this.size.next()).isEqualTo(4096);
		this.size.lastRead(4096);
		assertThat(this.size.next()).isEqualTo(GatedDeserializer.READ_BUFFER_SIZE);
	}

	@Test
	void keepsItsSizeAfterAReadThatIsNeitherFullNorSmall() {
		this.size.lastRead(512);
		this.size.lastRead(1024);
		this.size.lastRead(1500);
		assertThat(this.size.next()).isEqualTo(2048);
	}

	@Test
	void returnsToTheSmallestSizeAfterASmallRead() {
		this.size.lastRead(512);
		this.size.lastRead(1024);
		this.size.lastRead(64);
		assertThat(this.size.next()).isEqualTo(512);
	}

	@Test
	void returnsToTheSmallestSizeAtTheEndOfTheStream() {
		this.size.lastRead(512);
		this.size.lastRead(-1);
		assertThat(this.size.next()).isEqualTo(512);
	}

}
