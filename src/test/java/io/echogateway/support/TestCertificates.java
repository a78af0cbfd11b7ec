package io.echogateway.support;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A test certificate authority and the certificates that the TLS tests need, made with BouncyCastle for one test run
 * and never checked in: server certificates for 127.0.0.1 and localhost, and client certificates that are valid,
 * expired, not yet valid, or issued by a stranger.
 */
public final class TestCertificates {

	private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

	private static final Duration VALIDITY = Duration.ofDays(2);

	private final Issued authority;

	private final Issued stranger;

	private TestCertificates(Issued authority, Issued stranger) {
		this.authority = authority;
		this.stranger = stranger;
	}

	/**
	 * Make a new authority, and a stranger authority that nobody trusts.
	 * @return the certificates
	 */
	public static TestCertificates create() {
		return new TestCertificates(selfSigned("CN=echo-gateway test CA"), selfSigned("CN=stranger CA"));
	}

	public Issued authority() {
		return this.authority;
	}

	/**
	 * Issue a new server certificate for 127.0.0.1 and localhost.
	 * @return the certificate
	 */
	public Issued server() {
		return issue(this.authority, "CN=localhost", Instant.now().minus(Duration.ofHours(1)), VALIDITY, true);
	}

	/**
	 * Issue a new client certificate that the authority vouches for.
	 * @param name the client's common name
	 * @return the certificate
	 */
	public Issued client(String name) {
		return issue(this.authority, "CN=" + name, Instant.now().minus(Duration.ofHours(1)), VALIDITY, false);
	}

	public Issued expiredClient() {
		return issue(this.authority, "CN=expired", Instant.now().minus(Duration.ofDays(10)), Duration.ofDays(1), false);
	}

	public Issued notYetValidClient() {
		return issue(this.authority, "CN=not yet valid", Instant.now().plus(Duration.ofDays(1)), VALIDITY, false);
	}

	public Issued strangerClient() {
		return issue(this.stranger, "CN=stranger", Instant.now().minus(Duration.ofHours(1)), VALIDITY, false);
	}

	/**
	 * Create a client TLS context that trusts the authority and shows the given certificate, if any.
	 * @param client the client certificate, or {@code null} for none
	 * @return the context
	 */
	public SSLContext clientContext(@Nullable Issued client) {
		try {
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			trusted.load(null, null);
			trusted.setCertificateEntry("ca", this.authority.certificate());
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			KeyManager[] keys = (client != null) ? new KeyManager[] { new ShowingKeyManager(client) } : null;
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys, trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Create a server TLS context that shows the given certificate.
	 * @param server the server certificate
	 * @return the context
	 */
	public SSLContext serverContext(Issued server) {
		try {
			KeyStore own = KeyStore.getInstance("PKCS12");
			own.load(null, null);
			own.setKeyEntry("server", server.key(), new char[0], server.chain());
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(own, new char[0]);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), null, null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Issued selfSigned(String name) {
		KeyPair keys = newKeys();
		return new Issued(keys.getPrivate(), build(name, keys, name, keys.getPrivate(),
				Instant.now().minus(Duration.ofHours(1)), VALIDITY, Role.AUTHORITY), null);
	}

	private static Issued issue(Issued issuer, String name, Instant notBefore, Duration validity, boolean server) {
		KeyPair keys = newKeys();
		X509Certificate certificate = build(name, keys, issuer.certificate().getSubjectX500Principal().getName(),
				issuer.key(), notBefore, validity, server ? Role.SERVER : Role.CLIENT);
		return new Issued(keys.getPrivate(), certificate, issuer.certificate());
	}

	private static X509Certificate build(String name, KeyPair keys, String issuerName, PrivateKey issuerKey,
			Instant notBefore, Duration validity, Role role) {
		try {
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuerName),
					BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore),
					Date.from(notBefore.plus(validity)), new X500Name(name), keys.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(role == Role.AUTHORITY));
			if (role == Role.AUTHORITY) {
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			}
			else {
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
				builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
						(role == Role.SERVER) ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
			}
			if (role == Role.SERVER) {
				builder.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
								new GeneralName(GeneralName.dNSName, "localhost") }));
			}
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
		}
		catch (IOException | GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair newKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Shows the client's certificate whatever authorities the server asks for, as a misconfigured client would, so
	 * that the server gets to judge an untrusted, expired or not yet valid one.
	 */
	private static final class ShowingKeyManager extends X509ExtendedKeyManager {

		private static final String ALIAS = "client";

		private final Issued client;

		ShowingKeyManager(Issued client) {
			this.client = client;
		}

		@Override
		public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
			return ALIAS;
		}

		@Override
		public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
			return ALIAS;
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			return this.client.chain();
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			return this.client.key();
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			return new String[] { ALIAS };
		}

		@Override
		public @Nullable String[] getServerAliases(String keyType, Principal[] issuers) {
			return null;
		}

		@Override
		public @Nullable String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			return null;
		}

	}

	private enum Role {

		AUTHORITY, SERVER, CLIENT

	}

	/**
	 * A private key and its certificate.
	 *
	 * @param key the private key
	 * @param certificate the certificate
	 * @param issuer the issuer's certificate, or {@code null} for a self-signed one
	 */
	public record Issued(PrivateKey key, X509Certificate certificate, @Nullable X509Certificate issuer) {

		X509Certificate[] chain() {
			return (this.issuer != null) ? new X509Certificate[] { this.certificate, this.issuer }
					: new X509Certificate[] { this.certificate };
		}

		/**
		 * Write the certificate and the key as PEM files, replacing what is there.
		 * @param certificateFile where the certificate goes
		 * @param keyFile where the key goes, or {@code null} to write none
		 * @throws IOException if a file cannot be written
		 */
		public void writePem(Path certificateFile, @Nullable Path keyFile) throws IOException {
			Files.writeString(certificateFile, pem(this.certificate));
			if (keyFile != null) {
				Files.writeString(keyFile, pem(new JcaPKCS8Generator(this.key, null)));
			}
		}

		private static String pem(Object object) throws IOException {
			StringWriter text = new StringWriter();
			try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
				writer.writeObject(object);
			}
			return text.toString();
		}

	}

}
