package io.echogateway.tcp;

import io.echogateway.drain.autoconfigure.EnumSettingConverter;

/**
 * How frames are delimited on the wire; the reply to a frame uses the same framing.
 */
public enum Framing {

	/** A frame ends at {@code \n}; a {@code \r} before it belongs to the payload, so CRLF clients get CRLF back. */
	LF,

	/** A frame ends at {@code \r\n}. */
	CRLF,

	/** A frame is {@code STX} (0x02), the payload, then {@code ETX} (0x03). */
	STX_ETX,

	/** A frame is a 4-byte big-endian payload length, then the payload. */
	LENGTH_HEADER;

	/**
	 * Return the value as it is written in the settings, which start-up errors list.
	 * @return the setting value, such as {@code stx-etx}
	 */
	@Override
	public String toString() {
		return EnumSettingConverter.settingValue(this);
	}

	/**
	 * Create the codec that reads and writes this framing.
	 * @param maxFrameSize the largest payload accepted
	 * @return the codec
	 */
	public FrameCodec codec(int maxFrameSize) {
		return switch (this) {
			case LF -> new DelimitedCodec(maxFrameSize, new byte[0], new byte[] { '\n' });
			case CRLF -> new DelimitedCodec(maxFrameSize, new byte[0], new byte[] { '\r', '\n' });
			case STX_ETX -> new DelimitedCodec(maxFrameSize, new byte[] { 0x02 }, new byte[] { 0x03 });
			case LENGTH_HEADER -> new LengthHeaderCodec(maxFrameSize);
		};
	}

}
