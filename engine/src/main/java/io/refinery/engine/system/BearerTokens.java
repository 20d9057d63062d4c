package io.refinery.engine.system;

import java.util.Optional;

/**
 * Verifies the secret of an {@code Authorization: Bearer <token>} header. Implemented by the catalog (API tokens of
 * consumers); the API chain accepts bearer tokens only on the paths of {@link ApiSecurity#BEARER_PATHS}.
 */
public interface BearerTokens {

    /** The principal name of a valid, unrevoked token (e.g. {@code token:reports-team}); empty otherwise. */
    Optional<String> principalOf(String secret);

    /** Role every token holder gets. */
    String ROLE = Roles.CONSUMER;
}
