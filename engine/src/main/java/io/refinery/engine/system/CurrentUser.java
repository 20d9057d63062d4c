package io.refinery.engine.system;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The signed-in user as the services see it: id, Camunda groups, roles. */
public record CurrentUser(String id, List<String> groups, List<String> roles) {

    public static CurrentUser get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw ApiException.forbidden("not signed in");
        }
        List<String> authorities = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        return new CurrentUser(auth.getName(),
                authorities.stream().filter(a -> a.startsWith("GROUP_")).map(a -> a.substring(6)).toList(),
                authorities.stream().filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).toList());
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
