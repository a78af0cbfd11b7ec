package io.echogateway.drain.tls;

import java.time.Duration;

/**
 * The TLS one server serves.
 *
 * @param bundle the name of the Spring Boot SSL bundle its certificate and trust come from
 * @param clientAuth whether clients must show a certificate that the bundle trusts
 * @param handshakeTimeout how long a client may take to finish its handshake after connecting
 * @param origin where these settings were given, such as {@code tcp-drain.ssl}, for messages that name a setting
 */
public record TlsSettings(String bundle, ClientAuth clientAuth, Duration handshakeTimeout, String origin) {

	/**
	 * Return the full name of one of these settings as the user gave it.
	 * @param setting the setting, such as {@code bundle}
	 * @return its name, such as {@code tcp-drain.ssl.bundle}
	 */
	public String setting(String setting) {
		return this.origin + "." + setting;
	}

}
