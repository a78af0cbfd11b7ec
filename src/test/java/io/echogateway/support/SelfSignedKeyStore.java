package io.echogateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A PKCS12 key store with a self-signed certificate for 127.0.0.1 and localhost, made by the JDK's keytool for one
 * test run, never checked in.
 *
 * @param path the key store file
 * @param password its password
 */
public record SelfSignedKeyStore(Path path, String password) {

	/**
	 * Make a new key store in the given directory.
	 * @param directory where to write it
	 * @return the key store
	 * @throws IOException if keytool fails
	 * @throws InterruptedException if interrupted while keytool runs
	 */
	public static SelfSignedKeyStore create(Path directory) throws IOException, InterruptedException {
		Path path = directory.resolve("server.p12");
		String password = "test-only";
		String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
		Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC",
				"-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
				"-validity", "2", "-storetype", "PKCS12", "-keystore", path.toString(), "-storepass", password))
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IOException("keytool failed: " + output);
		}
		return new SelfSignedKeyStore(path, password);
	}

	/**
	 * Return the key store as a Spring resource location.
	 * @return the location, such as {@code file:/tmp/.../server.p12}
	 */
	public String location() {
		return this.path.toUri().toString();
	}

	/**
	 * Return a client TLS context that trusts this key store's certificate.
	 * @return the context
	 * @throws IOException if the key store cannot be read
	 * @throws GeneralSecurityException if it cannot be loaded
	 */
	public SSLContext clientContext() throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(this.path)) {
			store.load(in, this.password.toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

}
