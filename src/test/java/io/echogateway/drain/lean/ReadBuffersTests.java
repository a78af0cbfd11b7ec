package io.echogateway.drain.lean;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReadBuffers}.
 */
class ReadBuffersTests {

	private final ReadBuffers buffers = new ReadBuffers();

	private final AtomicInteger made = new AtomicInteger();

	private final IntFunction<ByteBuffer> allocation = (size) -> {
		this.made.incrementAndGet();
		return ByteBuffer.allocate(size);
	};

	@Test
	void makesABufferOfTheReadSizeWhenNoneIsSpare() {
		ByteBuffer buffer = this.buffers.borrow(this.allocation);
		assertThat(buffer.capacity()).isEqualTo(ReadBuffers.SIZE);
		assertThat(this.made).hasValue(1);
	}

	@Test
	void lendsABufferGivenBackClearedInsteadOfMakingAnother() {
		ByteBuffer first = this.buffers.borrow(this.allocation);
		first.put(new byte[] { 1, 2, 3 }).flip();
		this.buffers.giveBack(first);
		ByteBuffer second = this.buffers.borrow(this.allocation);
		assertThat(second).isSameAs(first);
		assertThat(second.position()).isZero();
		assertThat(second.remaining()).isEqualTo(ReadBuffers.SIZE);
		assertThat(this.made).hasValue(1);
	}

	@Test
	void keepsAtMostTheSpareCountOfBuffersGivenBack() {
		List<ByteBuffer> borrowed = new ArrayList<>();
		for (int i = 0; i < ReadBuffers.SPARE + 10; i++) {
			borrowed.add(this.buffers.borrow(this.allocation));
		}
		borrowed.forEach(this.buffers::giveBack);
		for (int i = 0; i < ReadBuffers.SPARE + 10; i++) {
			this.buffers.borrow(this.allocation);
		}
		assertThat(this.made).hasValue(2 * (ReadBuffers.SPARE + 10) - ReadBuffers.SPARE);
	}

}
