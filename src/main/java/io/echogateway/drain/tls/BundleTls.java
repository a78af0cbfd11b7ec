package io.echogateway.drain.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.integration.ip.tcp.connection.TcpSSLContextSupport;

/**
 * The TLS of one TCP server, from a Spring Boot SSL bundle: every new connection gets the bundle's current SSL context,
 * which a reload of the bundle replaces, with the bundle's protocols and ciphers and the client authentication setting.
 */
final class BundleTls implements TcpSSLContextSupport {

	private static final Log logger = LogFactory.getLog(BundleTls.class);

	private final String name;

	private final ClientAuth clientAuth;

	private final TlsSettings settings;

	private volatile Loaded loaded;

	BundleTls(SslBundles bundles, TlsSettings settings) {
		this.settings = settings;
		this.name = settings.bundle();
		this.clientAuth = settings.clientAuth();
		String name = this.name;
		try {
			this.loaded = load(bundles.getBundle(name));
			bundles.addBundleUpdateHandler(name, this::reload);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(settings.setting("bundle"), name,
					"No SSL bundle has that name; define it under spring.ssl.bundle.pem." + name
							+ " or spring.ssl.bundle.jks." + name);
		}
	}

	String name() {
		return this.name;
	}

	ClientAuth clientAuth() {
		return this.clientAuth;
	}

	/**
	 * Tell when the certificate that new connections get stops being valid.
	 * @return the end of its validity, or {@code null} if the bundle's key store has no certificate
	 */
	@Nullable Instant validUntil() {
		X509Certificate certificate = this.loaded.certificate();
		return (certificate != null) ? certificate.getNotAfter().toInstant() : null;
	}

	@Override
	public SSLContext getSSLContext() {
		return this.loaded.context();
	}

	/**
	 * Create the server side of a new connection on the NIO server.
	 * @return the engine, not yet handshaking
	 */
	SSLEngine newEngine() {
		Loaded current = this.loaded;
		SSLEngine engine = current.context().createSSLEngine();
		engine.setUseClientMode(false);
		engine.setSSLParameters(configure(engine.getSSLParameters(), current.bundle().getOptions()));
		return engine;
	}

	/**
	 * Put the server side of a new TLS connection on top of an accepted socket of the blocking server.
	 * @param accepted the plain socket
	 * @return the TLS socket, not yet handshaking; closing it closes the plain socket
	 * @throws IOException if the socket cannot be layered
	 */
	SSLSocket layer(Socket accepted) throws IOException {
		Loaded current = this.loaded;
		SSLSocket socket = (SSLSocket) current.context()
			.getSocketFactory()
			.createSocket(accepted, null, accepted.getPort(), true);
		socket.setUseClientMode(false);
		socket.setSSLParameters(configure(socket.getSSLParameters(), current.bundle().getOptions()));
		return socket;
	}

	private SSLParameters configure(SSLParameters parameters, SslOptions options) {
		if (options.getEnabledProtocols() != null) {
			parameters.setProtocols(options.getEnabledProtocols());
		}
		if (options.getCiphers() != null) {
			parameters.setCipherSuites(options.getCiphers());
		}
		switch (this.clientAuth) {
			case NEED -> parameters.setNeedClientAuth(true);
			case WANT -> parameters.setWantClientAuth(true);
			case NONE -> parameters.setNeedClientAuth(false);
		}
		return parameters;
	}

	private Loaded load(SslBundle bundle) {
		if (this.clientAuth != ClientAuth.NONE && bundle.getStores().getTrustStore() == null) {
			throw new InvalidConfigurationPropertyValueException(this.settings.setting("bundle"), this.name,
					this.settings.setting("client-auth") + "=" + this.clientAuth + " needs a trust store in the bundle, "
							+ "such as spring.ssl.bundle.pem." + this.name + ".truststore.certificate");
		}
		return new Loaded(bundle, bundle.createSslContext(), certificateOf(bundle));
	}

	private void reload(SslBundle bundle) {
		Loaded reloaded = load(bundle);
		this.loaded = reloaded;
		X509Certificate certificate = reloaded.certificate();
		logger.info("SSL bundle '" + this.name + "' was reloaded: new TLS connections get "
				+ ((certificate != null) ? "the certificate of " + certificate.getSubjectX500Principal().getName()
						+ " valid until " + certificate.getNotAfter().toInstant()
						: "its key material")
				+ ", open ones keep theirs.");
	}

	private static @Nullable X509Certificate certificateOf(SslBundle bundle) {
		KeyStore store = bundle.getStores().getKeyStore();
		if (store == null) {
			return null;
		}
		try {
			String alias = bundle.getKey().getAlias();
			for (String candidate : (alias != null) ? Collections.singletonList(alias)
					: Collections.list(store.aliases())) {
				if (store.isKeyEntry(candidate) && store.getCertificate(candidate) instanceof X509Certificate x509) {
					return x509;
				}
			}
			return null;
		}
		catch (KeyStoreException ex) {
			return null;
		}
	}

	private record Loaded(SslBundle bundle, SSLContext context, @Nullable X509Certificate certificate) {

	}

}
