package io.echogateway.drain.autoconfigure;

import java.net.BindException;
import java.util.Locale;

import io.echogateway.drain.tracking.TcpServerListenException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a TCP server that could not listen in one sentence, as Spring Boot does for its web server's port.
 */
final class TcpServerListenFailureAnalyzer extends AbstractFailureAnalyzer<TcpServerListenException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TcpServerListenException cause) {
		String server = "TCP server '" + cause.getServer() + "'";
		int port = cause.getPort();
		if (isPortInUse(cause.getCause())) {
			return new FailureAnalysis(server + " failed to start. Port " + port + " was already in use.",
					"Identify and stop the process that's listening on port " + port + ", or change the port of "
							+ server + ".",
					cause);
		}
		return new FailureAnalysis(cause.getMessage() + ".", "Change the port or the local address of " + server
				+ " to one this process may listen on.", cause);
	}

	private static boolean isPortInUse(Throwable bindFailure) {
		return bindFailure instanceof BindException && bindFailure.getMessage() != null
				&& bindFailure.getMessage().toLowerCase(Locale.ROOT).contains("in use");
	}

}
