package io.refinery.engine.system;

import io.refinery.workflows.Groups;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The accounts a platform needs without demo users. On a database where nobody is in group {@code admins}, user
 * {@code admin} (groups admins, managers) gets the password {@code refinery.admin-password}, or a generated one
 * (SecureRandom, 20 characters) that is logged once in a banner and written to
 * {@code <data-dir>/initial-admin-password.txt}, readable by its owner only. When {@code refinery.worker-password}
 * is set (the launcher does so for its workers), account {@code worker} in group workers has that password.
 * Runs after {@link DemoUsers}: with demo users on, their admin is already there and nothing happens.
 */
@Component
@Order(1)
class InitialAccounts implements ApplicationRunner {
    static final String ADMIN = "admin";
    static final String WORKER = "worker";
    static final String PASSWORD_FILE = "initial-admin-password.txt";
    static final int MIN_PASSWORD = 8;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(InitialAccounts.class);

    private final IdentityService identity;
    private final RefineryProperties properties;
    private final IdentityAuthenticationProvider authentication;

    InitialAccounts(IdentityService identity, RefineryProperties properties, IdentityAuthenticationProvider authentication) {
        this.identity = identity;
        this.properties = properties;
        this.authentication = authentication;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (identity.createUserQuery().memberOfGroup(Groups.ADMINS).count() == 0) {
            createAdmin();
        }
        if (properties.workerPassword() != null && !properties.workerPassword().isBlank()) {
            ensure(WORKER, checked("refinery.worker-password", properties.workerPassword()), "Worker", "Account",
                    List.of(Groups.WORKERS));
        }
        authentication.evictAll();
    }

    private void createAdmin() {
        String configured = properties.adminPassword();
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? generate(20) : checked("refinery.admin-password", configured);
        ensure(ADMIN, password, "Admin", "Administrator", List.of(Groups.ADMINS, Groups.MANAGERS));
        if (!generated) {
            log.info("No administrator yet: created user '{}' with the password of refinery.admin-password", ADMIN);
            return;
        }
        Path file = properties.dataDir().resolve(PASSWORD_FILE);
        writeOwnerOnly(file, password + "\n");
        log.warn("""

                ================================================================================
                  No administrator yet: created user '{}' with the generated password

                      {}

                  It is shown only this once, and kept in {} (readable by its owner only).
                  Sign in, open People (/admin/people) and set a password of your own.
                ================================================================================""",
                ADMIN, password, file.toAbsolutePath().normalize());
    }

    /** The user exists, is in {@code groups}, and has {@code password}; other users and groups stay as they are. */
    private void ensure(String id, String password, String firstName, String lastName, List<String> groups) {
        User user = identity.createUserQuery().userId(id).singleResult();
        if (user == null) {
            user = identity.newUser(id);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(id + "@refinery.local");
            user.setPassword(password);
            identity.saveUser(user);
        } else if (!identity.checkPassword(id, password)) {
            user.setPassword(password);
            identity.saveUser(user);
            identity.unlockUser(id);
            log.info("Set the password of user '{}'", id);
        }
        for (String group : groups) {
            if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
                identity.createMembership(id, group);
            }
        }
    }

    private static String checked(String key, String password) {
        if (password.length() < MIN_PASSWORD) {
            throw new IllegalStateException(key + " must be at least " + MIN_PASSWORD + " characters");
        }
        return password;
    }

    static String generate(int length) {
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static void writeOwnerOnly(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
                file.toFile().setWritable(false, false);
                file.toFile().setWritable(true, true);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
