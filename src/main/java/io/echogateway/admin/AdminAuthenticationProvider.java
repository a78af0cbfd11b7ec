package io.echogateway.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import io.echogateway.EchoGatewayProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Signs the admin in by comparing SHA-256 digests of the presented and the configured credentials in constant time, so
 * that a wrong guess costs microseconds instead of a slow password hash.
 */
final class AdminAuthenticationProvider implements AuthenticationProvider {

	/**
	 * The role the admin is granted and the admin endpoints require.
	 */
	static final String ROLE = "ADMIN";

	private static final List<GrantedAuthority> AUTHORITIES = AuthorityUtils.createAuthorityList("ROLE_" + ROLE);

	private final byte[] username;

	private final byte @Nullable [] password;

	AdminAuthenticationProvider(EchoGatewayProperties.Admin admin) {
		this.username = digest(admin.username());
		this.password = (admin.password() != null) ? digest(admin.password()) : null;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		boolean username = MessageDigest.isEqual(this.username, digest(authentication.getName()));
		boolean password = this.password != null
				&& MessageDigest.isEqual(this.password, digest(String.valueOf(authentication.getCredentials())));
		if (!(username & password)) {
			throw new BadCredentialsException("Bad credentials");
		}
		return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null, AUTHORITIES);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private static byte[] digest(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
