package io.echogateway.drain.tls;

import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;

/**
 * Creates the TLS connections of the selector server, each with the SSL context current when it was accepted.
 */
final class TlsNioConnectionSupport implements TcpNioConnectionSupport {

	private final BundleTls tls;

	private final HandshakeFailures failures;

	TlsNioConnectionSupport(BundleTls tls, HandshakeFailures failures) {
		this.tls = tls;
		this.failures = failures;
	}

	@Override
	public TcpNioConnection createNewConnection(SocketChannel channel, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName) {
		TlsNioConnection connection = new TlsNioConnection(channel, lookupHost, publisher, factoryName,
				this.tls.newEngine(), this.failures);
		connection.init();
		connection.limitHandshake();
		return connection;
	}

}
