package io.echogateway.tcp;

import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * Spring Integration's blocking server, scanning its connections for closed ones at most once per
 * {@link HarvestSchedule#INTERVAL} instead of on every accept.
 */
final class PeriodicHarvestNetServer extends TcpNetServerConnectionFactory {

	private final HarvestSchedule schedule = new HarvestSchedule();

	PeriodicHarvestNetServer(int port) {
		super(port);
	}

	@Override
	protected void harvestClosedConnections() {
		if (this.schedule.due()) {
			super.harvestClosedConnections();
		}
	}

}
