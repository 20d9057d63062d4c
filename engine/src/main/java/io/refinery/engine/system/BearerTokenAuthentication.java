package io.refinery.engine.system;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A bearer token as Spring Security sees it: unauthenticated with the secret from the header, then authenticated by
 * {@link Provider} with the token's principal name and role CONSUMER (the secret is dropped).
 */
public final class BearerTokenAuthentication extends AbstractAuthenticationToken {
    private final String principal;
    private String secret;

    private BearerTokenAuthentication(String principal, String secret, boolean authenticated) {
        super(authenticated ? List.of(new SimpleGrantedAuthority("ROLE_" + BearerTokens.ROLE)) : List.of());
        this.principal = principal;
        this.secret = secret;
        super.setAuthenticated(authenticated);
    }

    static BearerTokenAuthentication unauthenticated(String secret) {
        return new BearerTokenAuthentication(null, secret, false);
    }

    static BearerTokenAuthentication authenticated(String principal) {
        return new BearerTokenAuthentication(principal, null, true);
    }

    @Override
    public Object getCredentials() {
        return secret;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal;
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated) {
            throw new IllegalArgumentException("only the provider authenticates a bearer token");
        }
        super.setAuthenticated(false);
    }

    @Override
    public void eraseCredentials() {
        super.eraseCredentials();
        secret = null;
    }

    /** Checks the secret against the stored token hashes; not a bean (the identity provider stays the only one). */
    static final class Provider implements AuthenticationProvider {
        private final BearerTokens tokens;

        Provider(BearerTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            String secret = String.valueOf(authentication.getCredentials());
            return tokens.principalOf(secret).map(BearerTokenAuthentication::authenticated)
                    .orElseThrow(() -> new BadCredentialsException("unknown or revoked API token"));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return BearerTokenAuthentication.class.isAssignableFrom(authentication);
        }
    }
}
