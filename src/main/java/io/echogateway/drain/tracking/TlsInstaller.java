package io.echogateway.drain.tracking;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Serves TLS on a tracked server whose settings give it a certificate, before the server starts.
 */
public interface TlsInstaller {

	/** Installs nothing: servers keep what the application set. */
	TlsInstaller NONE = (factory, ownTls) -> {
	};

	/**
	 * Make the server speak TLS if its settings ask for it.
	 * @param factory the server's connection factory, not started, with its name
	 * @param ownTls what the application set on the factory that may be TLS of its own, or {@code null} if nothing
	 */
	void secure(AbstractServerConnectionFactory factory, @Nullable String ownTls);

}
