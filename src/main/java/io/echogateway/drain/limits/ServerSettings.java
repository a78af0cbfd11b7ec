package io.echogateway.drain.limits;

import java.util.Collection;

/**
 * The settings of each tracked server, by the bean name of its connection factory.
 */
public interface ServerSettings {

	/**
	 * Return the limits of one server: its own settings, else the settings for all.
	 * @param server the bean name of its connection factory
	 * @return its limits
	 */
	ServerLimits limitsOf(String server);

	/**
	 * Fail if a setting names a server that is not among the given ones.
	 * @param servers the names of every tracked server
	 */
	void requireOnly(Collection<String> servers);

	/**
	 * Return settings that give every server the same limits and name no server.
	 * @param limits the limits of every server
	 * @return the settings
	 */
	static ServerSettings same(ServerLimits limits) {
		return new ServerSettings() {

			@Override
			public ServerLimits limitsOf(String server) {
				return limits;
			}

			@Override
			public void requireOnly(Collection<String> servers) {
			}

		};
	}

}
