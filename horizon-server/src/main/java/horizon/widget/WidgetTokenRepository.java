package horizon.widget;

import horizon.helpdesk.configuration.HelpdeskDatabaseChanged;
import org.springframework.context.event.EventListener;
import horizon.account.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores widget codes and tokens by the SHA-256 of their text. */
@Repository
class WidgetTokenRepository {

    /** The three kinds of widget token. */
    enum Kind { CODE, ACCESS, REFRESH }

    /** A stored token, without its text (which is never stored). */
    record StoredToken(long id, long accountId, long userId, String psaOrigin, Kind kind, String family,
                       String stateHash, String signIn, Instant createdAt, Instant expiresAt, Instant usedAt,
                       Instant revokedAt) {
    }

    private static final String COLUMNS = """
            id, account_id, user_id, psa_origin, kind, family, state_hash, sign_in, created_at, expires_at, used_at,
            revoked_at""";

    private final JdbcClient jdbc;

    WidgetTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long accountId, long userId, String psaOrigin, Kind kind, String tokenHash, String family,
                String stateHash, String signIn, Instant createdAt, Instant expiresAt) {
        jdbc.sql("""
                insert into widget_tokens (account_id, user_id, psa_origin, kind, token_hash, family, state_hash,
                                           sign_in, created_at, expires_at)
                values (:accountId, :userId, :origin, :kind, :hash, :family, :stateHash, :signIn, :createdAt,
                        :expiresAt)
                """)
                .param("accountId", accountId).param("userId", userId).param("origin", psaOrigin)
                .param("kind", kind.name()).param("hash", tokenHash).param("family", family)
                .param("stateHash", stateHash).param("signIn", signIn)
                .param("createdAt", Timestamps.column(createdAt)).param("expiresAt", Timestamps.column(expiresAt))
                .update();
    }

    /** A token of this kind by its hash, whatever its state (the caller judges expiry, use and revocation). */
    Optional<StoredToken> find(Kind kind, String tokenHash) {
        return jdbc.sql("select " + COLUMNS + " from widget_tokens where token_hash = :hash and kind = :kind")
                .param("hash", tokenHash).param("kind", kind.name())
                .query(WidgetTokenRepository::map).optional();
    }

    /** Marks a token used (a code redeemed, a refresh token rotated); false when it was used already. */
    boolean markUsed(long accountId, long id, Instant at) {
        return jdbc.sql("""
                update widget_tokens set used_at = :at
                 where account_id = :accountId and id = :id and used_at is null and revoked_at is null
                """)
                .param("at", Timestamps.column(at)).param("accountId", accountId).param("id", id).update() == 1;
    }

    /** Revokes every token of one sign-in. */
    int revokeFamily(long accountId, String family, Instant at) {
        return jdbc.sql("""
                update widget_tokens set revoked_at = :at
                 where account_id = :accountId and family = :family and revoked_at is null
                """)
                .param("at", Timestamps.column(at)).param("accountId", accountId).param("family", family).update();
    }

    /** Accounts that have tokens, for the periodic clean-up. */
    List<Long> accountsWithTokens() {
        return jdbc.sql("select distinct account_id from widget_tokens").query(Long.class).list();
    }

    /** Removes the account's tokens that expired before {@code before}. */
    int deleteExpired(long accountId, Instant before) {
        return jdbc.sql("delete from widget_tokens where account_id = :accountId and expires_at < :before")
                .param("accountId", accountId).param("before", Timestamps.column(before)).update();
    }

    private static StoredToken map(ResultSet rs, int row) throws SQLException {
        return new StoredToken(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("user_id"),
                rs.getString("psa_origin"), Kind.valueOf(rs.getString("kind")), rs.getString("family"),
                rs.getString("state_hash"), rs.getString("sign_in"), Timestamps.read(rs, "created_at"),
                Timestamps.read(rs, "expires_at"), Timestamps.read(rs, "used_at"), Timestamps.read(rs, "revoked_at"));
    }

    /** Another PSA database: widget sign-ins were of the old one's members. */
    @EventListener
    void databaseChanged(HelpdeskDatabaseChanged changed) {
        changed.removeRows(jdbc, "widget_tokens");
    }
}
