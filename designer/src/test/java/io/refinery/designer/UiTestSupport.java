package io.refinery.designer;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import io.refinery.engine.dataset.Demand;
import io.refinery.engine.dataset.DemandService;
import io.refinery.engine.system.IdentityAuthenticationProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import kotlin.jvm.functions.Function0;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Browserless UI tests (Karibu) against the whole platform: the real Spring context with engine, Camunda and the
 * UI security on an in-memory H2. Users sign in through the engine's own authentication provider (the demo users),
 * so views see exactly the authorities the login form would give.
 */
@SpringBootTest(classes = RefineryApplication.class, properties = {
        "spring.datasource.url=jdbc:h2:mem:designer-ui;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
public abstract class UiTestSupport {
    static final Routes ROUTES = new Routes().autoDiscoverViews("io.refinery.designer");

    @Autowired
    private ApplicationContext context;
    @Autowired
    private IdentityAuthenticationProvider identity;
    @Autowired
    private DemandService demands;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        var dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "ui-test-data-");
        registry.add("refinery.data-dir", dir::toString);
    }

    @BeforeEach
    void setUpVaadin() {
        setUpVaadin(context);
    }

    /** Karibu's mock Vaadin over a platform context, in English. */
    public static void setUpVaadin(ApplicationContext context) {
        Function0<UI> uiFactory = UI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(ROUTES, context, uiFactory));
        VaadinSession.getCurrent().setLocale(Locale.ENGLISH); // whatever the JVM's default locale is
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }

    /**
     * Signs a demo user in (password = user id), as Spring Security's filter would: the security context for the
     * services, the request's principal and roles for Vaadin's route access control.
     */
    protected Authentication signIn(String user) {
        return signIn(identity, user);
    }

    /** {@link #signIn(String)} with the authentication provider of a context the test started itself. */
    public static Authentication signIn(IdentityAuthenticationProvider identity, String user) {
        Authentication auth = identity.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user, user));
        SecurityContext securityContext = SecurityContextHolder.createEmptyContext();
        securityContext.setAuthentication(auth);
        SecurityContextHolder.setContext(securityContext);
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(auth);
        request.setUserInRole((principal, role) -> auth.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + role)));
        return auth;
    }

    /** Files a demand as the manager; its process then waits at "Approve demand", offered to the managers. */
    protected DemandService.Started fileDemand(String datasetName) {
        return demands.start(demand(datasetName), "manager");
    }

    /** A small text-classification demand with uploaded sources. */
    public static Demand demand(String datasetName) {
        return new Demand(datasetName, "UI test", "text-classification", List.of("positive", "negative"),
                null, 100, null, null, "upload", null, null, null, null, null);
    }
}
