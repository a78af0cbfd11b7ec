package io.echogateway.drain.tls;

/**
 * Why a client's TLS handshake failed; the value is the {@code reason} tag of the handshake failure counter.
 */
public enum HandshakeFailure {

	/** The client sent something that is not TLS, such as plain text. */
	NOT_TLS("not-tls", "the client sent something that is not TLS"),

	/** The client's certificate was not issued by a certificate authority that the trust store trusts. */
	UNTRUSTED_CERTIFICATE("untrusted-certificate", "the client's certificate is not trusted"),

	/** The client's certificate has expired. */
	EXPIRED_CERTIFICATE("expired-certificate", "the client's certificate has expired"),

	/** The client's certificate is not valid yet. */
	NOT_YET_VALID_CERTIFICATE("not-yet-valid-certificate", "the client's certificate is not valid yet"),

	/** The client showed no certificate although one is needed. */
	NO_CERTIFICATE("no-certificate", "the client showed no certificate"),

	/** The client offered no protocol version or cipher suite that the server accepts. */
	NO_COMMON_PROTOCOL("no-common-protocol", "the client offered no protocol or cipher suite the server accepts"),

	/** The client ended the handshake with an alert, such as when it does not trust the server's certificate. */
	CLIENT_ALERT("client-alert", "the client ended the handshake with an alert"),

	/** The client did not finish its handshake within the handshake timeout. */
	TIMEOUT("timeout", "the client did not finish its handshake in time"),

	/** Any other failure. */
	OTHER("other", "the handshake failed");

	private final String tag;

	private final String sentence;

	HandshakeFailure(String tag, String sentence) {
		this.tag = tag;
		this.sentence = sentence;
	}

	public String tag() {
		return this.tag;
	}

	String sentence() {
		return this.sentence;
	}

}
