package io.refinery.engine.system;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

/**
 * Every machine door is authenticated: the product API ({@code /api/**}) and Camunda's REST API
 * ({@code /engine-rest/**}, open by default in Camunda). HTTP Basic, stateless; 401 without credentials,
 * 403 for a role that may not ({@code /api/admin/**}: admins only, refused before the body is read). The worker role
 * may use only the external-task part of Camunda's REST API.
 * Consumers' API tokens ({@code Authorization: Bearer}) are accepted on the catalog's consumer paths
 * ({@link #BEARER_PATHS}) and nowhere else.
 */
@Configuration
@EnableMethodSecurity
public class ApiSecurity {
    /** Where an API token may stand in for a user: reading released data and posting model feedback. */
    public static final RequestMatcher BEARER_PATHS = new OrRequestMatcher(List.of(
            antMatcher("/api/catalog/datasets"), antMatcher("/api/catalog/datasets/*"),
            antMatcher("/api/catalog/datasets/*/feedback"), antMatcher("/api/catalog/releases/*"),
            antMatcher("/api/catalog/releases/*/items"), antMatcher("/api/catalog/releases/*/bundle.zip"),
            antMatcher("/api/catalog/releases/*/datasheet"), antMatcher("/api/catalog/releases/*/report"),
            antMatcher("/api/catalog/releases/*/report.html")));

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ObjectProvider<BearerTokens> bearerTokens) throws Exception {
        BearerTokens tokens = bearerTokens.getIfAvailable();
        if (tokens != null) {
            http.addFilterBefore(new BearerTokenFilter(BEARER_PATHS,
                    new ProviderManager(new BearerTokenAuthentication.Provider(tokens))), BasicAuthenticationFilter.class);
        }
        // Camunda's REST API is a Jersey servlet, not Spring MVC: match paths as plain Ant patterns
        return http.securityMatcher(new org.springframework.security.web.util.matcher.OrRequestMatcher(
                        antMatcher("/api/**"), antMatcher("/engine-rest/**")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(antMatcher("/engine-rest/external-task/**")).hasAnyRole(Roles.WORKER, Roles.ADMIN)
                        .requestMatchers(antMatcher("/engine-rest/**")).hasRole(Roles.ADMIN)
                        .requestMatchers(antMatcher("/api/admin/**")).hasRole(Roles.ADMIN)
                        .requestMatchers(antMatcher("/api/**")).authenticated()
                        .anyRequest().denyAll())
                .httpBasic(b -> b.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
