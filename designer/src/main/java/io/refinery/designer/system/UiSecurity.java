package io.refinery.designer.system;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.refinery.designer.login.LoginView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The browser door: form login with the {@link LoginView}, a session, Vaadin's CSRF handling, logout, and
 * route access control ({@code @PermitAll}, {@code @RolesAllowed} on views).
 *
 * <p>It never matches the machine doors ({@code /api/**}, {@code /engine-rest/**}); those belong to the engine's
 * stateless HTTP Basic chain ({@code ApiSecurity}, order 1), which is asked first anyway. Users, passwords and roles
 * come from the engine's {@code IdentityAuthenticationProvider} (Camunda's identity service): it is the only
 * {@code AuthenticationProvider} bean, so Spring Boot makes it the global authentication manager for both chains.
 *
 * <p>Built with {@link VaadinSecurityConfigurer}, Vaadin 24.9's replacement for {@code VaadinWebSecurity}, which
 * 24.9 deprecates for removal.
 */
@Configuration
@EnableWebSecurity
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
public class UiSecurity {
    /** After the engine's API chain (order 1). */
    public static final int ORDER = 10;

    static final RequestMatcher MACHINE_DOORS = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/engine-rest/**"));

    @Bean
    @Order(ORDER)
    SecurityFilterChain uiChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(new NegatedRequestMatcher(MACHINE_DOORS))
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class))
                .build();
    }
}
