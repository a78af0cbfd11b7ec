package com.example.styles;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The business of every style's application: answers a line with itself; {@code slow <millis> ...} takes that long,
 * {@code fail ...} throws, {@code slowfail <millis>} throws after that long.
 */
public class StyleService {

	private static final Log logger = LogFactory.getLog(StyleService.class);

	/**
	 * Answer one request.
	 * @param request the request's bytes
	 * @return the answer
	 * @throws InterruptedException if interrupted while slow
	 */
	public String handle(byte[] request) throws InterruptedException {
		String line = new String(request, StandardCharsets.UTF_8);
		String[] words = line.split(" ");
		if (words[0].startsWith("slow")) {
			logger.info("Working on a slow request.");
			Thread.sleep(Duration.ofMillis(Long.parseLong(words[1])));
		}
		if (words[0].endsWith("fail")) {
			throw new IllegalStateException("The request asked to fail");
		}
		return line;
	}

}
