package io.refinery.engine.catalog;

import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.BearerTokens;
import io.refinery.engine.system.Sha256;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * API tokens of consumers. The secret ({@code rfy_} + 32 random bytes) is returned once, at creation; the engine
 * keeps only its SHA-256, so a leaked database does not leak tokens. A revoked token stops working at once.
 */
@Service
public class ApiTokens implements BearerTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token as managers see it (never the secret). */
    public record Token(long id, String name, String consumer, String createdBy, Instant createdAt, String revokedBy,
                        Instant revokedAt) {
    }

    /** A new token with its secret, shown once. */
    public record Created(Token token, String secret) {
    }

    private final JdbcTemplate jdbc;

    public ApiTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Created create(String name, String user) {
        if (name == null || !name.matches("[a-zA-Z0-9][a-zA-Z0-9._-]{0,99}")) {
            throw ApiException.badRequest("token name '" + name + "': letters, digits, '.', '_' or '-' (max 100)");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = "rfy_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            jdbc.update("INSERT INTO api_token (name, token_hash, created_by, created_at) VALUES (?, ?, ?, ?)", name,
                    hash(secret), user, Timestamp.from(Instant.now()));
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("a token named '" + name + "' exists already; tokens keep their name after"
                    + " revocation, so choose another");
        }
        return new Created(byName(name).orElseThrow(), secret);
    }

    public void revoke(long id, String user) {
        if (jdbc.update("UPDATE api_token SET revoked_by = ?, revoked_at = ? WHERE id = ? AND revoked_at IS NULL", user,
                Timestamp.from(Instant.now()), id) == 0 && byId(id).isEmpty()) {
            throw ApiException.notFound("API token " + id);
        }
    }

    private static final String SELECT = "SELECT id, name, created_by, created_at, revoked_by, revoked_at FROM api_token";

    private static Token row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        Timestamp revoked = rs.getTimestamp(6);
        return new Token(rs.getLong(1), rs.getString(2), Consumers.TOKEN_PREFIX + rs.getString(2), rs.getString(3),
                rs.getTimestamp(4).toInstant(), rs.getString(5), revoked == null ? null : revoked.toInstant());
    }

    public List<Token> all() {
        return jdbc.query(SELECT + " ORDER BY name", ApiTokens::row);
    }

    Optional<Token> byId(long id) {
        return jdbc.query(SELECT + " WHERE id = ?", ApiTokens::row, id).stream().findFirst();
    }

    Optional<Token> byName(String name) {
        return jdbc.query(SELECT + " WHERE name = ?", ApiTokens::row, name).stream().findFirst();
    }

    @Override
    public Optional<String> principalOf(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 200) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT name FROM api_token WHERE token_hash = ? AND revoked_at IS NULL", String.class,
                hash(secret)).stream().findFirst().map(name -> Consumers.TOKEN_PREFIX + name);
    }

    static String hash(String secret) {
        return Sha256.hex(secret);
    }
}
