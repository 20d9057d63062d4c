package io.refinery.engine.people;

import io.refinery.engine.system.AccountStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Table {@code user_status} (V8): the users an administrator disabled (Camunda's users have no such flag). A user
 * without a row is active. Also the lock that serializes changes which could leave no active admin.
 */
@Repository
class PeopleRepository implements AccountStatus {
    private final JdbcTemplate jdbc;

    PeopleRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isDisabled(String userId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM user_status WHERE user_id = ? AND active = FALSE",
                Integer.class, userId);
        return n != null && n > 0;
    }

    Set<String> disabled() {
        return new HashSet<>(jdbc.queryForList("SELECT user_id FROM user_status WHERE active = FALSE", String.class));
    }

    void setActive(String userId, boolean active, String by) {
        Timestamp now = Timestamp.from(Instant.now());
        if (jdbc.update("UPDATE user_status SET active = ?, changed_by = ?, changed_at = ? WHERE user_id = ?", active, by,
                now, userId) == 0) {
            jdbc.update("INSERT INTO user_status (user_id, active, changed_by, changed_at) VALUES (?, ?, ?, ?)", userId,
                    active, by, now);
        }
    }

    void forget(String userId) {
        jdbc.update("DELETE FROM user_status WHERE user_id = ?", userId);
    }

    /**
     * Locks Camunda's row of group {@code groupId} until the transaction ends: two administrators demoting each
     * other at once are served one after the other, so the second sees that the first left only one admin.
     */
    void lockGroup(String groupId) {
        jdbc.queryForList("SELECT ID_ FROM ACT_ID_GROUP WHERE ID_ = ? FOR UPDATE", String.class, groupId);
    }
}
