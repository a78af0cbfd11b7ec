package com.example.lines;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.echogateway.drain.connection.CloseReason;
import io.echogateway.drain.connection.RejectedFrame;

import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Reads one line ending in {@code \n}, without it; a line longer than the limit is refused with a
 * {@link RejectedFrame}, which the drain answers with an error line and a close.
 */
final class LineDeserializer implements Deserializer<Object> {

	private final int maxLength;

	LineDeserializer(int maxLength) {
		this.maxLength = maxLength;
	}

	@Override
	public Object deserialize(InputStream input) throws IOException {
		int next = input.read();
		if (next < 0) {
			throw new SoftEndOfStreamException("The client closed its stream between lines");
		}
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		while (next != '\n') {
			if (next < 0) {
				throw new IOException("The client closed its stream in the middle of a line");
			}
			if (line.size() == this.maxLength) {
				String problem = "line longer than " + this.maxLength + " bytes";
				return new RejectedFrame("a " + problem, ("TOO LONG " + problem).getBytes(StandardCharsets.UTF_8),
						CloseReason.OVERSIZE);
			}
			line.write(next);
			next = input.read();
		}
		return line.toByteArray();
	}

}
