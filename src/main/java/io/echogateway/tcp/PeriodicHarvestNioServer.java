package io.echogateway.tcp;

import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;

/**
 * Spring Integration's selector server, scanning its connections for closed ones at most once per
 * {@link HarvestSchedule#INTERVAL} instead of on every selector wake-up.
 */
final class PeriodicHarvestNioServer extends TcpNioServerConnectionFactory {

	private final HarvestSchedule schedule = new HarvestSchedule();

	PeriodicHarvestNioServer(int port) {
		super(port);
	}

	@Override
	protected void harvestClosedConnections() {
		if (this.schedule.due()) {
			super.harvestClosedConnections();
		}
	}

}
