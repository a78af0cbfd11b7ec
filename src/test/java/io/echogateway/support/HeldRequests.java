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
import org.springframework.integration.ip.tcp.inbound.TcpInboundGateway;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

import static org.awaitility.Awaitility.await;

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
	 * Wait until every thread that held a request has left the inbound gateway, so that all the gateway did with the
	 * request after the release, its reply included, is done; a pool's thread stays alive afterwards, so ending is
	 * not the sign.
	 */
	public void awaitHoldersLeftTheGateway() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.holders.stream().noneMatch(HeldRequests::inGateway));
	}

	private static boolean inGateway(Thread thread) {
		return Arrays.stream(thread.getStackTrace())
			.anyMatch((frame) -> frame.getClassName().equals(TcpInboundGateway.class.getName()));
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
