package io.echogateway.tcp;

import io.echogateway.drain.autoconfigure.EnumSettingConverter;

/**
 * The Spring Integration server connection factory that serves the TCP port.
 */
public enum ServerIo {

	/** {@code TcpNioServerConnectionFactory}: one selector thread, reads assembled on a thread pool. */
	NIO,

	/** {@code TcpNetServerConnectionFactory}: blocking sockets, one virtual thread per connection. */
	NET;

	/**
	 * Return the value as it is written in the settings, which start-up errors list.
	 * @return the setting value, such as {@code nio}
	 */
	@Override
	public String toString() {
		return EnumSettingConverter.settingValue(this);
	}

}
