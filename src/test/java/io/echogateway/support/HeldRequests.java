package io.echogateway.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.GlobalChannelInterceptor;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * Holds every request whose payload is {@code hold}, in whichever channel of whichever flow it first passes, until the
 * test releases it.
 */
@Configuration(proxyBeanMethods = false)
public class HeldRequests {

	private static final byte[] HOLD = "hold".getBytes(StandardCharsets.US_ASCII);

	private final CountDownLatch arrived = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final Set<UUID> held = ConcurrentHashMap.newKeySet();

	private final Set<Thread> holders = ConcurrentHashMap.newKeySet();

	@Bean
	@GlobalChannelInterceptor(patterns = "*")
	ChannelInterceptor holdingInterceptor() {
		return new ChannelInterceptor() {

			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				if (message.getPayload() instanceof byte[] payload && Arrays.equals(payload, HOLD)
						&& HeldRequests.this.held.add(message.getHeaders().getId())) {
					hold();
				}
				return message;
			}

		};
	}

	/**
	 * Wait until a held request has arrived.
	 * @throws InterruptedException if interrupted
	 */
	public void awaitArrival() throws InterruptedException {
		if (!this.arrived.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("No held request arrived");
		}
	}

	/**
	 * Let every held request go on.
	 */
	public void release() {
		this.release.countDown();
	}

	/**
	 * Wait until every thread that held a request has ended, so that all its flow did after the release is done; the
	 * threads are the server's virtual threads, one per connection or per request.
	 * @throws InterruptedException if interrupted
	 */
	public void awaitHoldersEnded() throws InterruptedException {
		for (Thread holder : this.holders) {
			if (!holder.join(Duration.ofSeconds(10))) {
				throw new IllegalStateException("Thread " + holder + " that held a request is still running");
			}
		}
	}

	private void hold() {
		this.holders.add(Thread.currentThread());
		this.arrived.countDown();
		try {
			this.release.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
