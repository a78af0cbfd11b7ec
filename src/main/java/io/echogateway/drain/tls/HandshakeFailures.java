package io.echogateway.drain.tls;

import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import io.echogateway.drain.tracking.ConnectionRegistry;
import io.echogateway.drain.tracking.TrackedServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Counts and logs the failed TLS handshakes of one TCP server: client behaviour, so each is a WARN line without a
 * stack trace, summarized with the server's other client warnings, and a count by reason. A client that goes away
 * before its handshake ends, such as a TCP health check, is no failure.
 */
final class HandshakeFailures {

	private static final Log logger = LogFactory.getLog(HandshakeFailures.class);

	private final ConnectionRegistry registry;

	private final AbstractServerConnectionFactory factory;

	private final Duration timeout;

	private final Map<HandshakeFailure, LongAdder> counts = new EnumMap<>(HandshakeFailure.class);

	HandshakeFailures(ConnectionRegistry registry, AbstractServerConnectionFactory factory, Duration timeout) {
		this.registry = registry;
		this.factory = factory;
		this.timeout = timeout;
		for (HandshakeFailure reason : HandshakeFailure.values()) {
			this.counts.put(reason, new LongAdder());
		}
	}

	/**
	 * Record a handshake that ended with an exception, unless the client just went away.
	 * @param remoteAddress the client's address and port
	 * @param failure what the handshake threw
	 */
	void failed(String remoteAddress, Throwable failure) {
		HandshakeFailure reason = classify(failure);
		if (reason == null) {
			logger.debug("TLS client " + remoteAddress + " went away during its handshake: " + failure.getMessage());
			return;
		}
		if (reason == HandshakeFailure.TIMEOUT) {
			timedOut(remoteAddress);
			return;
		}
		record(reason, remoteAddress, String.valueOf(failure.getMessage()));
	}

	/**
	 * Record a handshake that did not finish within the handshake timeout.
	 * @param remoteAddress the client's address and port
	 */
	void timedOut(String remoteAddress) {
		record(HandshakeFailure.TIMEOUT, remoteAddress, "no handshake within " + this.timeout.toMillis() + " ms");
	}

	Duration timeout() {
		return this.timeout;
	}

	/**
	 * Format a client's address as the connections endpoint does: {@code host:port}, IPv6 hosts in brackets.
	 */
	static String remote(String host, int port) {
		return (host.indexOf(':') >= 0) ? "[" + host + "]:" + port : host + ":" + port;
	}

	long count(HandshakeFailure reason) {
		return this.counts.get(reason).sum();
	}

	/**
	 * Find the tracked server these handshakes belong to, once the factory has its bean name.
	 * @return the server, if it is tracked
	 */
	Optional<TrackedServer> server() {
		String name = this.factory.getComponentName();
		return this.registry.servers().stream().filter((server) -> server.name().equals(name)).findFirst();
	}

	private void record(HandshakeFailure reason, String remoteAddress, String detail) {
		this.counts.get(reason).increment();
		String sentence = "TLS handshake with " + remoteAddress + " failed: " + reason.sentence() + " (" + detail
				+ ").";
		server().ifPresentOrElse(
				(server) -> server.warnClient("failed their TLS handshake (" + reason.tag() + ")", sentence),
				() -> logger.warn(sentence));
	}

	/**
	 * Tell why a handshake failed, from the JDK's exception and its causes, or {@code null} when the client went away.
	 * @param failure what the handshake threw
	 * @return the reason, or {@code null}
	 */
	static @Nullable HandshakeFailure classify(Throwable failure) {
		HandshakeFailure found = null;
		boolean wentAway = false;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			HandshakeFailure validity = validity(cause);
			if (validity != null) {
				return validity;
			}
			found = (found != null) ? found : timeoutOrTrust(cause);
			wentAway |= cause instanceof EOFException || cause instanceof SocketException;
		}
		if (found != null) {
			return found;
		}
		return wentAway ? null : byMessage(String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT));
	}

	private static @Nullable HandshakeFailure validity(Throwable cause) {
		if (cause instanceof CertificateExpiredException || (cause instanceof CertPathValidatorException invalid
				&& invalid.getReason() == CertPathValidatorException.BasicReason.EXPIRED)) {
			return HandshakeFailure.EXPIRED_CERTIFICATE;
		}
		if (cause instanceof CertificateNotYetValidException || (cause instanceof CertPathValidatorException invalid
				&& invalid.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
			return HandshakeFailure.NOT_YET_VALID_CERTIFICATE;
		}
		return null;
	}

	private static @Nullable HandshakeFailure timeoutOrTrust(Throwable cause) {
		if (cause instanceof SocketTimeoutException) {
			return HandshakeFailure.TIMEOUT;
		}
		if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
			return HandshakeFailure.UNTRUSTED_CERTIFICATE;
		}
		return null;
	}

	private static HandshakeFailure byMessage(String message) {
		if (message.contains("ssl message") || message.contains("plaintext")) {
			return HandshakeFailure.NOT_TLS;
		}
		if (message.contains("empty client certificate chain")) {
			return HandshakeFailure.NO_CERTIFICATE;
		}
		if (message.contains("received fatal alert")) {
			return HandshakeFailure.CLIENT_ALERT;
		}
		if (message.contains("protocol") || message.contains("cipher")) {
			return HandshakeFailure.NO_COMMON_PROTOCOL;
		}
		return HandshakeFailure.OTHER;
	}

}
