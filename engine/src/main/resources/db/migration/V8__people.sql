-- People (issue 11, item 6): Camunda 7 has no "disabled" flag on users, so the platform keeps it here.
-- A user without a row is active; the authentication provider refuses a user whose row says active = false.
CREATE TABLE user_status (
    user_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    active     BOOLEAN      NOT NULL,
    changed_by VARCHAR(64)  NOT NULL,
    changed_at TIMESTAMP    NOT NULL
);
