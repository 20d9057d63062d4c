package io.refinery.engine.catalog;

import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;

/**
 * Who reads the catalog. A consumer is {@code user:<id>} (a signed-in user) or {@code token:<name>} (an API token;
 * Camunda user ids cannot hold a colon, so the two never clash). Managers and admins read every release; experts
 * also see the catalog's metadata (versions, report, datasheet, diff); everybody else needs a grant.
 */
public final class Consumers {
    static final String TOKEN_PREFIX = "token:";
    static final String USER_PREFIX = "user:";

    private Consumers() {
    }

    /** {@code user:<id>} or {@code token:<name>}: how grants and the usage log name the signed-in consumer. */
    public static String of(CurrentUser user) {
        return user.id().startsWith(TOKEN_PREFIX) ? user.id() : USER_PREFIX + user.id();
    }

    /** Reads every release's data without a grant. */
    static boolean readsAll(CurrentUser user) {
        return user.hasRole(Roles.MANAGER) || user.hasRole(Roles.ADMIN);
    }

    /** Sees every dataset and version in the catalog (not necessarily their items). */
    static boolean seesAll(CurrentUser user) {
        return readsAll(user) || user.hasRole(Roles.EXPERT);
    }

    /** {@code user:ann1}, {@code token:x}, or a bare user id (taken as a user). */
    static String normalize(String consumer) {
        String c = consumer == null ? "" : consumer.trim();
        if (c.startsWith(TOKEN_PREFIX) || c.startsWith(USER_PREFIX)) {
            return c;
        }
        return USER_PREFIX + c;
    }
}
