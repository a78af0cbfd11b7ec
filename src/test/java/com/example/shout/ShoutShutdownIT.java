package com.example.shout;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.echogateway.support.GatewayProcess;
import io.echogateway.support.LengthHeaderClient;
import io.echogateway.support.LoadClient;
import io.echogateway.support.SelfSignedKeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer that is not echo, in its own JVM under load on both of its servers, stopped with SIGTERM.
 */
class ShoutShutdownIT {

	private static final int BUSY_CLIENTS = 20;

	private static final int IDLE_CLIENTS = 100;

	private static final Duration GRACE_PERIOD = Duration.ofSeconds(1);

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

	private static final Pattern REPORT = Pattern.compile("Drain finished (\\w+) in \\d+ ms: (\\d+) connections were "
			+ "open, (\\d+) closed idle, (\\d+) closed after their reply, (\\d+) closed by their client after the goodbye, "
			+ "(\\d+) forced");

	@TempDir
	Path directory;

	@Test
	void sigtermUnderLoadAnswersEveryRequestEachServerReadOnBothServers() throws Exception {
		SelfSignedKeyStore keyStore = SelfSignedKeyStore.create(this.directory);
		try (GatewayProcess shout = GatewayProcess.startClass(ShoutApplication.class, "spring.config.name=shout",
				"shout.key-store=" + keyStore.location(), "shout.key-store-password=" + keyStore.password(),
				"tcp-drain.grace-period=" + GRACE_PERIOD.toSeconds() + "s",
				"tcp-drain.timeout=" + DRAIN_TIMEOUT.toSeconds() + "s");
				LoadClient plain = new LoadClient(shout.tcpPort("plainServer"), "\r\n",
						(line) -> line.toUpperCase(Locale.ROOT));
				TlsLoad tls = new TlsLoad(keyStore.clientContext(), shout.tcpPort("tlsServer"))) {
			plain.openIdle(IDLE_CLIENTS);
			tls.openIdle(IDLE_CLIENTS);
			plain.startBusy(BUSY_CLIENTS);
			tls.startBusy(BUSY_CLIENTS);
			await().atMost(Duration.ofSeconds(30)).until(() -> plain.answered() >= 2_000 && tls.answered() >= 2_000);
			shout.terminate();
			int exitCode = shout.awaitExit(GRACE_PERIOD.plus(DRAIN_TIMEOUT).plusSeconds(3));
			LoadClient.Totals plainTotals = plain.awaitClosed(Duration.ofSeconds(10));
			TlsLoad.Totals tlsTotals = tls.awaitClosed(Duration.ofSeconds(10));

			Matcher report = shout.line(REPORT);
			System.out.printf("Shout, SIGTERM: exit %d; %s; %s; %s; plain clients: %s; TLS clients: %s%n", exitCode,
					report.group(), traffic(shout, "plainServer").group(), traffic(shout, "tlsServer").group(),
					plainTotals, tlsTotals);
			assertThat(exitCode).isEqualTo(143);
			assertThat(report.group(1)).isEqualTo("DRAINED");
			assertThat(Integer.parseInt(report.group(2))).isEqualTo(2 * (BUSY_CLIENTS + IDLE_CLIENTS));
			long plainRead = Long.parseLong(traffic(shout, "plainServer").group(1));
			assertThat(Long.parseLong(traffic(shout, "plainServer").group(2))).isEqualTo(plainRead)
				.isEqualTo(plainTotals.answered());
			assertThat(plainTotals.wrong()).isZero();
			assertThat(plainTotals.unanswered()).isEqualTo(plainTotals.sent() - plainRead)
				.isLessThanOrEqualTo(BUSY_CLIENTS);
			assertThat(plainTotals.idleClosed()).isEqualTo(IDLE_CLIENTS);
			long tlsRead = Long.parseLong(traffic(shout, "tlsServer").group(1));
			assertThat(Long.parseLong(traffic(shout, "tlsServer").group(2))).isEqualTo(tlsRead)
				.isEqualTo(tlsTotals.answered());
			assertThat(tlsTotals.wrong()).isZero();
			assertThat(tlsTotals.sent() - tlsTotals.answered()).isLessThanOrEqualTo(BUSY_CLIENTS);
			assertThat(tlsTotals.idleClosed()).isEqualTo(IDLE_CLIENTS);
			assertThat(shout.log()).noneMatch((line) -> line.contains("Exception") || line.contains(" ERROR "));
		}
	}

	private static Matcher traffic(GatewayProcess process, String server) {
		return process.line(Pattern.compile("TCP server '" + server + "' read (\\d+) requests and wrote (\\d+) replies"));
	}

	/**
	 * TLS clients of the length-header server: busy ones send frames back to back and check each reply, idle ones
	 * complete the handshake and wait for the server to close.
	 */
	private static final class TlsLoad implements AutoCloseable {

		private final SSLContext context;

		private final int port;

		private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

		private final List<Future<long[]>> busy = new ArrayList<>();

		private final List<Future<Boolean>> idle = new ArrayList<>();

		private final AtomicLong answered = new AtomicLong();

		TlsLoad(SSLContext context, int port) {
			this.context = context;
			this.port = port;
		}

		void openIdle(int count) throws IOException {
			for (int i = 0; i < count; i++) {
				LengthHeaderClient client = connect();
				this.idle.add(this.threads.submit(client::isClosedByServer));
			}
		}

		void startBusy(int count) throws IOException {
			for (int i = 0; i < count; i++) {
				LengthHeaderClient client = connect();
				int number = i;
				this.busy.add(this.threads.submit(() -> sendUntilClosed(number, client)));
			}
		}

		long answered() {
			return this.answered.get();
		}

		Totals awaitClosed(Duration timeout) throws Exception {
			long sent = 0;
			long answeredTotal = 0;
			long wrong = 0;
			for (Future<long[]> client : this.busy) {
				long[] tally = client.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
				sent += tally[0];
				answeredTotal += tally[1];
				wrong += tally[2];
			}
			long idleClosed = 0;
			for (Future<Boolean> client : this.idle) {
				idleClosed += client.get(timeout.toMillis(), TimeUnit.MILLISECONDS) ? 1 : 0;
			}
			return new Totals(sent, answeredTotal, wrong, idleClosed);
		}

		private LengthHeaderClient connect() throws IOException {
			SSLSocket socket = (SSLSocket) this.context.getSocketFactory().createSocket("127.0.0.1", this.port);
			socket.startHandshake();
			return new LengthHeaderClient(socket, Duration.ofSeconds(30));
		}

		private long[] sendUntilClosed(int client, LengthHeaderClient connection) throws IOException {
			long[] tally = new long[3];
			try (connection) {
				for (long request = 0;; request++) {
					String frame = "tls client #" + client + ", count " + request;
					try {
						connection.send(frame);
						tally[0]++;
						String reply = connection.read();
						tally[1]++;
						this.answered.incrementAndGet();
						if (!reply.equals(frame.toUpperCase(Locale.ROOT))) {
							tally[2]++;
						}
					}
					catch (SocketTimeoutException ex) {
						throw ex;
					}
					catch (IOException ex) {
						return tally;
					}
				}
			}
		}

		@Override
		public void close() {
			this.threads.shutdownNow();
		}

		/**
		 * What the TLS clients saw.
		 *
		 * @param sent frames written by busy clients
		 * @param answered replies they received
		 * @param wrong replies that were not the capitals of their frame
		 * @param idleClosed idle clients whose connection the server closed
		 */
		record Totals(long sent, long answered, long wrong, long idleClosed) {

		}

	}

}
