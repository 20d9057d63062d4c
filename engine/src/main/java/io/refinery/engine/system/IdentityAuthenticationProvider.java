package io.refinery.engine.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Authenticates against Camunda's identity service (users and groups live in the engine's database), so a
 * user's candidate groups and roles are one and the same. Successful checks are cached briefly, keyed by a
 * hash of user and password, because workers send credentials with every request. A user an administrator disabled
 * ({@link AccountStatus}) is refused even with the right password; every change of a password, of groups or of the
 * status evicts the cache ({@link #evictAll()}), so it takes effect at the next request.
 */
@Component
public class IdentityAuthenticationProvider implements AuthenticationProvider {

    private record Verified(List<GrantedAuthority> authorities, long until) {
    }

    private final IdentityService identityService;
    private final ObjectProvider<AccountStatus> status;
    private final long cacheMillis;
    private final Map<String, Verified> cache = new ConcurrentHashMap<>();

    public IdentityAuthenticationProvider(IdentityService identityService, RefineryProperties properties,
                                          ObjectProvider<AccountStatus> status) {
        this.identityService = identityService;
        this.status = status;
        this.cacheMillis = Duration.ofSeconds(properties.authCacheSeconds()).toMillis();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        String key = cacheKey(user, password);
        Verified verified = cache.get(key);
        long now = System.currentTimeMillis();
        if (verified == null || verified.until() < now) {
            long lockedFor = lockedSeconds(user); // before the check: a failed check locks the account itself
            if (user == null || user.isBlank() || !identityService.checkPassword(user, password)) {
                cache.remove(key);
                if (lockedFor > 0) {
                    throw new AccountLockedException(user, lockedFor);
                }
                throw new BadCredentialsException("Bad user name or password");
            }
            AccountStatus accounts = status.getIfAvailable();
            if (accounts != null && accounts.isDisabled(user)) { // after the password: a stranger learns nothing
                throw new DisabledException("Account " + user + " is disabled");
            }
            verified = new Verified(authoritiesOf(user), now + cacheMillis);
            cache.put(key, verified);
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, verified.authorities());
    }

    /** Seconds until the engine unlocks an account it locked after wrong passwords; 0 when it is not locked. */
    long lockedSeconds(String user) {
        if (user == null || user.isBlank()) {
            return 0;
        }
        User found = identityService.createUserQuery().userId(user).singleResult();
        if (found instanceof UserEntity entity && entity.getLockExpirationTime() != null) {
            long millis = entity.getLockExpirationTime().getTime() - System.currentTimeMillis();
            return millis > 0 ? (millis + 999) / 1000 : 0;
        }
        return 0;
    }

    /** Forget cached checks, e.g. after a password or group change. */
    public void evictAll() {
        cache.clear();
    }

    List<GrantedAuthority> authoritiesOf(String user) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (Group group : identityService.createGroupQuery().groupMember(user).list()) {
            authorities.add(new SimpleGrantedAuthority("GROUP_" + group.getId()));
            String role = Roles.ofGroup(group.getId());
            if (role != null) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
            }
        }
        return List.copyOf(authorities);
    }

    private static String cacheKey(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.valueOf(user).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
