package io.echogateway.tcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.echogateway.EchoGatewayProperties;
import io.echogateway.drain.autoconfigure.EnumSettingConverter;
import io.echogateway.drain.autoconfigure.TcpDrainProperties;
import io.echogateway.drain.tls.ServerTls;
import io.echogateway.drain.tracking.ConnectionRegistry;
import io.echogateway.drain.tracking.TrackedServer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds the TCP settings in force and the ports the servers listen on to the info endpoint.
 */
class TcpInfoContributor implements InfoContributor {

	private final ConnectionRegistry registry;

	private final EchoGatewayProperties properties;

	private final TcpDrainProperties drainProperties;

	private final ServerTls tls;

	TcpInfoContributor(ConnectionRegistry registry, EchoGatewayProperties properties,
			TcpDrainProperties drainProperties, ServerTls tls) {
		this.registry = registry;
		this.properties = properties;
		this.drainProperties = drainProperties;
		this.tls = tls;
	}

	@Override
	public void contribute(Info.Builder builder) {
		EchoGatewayProperties.Tcp tcp = this.properties.tcp();
		TcpDrainProperties.Limits limits = this.drainProperties.limits();
		TcpDrainProperties drain = this.drainProperties;
		builder.withDetail("tcp", new TcpInfo(this.registry.servers().stream().mapToInt(TrackedServer::port).toArray(),
				EnumSettingConverter.settingValue(tcp.io()), EnumSettingConverter.settingValue(tcp.framing()),
				tcp.maxFrameSize().toBytes(), limits.maxConnections(), limits.idleTimeout().toString(),
				limits.sendTimeout().toString(), tcp.backlog(),
				new DrainInfo(drain.gracePeriod().toString(), drain.timeout().toString(),
						drain.closeSpread().toString(), drain.mode().toString()),
				tlsInfo()));
	}

	/**
	 * Describe the TLS of the echo service's one server, as the drain component serves it.
	 */
	private TlsInfo tlsInfo() {
		return this.registry.servers()
			.stream()
			.findFirst()
			.flatMap((server) -> this.tls.describe(server.name()))
			.map((tls) -> new TlsInfo(true, tls.bundle(), tls.clientAuth().toString(), tls.handshakeTimeout(),
					(tls.certificateValidUntil() != null) ? tls.certificateValidUntil().toString() : null))
			.orElse(TlsInfo.OFF);
	}

	/**
	 * The TCP settings in force.
	 *
	 * @param ports the ports the servers listen on
	 * @param io the server implementation
	 * @param framing how frames are delimited
	 * @param maxFrameSizeBytes the largest payload of one frame, in bytes
	 * @param maxConnections the most connections open at once
	 * @param idleTimeout the idle timeout, ISO-8601
	 * @param sendTimeout the send timeout, ISO-8601
	 * @param backlog the accept backlog
	 * @param drain the drain settings
	 * @param tls the TLS on the port
	 */
	record TcpInfo(int[] ports, String io, String framing, long maxFrameSizeBytes, int maxConnections,
			String idleTimeout, String sendTimeout, int backlog, DrainInfo drain, TlsInfo tls) {

	}

	/**
	 * The TLS on the TCP port; without TLS only {@code enabled}.
	 *
	 * @param enabled whether the port serves TLS
	 * @param bundle the SSL bundle's name
	 * @param clientAuth whether clients must show a certificate: none, want or need
	 * @param handshakeTimeout the handshake timeout, ISO-8601
	 * @param certificateValidUntil when the certificate that new connections get expires
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TlsInfo(boolean enabled, @Nullable String bundle, @Nullable String clientAuth,
			@Nullable String handshakeTimeout, @Nullable String certificateValidUntil) {

		static final TlsInfo OFF = new TlsInfo(false, null, null, null, null);

	}

	/**
	 * The drain settings in force, ISO-8601.
	 *
	 * @param gracePeriod how long the listener keeps accepting after readiness turned
	 * @param timeout how long busy connections may take after the listener closed
	 * @param closeSpread the window idle closes are spread over
	 * @param mode close-after-reply or await-client
	 */
	record DrainInfo(String gracePeriod, String timeout, String closeSpread, String mode) {

	}

}
