package io.refinery.engine.system;

/**
 * Whether an account may sign in at all, beside its password: Camunda 7 has no "disabled" flag on users, so the
 * people module keeps one and the authentication provider asks it.
 */
public interface AccountStatus {

    /** True when an administrator disabled the user; unknown users are not disabled. */
    boolean isDisabled(String userId);
}
