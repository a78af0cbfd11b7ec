package io.echogateway.tcp;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * The threads of one TCP server: its own loop, the selector's or the acceptor's, on a platform thread of its own,
 * and every connection's work on virtual threads. A selector on a virtual thread waits through the JDK's poller, which
 * adds a second {@code epoll} and a wake-up to each of its turns, two per request on {@code nio}.
 */
final class ServerThreads implements Executor {

	private final Runnable serverLoop;

	private final ExecutorService connectionThreads;

	private final String loopName;

	/**
	 * Run the given server loop, the connection factory itself, on a platform thread of the given name, and everything
	 * else on the given threads.
	 */
	ServerThreads(Runnable serverLoop, ExecutorService connectionThreads, String loopName) {
		this.serverLoop = serverLoop;
		this.connectionThreads = connectionThreads;
		this.loopName = loopName;
	}

	@Override
	public void execute(Runnable task) {
		if (task == this.serverLoop) {
			Thread.ofPlatform().daemon().name(this.loopName).start(task);
		}
		else {
			this.connectionThreads.execute(task);
		}
	}

}
