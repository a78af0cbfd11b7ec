package io.echogateway.drain.tls;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.echogateway.drain.DrainSettingsException;
import io.echogateway.drain.tracking.ConnectionRegistry;
import io.echogateway.drain.tracking.TlsInstaller;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;

/**
 * Serves TLS from a Spring Boot SSL bundle on each tracked server whose settings name one, on either server
 * implementation, with no TLS code in the application: through the listening socket on {@code net}, through the
 * connections on {@code nio}; and keeps each server's failed handshakes.
 */
public final class ServerTls implements TlsInstaller {

	private final ObjectProvider<SslBundles> bundles;

	private final Function<String, @Nullable TlsSettings> settings;

	private final ObjectProvider<ConnectionRegistry> registry;

	private final Map<String, Secured> secured = new ConcurrentHashMap<>();

	/**
	 * Create the TLS of the servers.
	 * @param bundles Spring Boot's SSL bundles
	 * @param settings the TLS settings of a server by its name, {@code null} for plain TCP
	 * @param registry the tracked servers
	 */
	public ServerTls(ObjectProvider<SslBundles> bundles, Function<String, @Nullable TlsSettings> settings,
			ObjectProvider<ConnectionRegistry> registry) {
		this.bundles = bundles;
		this.settings = settings;
		this.registry = registry;
	}

	@Override
	public void secure(AbstractServerConnectionFactory factory, @Nullable String ownTls) {
		String name = factory.getComponentName();
		TlsSettings wanted = this.settings.apply(name);
		if (wanted == null) {
			return;
		}
		if (ownTls != null) {
			throw new DrainSettingsException("TCP server '" + name + "' is given TLS by "
					+ wanted.setting("bundle") + " but has " + ownTls + " of its own",
					"Remove one of them: set tcp-drain.servers[" + name + "].ssl.bundle to an empty value to "
							+ "keep the server's own, or remove the server's own to serve the bundle.");
		}
		BundleTls tls = new BundleTls(this.bundles.getObject(), wanted);
		HandshakeFailures failures = new HandshakeFailures(this.registry.getObject(), factory,
				wanted.handshakeTimeout());
		if (factory instanceof TcpNetServerConnectionFactory net) {
			net.setTcpSocketFactorySupport(new TlsNetSockets(tls, failures));
		}
		else if (factory instanceof TcpNioServerConnectionFactory nio) {
			nio.setTcpNioConnectionSupport(new TlsNioConnectionSupport(tls, failures));
		}
		this.secured.put(name, new Secured(tls, wanted, failures));
	}

	/**
	 * Describe the TLS a server serves.
	 * @param server the server's name
	 * @return its TLS, empty for plain TCP or TLS of the application's own
	 */
	public Optional<Description> describe(String server) {
		return Optional.ofNullable(this.secured.get(server))
			.map((secured) -> new Description(secured.tls().name(), secured.settings().clientAuth(),
					secured.settings().handshakeTimeout().toString(), secured.tls().validUntil()));
	}

	/**
	 * Return how many handshakes on a server failed for a reason.
	 * @param server the server's name
	 * @param reason the reason
	 * @return the count, empty where the component does not serve the server's TLS
	 */
	public Optional<Long> handshakeFailures(String server, HandshakeFailure reason) {
		return Optional.ofNullable(this.secured.get(server)).map((secured) -> secured.failures().count(reason));
	}

	/**
	 * The TLS a server serves, as the info endpoint shows it.
	 *
	 * @param bundle the SSL bundle's name
	 * @param clientAuth whether clients must show a certificate
	 * @param handshakeTimeout the handshake timeout, ISO-8601
	 * @param certificateValidUntil when the certificate that new connections get stops being valid, if known
	 */
	public record Description(String bundle, ClientAuth clientAuth, String handshakeTimeout,
			@Nullable Instant certificateValidUntil) {

	}

	private record Secured(BundleTls tls, TlsSettings settings, HandshakeFailures failures) {

	}

}
