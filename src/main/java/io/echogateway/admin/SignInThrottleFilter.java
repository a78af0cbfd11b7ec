package io.echogateway.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 to a request with credentials from a locked-out address, before its credentials are checked.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

	private final SignInThrottle throttle;

	SignInThrottleFilter(SignInThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Duration> lockOut = (request.getHeader(HttpHeaders.AUTHORIZATION) != null)
				? this.throttle.retryAfter(request.getRemoteAddr()) : Optional.empty();
		if (lockOut.isPresent()) {
			refuse(response, lockOut.get());
		}
		else {
			chain.doFilter(request, response);
		}
	}

	private static void refuse(HttpServletResponse response, Duration lockOut) throws IOException {
		long seconds = lockOut.plusSeconds(1).minusNanos(1).toSeconds();
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		response.getWriter()
			.write("{\"message\":\"Too many failed sign-ins from this address; try again in " + seconds
					+ " seconds.\"}");
	}

}
