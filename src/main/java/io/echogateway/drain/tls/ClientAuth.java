package io.echogateway.drain.tls;

import java.util.Locale;

/**
 * Whether a TLS client must show a certificate, which the SSL bundle's trust store must trust.
 */
public enum ClientAuth {

	/** No client certificate is asked for. */
	NONE,

	/** A client certificate is asked for; a client without one is served, a client with an untrusted one is not. */
	WANT,

	/** A client without a trusted certificate is refused: mutual TLS. */
	NEED;

	/**
	 * Return the value as it is written in the settings, which start-up errors list.
	 * @return the setting value, such as {@code need}
	 */
	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}

}
