package io.echogateway.tcp;

/**
 * The Spring Integration server connection factory that serves the TCP port.
 */
public enum ServerIo {

	/** {@code TcpNioServerConnectionFactory}: one selector thread, reads assembled on a thread pool. */
	NIO,

	/** {@code TcpNetServerConnectionFactory}: blocking sockets, one virtual thread per connection. */
	NET

}
