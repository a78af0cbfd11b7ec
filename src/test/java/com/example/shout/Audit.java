package com.example.shout;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.ErrorMessage;

/**
 * The service's own connection interceptor, which counts the requests it sees and the replies it sends.
 */
public class Audit {

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong replies = new AtomicLong();

	private final ApplicationEventPublisher publisher;

	Audit(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	TcpConnectionInterceptorSupport interceptor() {
		return new TcpConnectionInterceptorSupport(this.publisher) {

			@Override
			public void onMessage(Message<?> message) {
				if (!(message instanceof ErrorMessage)) {
					Audit.this.requests.incrementAndGet();
				}
				super.onMessage(message);
			}

			@Override
			public void send(Message<?> message) {
				super.send(message);
				Audit.this.replies.incrementAndGet();
			}

		};
	}

	public long requests() {
		return this.requests.get();
	}

	public long replies() {
		return this.replies.get();
	}

}
