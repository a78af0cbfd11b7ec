package io.echogateway.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.jspecify.annotations.Nullable;

/**
 * Calls the actuator over real HTTP, with or without HTTP Basic credentials.
 */
public final class ActuatorClient {

	private final HttpClient http;

	private final String baseUri;

	private final @Nullable InetAddress localAddress;

	private final @Nullable String authorization;

	private ActuatorClient(String baseUri, @Nullable InetAddress localAddress, @Nullable String authorization) {
		HttpClient.Builder http = HttpClient.newBuilder();
		if (localAddress != null) {
			http.localAddress(localAddress);
		}
		this.http = http.build();
		this.baseUri = baseUri;
		this.localAddress = localAddress;
		this.authorization = authorization;
	}

	/**
	 * Create a client without credentials.
	 * @param baseUri the actuator's base URI
	 * @return the client
	 */
	public static ActuatorClient anonymous(String baseUri) {
		return new ActuatorClient(baseUri, null, null);
	}

	/**
	 * Return a client that connects from this local address, such as {@code 127.0.0.2} on loopback.
	 * @param localAddress the address the server sees as the remote address
	 * @return the client
	 */
	public ActuatorClient from(InetAddress localAddress) {
		return new ActuatorClient(this.baseUri, localAddress, this.authorization);
	}

	/**
	 * Return a client that sends these credentials.
	 * @param username the user
	 * @param password the password
	 * @return the client
	 */
	public ActuatorClient as(String username, String password) {
		String token = Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		return new ActuatorClient(this.baseUri, this.localAddress, "Basic " + token);
	}

	public Reply get(String path) throws IOException, InterruptedException {
		return send(request(path).GET());
	}

	/**
	 * POST without a body and without a {@code Content-Type}, as {@code curl -X POST} does.
	 * @param path the path under the actuator's base URI
	 * @return the response
	 * @throws IOException if the request fails
	 * @throws InterruptedException if interrupted
	 */
	public Reply post(String path) throws IOException, InterruptedException {
		return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
	}

	public Reply post(String path, @Nullable String json) throws IOException, InterruptedException {
		HttpRequest.BodyPublisher body = (json != null) ? HttpRequest.BodyPublishers.ofString(json)
				: HttpRequest.BodyPublishers.noBody();
		return send(request(path).header("Content-Type", "application/json").POST(body));
	}

	public Reply post(String path, String contentType, String body) throws IOException, InterruptedException {
		return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	public Reply delete(String path) throws IOException, InterruptedException {
		return send(request(path).DELETE());
	}

	/**
	 * Read one sample from the Prometheus text.
	 * @param sample the sample's name and labels, as written in the text
	 * @return its value
	 * @throws IOException if the request fails
	 * @throws InterruptedException if interrupted
	 */
	public double prometheus(String sample) throws IOException, InterruptedException {
		String text = get("/prometheus").body();
		Matcher value = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(text);
		if (!value.find()) {
			throw new AssertionError("No sample " + sample + " in:\n" + text);
		}
		return Double.parseDouble(value.group(1));
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUri + path));
		if (this.authorization != null) {
			builder.header("Authorization", this.authorization);
		}
		return builder;
	}

	private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Reply(response.statusCode(), response.headers(), response.body());
	}

	/**
	 * One HTTP response.
	 *
	 * @param status the status code
	 * @param headers the headers
	 * @param body the body
	 */
	public record Reply(int status, HttpHeaders headers, String body) {

		/**
		 * Read a value from the JSON body.
		 * @param <T> the value's type
		 * @param path a JSON path, such as {@code $.state}
		 * @return the value
		 */
		public <T> T json(String path) {
			return JsonPath.read(this.body, path);
		}

	}

}
