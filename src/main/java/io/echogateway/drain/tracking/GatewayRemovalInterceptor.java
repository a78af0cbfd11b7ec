package io.echogateway.drain.tracking;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;

/**
 * The outermost interceptor of a server whose application has interceptors of its own: the outermost one tells the
 * gateway that a connection closed, and this one lets the tracking interceptor hold that back until the gateway's
 * requests in flight return.
 */
final class GatewayRemovalInterceptor extends TcpConnectionInterceptorSupport {

	private @Nullable TrackingInterceptor tracking;

	GatewayRemovalInterceptor(ApplicationEventPublisher publisher) {
		super(publisher);
	}

	@Override
	public void setTheConnection(TcpConnectionSupport connection) {
		super.setTheConnection(connection);
		TcpConnectionSupport inner = connection;
		while (!(inner instanceof TrackingInterceptor) && inner instanceof TcpConnectionInterceptorSupport wrapper) {
			inner = wrapper.getTheConnection();
		}
		this.tracking = (inner instanceof TrackingInterceptor found) ? found : null;
	}

	@Override
	public void removeDeadConnection(TcpConnection connection) {
		TrackingInterceptor found = this.tracking;
		if (found == null || !found.removeAfterGatewayReturns(() -> super.removeDeadConnection(connection))) {
			super.removeDeadConnection(connection);
		}
	}

}
