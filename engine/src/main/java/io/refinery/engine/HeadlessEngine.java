package io.refinery.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The engine without the UI, for extra cluster nodes and tests. The full platform is the designer
 * application, which contains this engine.
 */
@SpringBootApplication
public class HeadlessEngine {

    public static void main(String[] args) {
        io.refinery.engine.system.H2Settings.apply();
        SpringApplication.run(HeadlessEngine.class, args);
    }

    /** Without the UI every other path is closed too: authenticated, HTTP Basic. */
    @Bean
    @Order(100)
    SecurityFilterChain headlessFallback(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.requestMatchers("/error").permitAll().anyRequest().authenticated())
                .httpBasic(b -> {
                })
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
