package io.echogateway.admin;

import java.time.Clock;

import io.echogateway.EchoGatewayProperties;
import io.echogateway.drain.actuate.ConnectionsEndpoint;
import io.echogateway.drain.actuate.DrainEndpoint;
import jakarta.servlet.DispatcherType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.actuate.context.ShutdownEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Opens health, info and metrics to everyone and puts the endpoints that show or change connections behind HTTP Basic
 * with the admin credentials, throttling addresses that fail to sign in.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AdminSecurityConfiguration {

	private static final Log logger = LogFactory.getLog(AdminSecurityConfiguration.class);

	@Bean
	SecurityFilterChain actuatorSecurity(HttpSecurity http, SignInThrottle signInThrottle) {
		return http
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(EndpointRequest.to(ConnectionsEndpoint.class, DrainEndpoint.class,
						ShutdownEndpoint.class))
				.hasRole(AdminAuthenticationProvider.ROLE)
				.requestMatchers(EndpointRequest.toAnyEndpoint())
				.permitAll()
				.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.anyRequest()
				.denyAll())
			.addFilterBefore(new SignInThrottleFilter(signInThrottle), BasicAuthenticationFilter.class)
			.httpBasic((basic) -> basic.realmName("echo-gateway"))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.build();
	}

	@Bean
	AdminAuthenticationProvider adminAuthentication(EchoGatewayProperties properties) {
		if (properties.admin().password() == null) {
			logger.warn("The admin endpoints (connections, drain, shutdown) answer 401 until a password is set with "
					+ "echo-gateway.admin.password or the environment variable ECHO_GATEWAY_ADMIN_PASSWORD.");
		}
		return new AdminAuthenticationProvider(properties.admin());
	}

	@Bean
	SignInThrottle signInThrottle() {
		return new SignInThrottle(Clock.systemUTC());
	}

}
