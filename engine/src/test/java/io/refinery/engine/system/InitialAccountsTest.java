package io.refinery.engine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refinery.engine.HeadlessEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** A plain start (no demo users) on a fresh database: one admin with a generated or a configured password. */
class InitialAccountsTest {

    private static ConfigurableApplicationContext start(Path dataDir, String db, String... extra) {
        String[] args = new String[4 + extra.length];
        args[0] = "--server.port=0";
        args[1] = "--refinery.data-dir=" + dataDir;
        args[2] = "--spring.datasource.url=jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1";
        args[3] = "--refinery.demo-users=false";
        System.arraycopy(extra, 0, args, 4, extra.length);
        return new SpringApplicationBuilder(HeadlessEngine.class).run(args);
    }

    private static Authentication signIn(ConfigurableApplicationContext ctx, String user, String password) {
        return ctx.getBean(IdentityAuthenticationProvider.class)
                .authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user, password));
    }

    private static boolean hasRole(Authentication auth, String role) {
        return auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(("ROLE_" + role)::equals);
    }

    @Test
    void aPlainStartCreatesOneAdminWithAGeneratedPasswordKeptForItsOwnerOnly() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target/test-data/initial-" + UUID.randomUUID()));
        String db = "initial" + UUID.randomUUID().toString().replace("-", "");
        Path file = dataDir.resolve(InitialAccounts.PASSWORD_FILE);
        String password;
        try (ConfigurableApplicationContext ctx = start(dataDir, db)) {
            assertThat(file).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            password = Files.readString(file).strip();
            assertThat(password).hasSize(20).matches("[A-Za-z0-9]{20}");
            Authentication admin = signIn(ctx, "admin", password);
            assertThat(hasRole(admin, Roles.ADMIN)).isTrue();
            assertThat(hasRole(admin, Roles.MANAGER)).isTrue();
            IdentityService identity = ctx.getBean(IdentityService.class);
            assertThat(identity.createUserQuery().list()).extracting(u -> u.getId()).containsExactly("admin");
        }
        Files.delete(file);
        try (ConfigurableApplicationContext again = start(dataDir, db)) {
            assertThat(file).as("an admin exists: nothing generated").doesNotExist();
            assertThat(hasRole(signIn(again, "admin", password), Roles.ADMIN)).isTrue();
            // last: a wrong password locks the account for a few seconds
            assertThatThrownBy(() -> signIn(again, "admin", "admin")).isInstanceOf(BadCredentialsException.class);
        }
    }

    @Test
    void takesTheConfiguredAdminAndWorkerPasswords() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target/test-data/initial-" + UUID.randomUUID()));
        String db = "configured" + UUID.randomUUID().toString().replace("-", "");
        try (ConfigurableApplicationContext ctx = start(dataDir, db, "--refinery.admin-password=configured-secret",
                "--refinery.worker-password=worker-secret")) {
            assertThat(dataDir.resolve(InitialAccounts.PASSWORD_FILE)).doesNotExist();
            assertThat(hasRole(signIn(ctx, "admin", "configured-secret"), Roles.ADMIN)).isTrue();
            Authentication worker = signIn(ctx, "worker", "worker-secret");
            assertThat(hasRole(worker, Roles.WORKER)).isTrue();
            assertThat(hasRole(worker, Roles.ADMIN)).isFalse();
        }
    }
}
