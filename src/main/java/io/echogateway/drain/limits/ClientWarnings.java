package io.echogateway.drain.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs what clients do to one server as WARN lines without stack traces: the first few of each kind in an interval one
 * by one, and the rest as one summary line, so a storm of clients does not become ten thousand lines.
 */
public final class ClientWarnings {

	/** How often the lines left out are summed up. */
	public static final Duration INTERVAL = Duration.ofSeconds(10);

	/** How many lines of one kind are logged one by one in an interval. */
	static final int LINES_PER_INTERVAL = 5;

	private static final Log logger = LogFactory.getLog(ClientWarnings.class);

	private final String server;

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	/**
	 * Create the warnings of the server of the given name.
	 */
	public ClientWarnings(String server) {
		this.server = server;
	}

	/**
	 * Log one event, or count it for the summary once this interval has had its share of lines of that kind.
	 * @param kind what happened to the connections, as the end of "N more connections ..."
	 * @param sentence the line to log
	 */
	public void warn(String kind, String sentence) {
		if (this.counts.computeIfAbsent(kind, (key) -> new AtomicInteger()).incrementAndGet() <= LINES_PER_INTERVAL) {
			logger.warn(sentence);
		}
	}

	/**
	 * Log one line for each kind that had more events in the interval than lines, and start a new interval.
	 */
	public void summarize() {
		this.counts.forEach((kind, count) -> {
			int left = count.getAndSet(0) - LINES_PER_INTERVAL;
			if (left > 0) {
				logger.warn("TCP server '" + this.server + "': " + left + " more connections " + kind + " in the last "
						+ INTERVAL.toSeconds() + " s; the tcp.server.* meters count every one.");
			}
		});
	}

}
