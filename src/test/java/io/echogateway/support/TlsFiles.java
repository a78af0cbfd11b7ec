package io.echogateway.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The PEM files of an SSL bundle named {@code tcp} in a directory of one test, and the settings that serve TLS with
 * it: the server's certificate and key, and the test authority as the trust store.
 *
 * @param directory where the files are
 * @param certificates the authority that issues them
 */
public record TlsFiles(Path directory, TestCertificates certificates) {

	/**
	 * Write a server certificate, its key and the authority's certificate.
	 * @param directory where to write them
	 * @param certificates the authority
	 * @return the files
	 * @throws IOException if a file cannot be written
	 */
	public static TlsFiles create(Path directory, TestCertificates certificates) throws IOException {
		TlsFiles files = new TlsFiles(directory, certificates);
		files.renewServerCertificate();
		certificates.authority().writePem(files.authorityCertificate(), null);
		return files;
	}

	/**
	 * Replace the server's certificate and key with newly issued ones.
	 * @return the new certificate and key
	 * @throws IOException if a file cannot be written
	 */
	public TestCertificates.Issued renewServerCertificate() throws IOException {
		TestCertificates.Issued server = this.certificates.server();
		server.writePem(this.directory.resolve("server.crt"), this.directory.resolve("server.key"));
		return server;
	}

	public Path authorityCertificate() {
		return this.directory.resolve("ca.crt");
	}

	/**
	 * Return the settings that serve TLS with this bundle, reloaded when its files change, and more settings.
	 * @param clientAuth {@code none}, {@code want} or {@code need}
	 * @param more more settings, as {@code name=value}
	 * @return the settings
	 */
	public String[] settings(String clientAuth, String... more) {
		String bundle = "spring.ssl.bundle.pem.tcp.";
		return Stream.concat(Stream.of(bundle + "keystore.certificate=" + this.directory.resolve("server.crt"),
				bundle + "keystore.private-key=" + this.directory.resolve("server.key"),
				bundle + "truststore.certificate=" + authorityCertificate(), bundle + "reload-on-update=true",
				"spring.ssl.bundle.watch.file.quiet-period=200ms", "tcp-drain.ssl.bundle=tcp",
				"tcp-drain.ssl.client-auth=" + clientAuth), Stream.of(more)).toArray(String[]::new);
	}

}
