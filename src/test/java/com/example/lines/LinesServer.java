package com.example.lines;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.echogateway.drain.connection.ConnectionNotices;
import io.echogateway.drain.connection.RejectReason;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;

/**
 * The line server: {@code lines.io} picks the blocking ({@code net}) or the selector ({@code nio}) factory, an inbound
 * gateway hands each line to a handler that waits {@code lines.delay} and returns it, and the drain's notices are
 * {@code REFUSED busy}, {@code REFUSED draining} and {@code lines.goodbye}.
 */
@Configuration(proxyBeanMethods = false)
class LinesServer {

	@Bean
	AbstractServerConnectionFactory lineServer(@Value("${lines.io}") String io, @Value("${lines.port}") int port,
			@Value("${lines.max-length}") int maxLength) {
		AbstractServerConnectionFactory factory = switch (io) {
			case "net" -> Tcp.netServer(port).getObject();
			case "nio" -> Tcp.nioServer(port).getObject();
			default -> throw new IllegalArgumentException("lines.io must be net or nio, not " + io);
		};
		factory.setDeserializer(new LineDeserializer(maxLength));
		factory.setSerializer(new ByteArrayLfSerializer());
		return factory;
	}

	@Bean
	IntegrationFlow lines(AbstractServerConnectionFactory lineServer, @Value("${lines.delay}") Duration delay) {
		return IntegrationFlow.from(Tcp.inboundGateway(lineServer)).handle(byte[].class, (line, headers) -> {
			pause(delay);
			return line;
		}).get();
	}

	@Bean
	ConnectionNotices lineNotices(@Value("${lines.goodbye}") String goodbye) {
		return new ConnectionNotices() {

			@Override
			public Object rejection(String server, RejectReason reason) {
				return ("REFUSED " + reason.tag()).getBytes(StandardCharsets.UTF_8);
			}

			@Override
			public @Nullable Object goodbye(String server) {
				return goodbye.isEmpty() ? null : goodbye.getBytes(StandardCharsets.UTF_8);
			}

		};
	}

	/**
	 * Stand for the work a real service does for each line.
	 */
	private static void pause(Duration delay) {
		if (delay.isPositive()) {
			try {
				Thread.sleep(delay);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
