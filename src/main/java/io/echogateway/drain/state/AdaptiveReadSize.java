package io.echogateway.drain.state;


/**
 * How many bytes a blocking connection reads ahead next, adapted to what its last read brought, as Netty's adaptive
 * receive buffer does: small while requests are small, so that an idle connection blocked in its read holds little,
 * and doubled after each read that filled the buffer, up to {@link GatedDeserializer#READ_BUFFER_SIZE}.
 */
final class AdaptiveReadSize {

	/**
	 * The size a connection starts with and returns to after a small read.
	 */
	static final int SMALLEST = 512;

	private int size = SMALLEST;

	/**
	 * The number of bytes to ask for in the next read.
	 */
	int next() {
		return this.size;
	}

	/**
	 * Adapt to the number of bytes the last read brought.
	 */
	void lastRead(int bytes) {
		if (bytes >= this.size) {
			this.size = Math.min(this.size * 2, GatedDeserializer.READ_BUFFER_SIZE);
		}
		else if (bytes <= SMALLEST) {
			this.size = SMALLEST;
		}
	}

}
