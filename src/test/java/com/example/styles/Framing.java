package com.example.styles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * The framings the style applications speak, as a client writes and reads them.
 */
enum Framing {

	/** Lines ending with CR LF. */
	CRLF,

	/** Lines ending with LF. */
	LF,

	/** Frames after a one-byte length header. */
	ONE_BYTE_HEADER;

	byte[] encode(String text) {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		return switch (this) {
			case CRLF -> (text + "\r\n").getBytes(StandardCharsets.UTF_8);
			case LF -> (text + "\n").getBytes(StandardCharsets.UTF_8);
			case ONE_BYTE_HEADER -> {
				byte[] frame = new byte[payload.length + 1];
				frame[0] = (byte) payload.length;
				System.arraycopy(payload, 0, frame, 1, payload.length);
				yield frame;
			}
		};
	}

	/**
	 * Read one frame, or return {@code null} at the end of the stream before one started.
	 */
	@Nullable String decode(InputStream input) throws IOException {
		if (this == ONE_BYTE_HEADER) {
			int length = input.read();
			return (length < 0) ? null : new String(input.readNBytes(length), StandardCharsets.UTF_8);
		}
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int next;
		while ((next = input.read()) >= 0 && next != '\n') {
			line.write(next);
		}
		if (next < 0 && line.size() == 0) {
			return null;
		}
		String text = line.toString(StandardCharsets.UTF_8);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

}
