package io.refinery.engine.system;

import org.springframework.security.authentication.LockedException;

/**
 * Sign-in refused because the engine locked the account after wrong passwords (Camunda's login throttling: 3 s after
 * the first failures, growing to 60 s). Even the right password is refused until {@link #seconds()} have passed, so
 * the user must be told that, not "wrong password".
 */
public class AccountLockedException extends LockedException {
    private final long seconds;

    public AccountLockedException(String user, long seconds) {
        super("account '" + user + "' is locked after wrong passwords; try again in " + seconds + " s");
        this.seconds = seconds;
    }

    public long seconds() {
        return seconds;
    }
}
