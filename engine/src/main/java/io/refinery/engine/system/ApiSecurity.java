package io.refinery.engine.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;

import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

/**
 * Every machine door is authenticated: the product API ({@code /api/**}) and Camunda's REST API
 * ({@code /engine-rest/**}, open by default in Camunda). HTTP Basic, stateless; 401 without credentials,
 * 403 for a role that may not. The worker role may use only the external-task part of Camunda's REST API.
 */
@Configuration
@EnableMethodSecurity
public class ApiSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http) throws Exception {
        // Camunda's REST API is a Jersey servlet, not Spring MVC: match paths as plain Ant patterns
        return http.securityMatcher(new org.springframework.security.web.util.matcher.OrRequestMatcher(
                        antMatcher("/api/**"), antMatcher("/engine-rest/**")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(antMatcher("/engine-rest/external-task/**")).hasAnyRole(Roles.WORKER, Roles.ADMIN)
                        .requestMatchers(antMatcher("/engine-rest/**")).hasRole(Roles.ADMIN)
                        .requestMatchers(antMatcher("/api/**")).authenticated()
                        .anyRequest().denyAll())
                .httpBasic(b -> b.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
