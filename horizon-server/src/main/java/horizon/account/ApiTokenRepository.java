package horizon.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Stores personal API tokens by the SHA-256 of their text. */
@Repository
public class ApiTokenRepository {

    private static final String SELECT = """
            select t.id, t.account_id, t.user_id, u.email, t.name, t.created_at, t.last_used_at, t.revoked_at
            from api_tokens t join users u on u.id = t.user_id
            """;

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ApiToken insert(long accountId, HorizonUser owner, String name, String tokenHash, Instant createdAt) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into api_tokens (account_id, user_id, name, token_hash, created_at)
                values (:accountId, :userId, :name, :hash, :createdAt)
                """)
                .param("accountId", accountId)
                .param("userId", owner.id())
                .param("name", name)
                .param("hash", tokenHash)
                .param("createdAt", Timestamps.column(createdAt))
                .update(keys, "id");
        return new ApiToken(keys.getKey().longValue(), accountId, owner.id(), owner.email(), name, createdAt, null, null);
    }

    public List<ApiToken> findByAccount(long accountId) {
        return jdbc.sql(SELECT + " where t.account_id = :accountId order by t.created_at desc, t.id desc")
                .param("accountId", accountId)
                .query(ApiTokenRepository::map)
                .list();
    }

    /** The enabled user an active token belongs to. */
    Optional<HorizonUser> findActiveOwner(String tokenHash) {
        return jdbc.sql("""
                select u.id, u.account_id, u.email, u.display_name, u.role, u.enabled, u.created_at
                from api_tokens t join users u on u.id = t.user_id and u.account_id = t.account_id
                where t.token_hash = :hash and t.revoked_at is null and u.enabled = true
                """)
                .param("hash", tokenHash)
                .query((rs, row) -> new HorizonUser(rs.getLong("id"), rs.getLong("account_id"), rs.getString("email"),
                        rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
                        Timestamps.read(rs, "created_at")))
                .optional();
    }

    void markUsed(String tokenHash, Instant at) {
        jdbc.sql("update api_tokens set last_used_at = :at where token_hash = :hash")
                .param("at", Timestamps.column(at))
                .param("hash", tokenHash)
                .update();
    }

    boolean revoke(long accountId, long tokenId, Instant at) {
        return jdbc.sql("""
                update api_tokens set revoked_at = :at
                where account_id = :accountId and id = :id and revoked_at is null
                """)
                .param("at", Timestamps.column(at))
                .param("accountId", accountId)
                .param("id", tokenId)
                .update() == 1;
    }

    int revokeByName(long accountId, long userId, String name, Instant at) {
        return jdbc.sql("""
                update api_tokens set revoked_at = :at
                where account_id = :accountId and user_id = :userId and name = :name and revoked_at is null
                """)
                .param("at", Timestamps.column(at))
                .param("accountId", accountId)
                .param("userId", userId)
                .param("name", name)
                .update();
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("user_id"), rs.getString("email"),
                rs.getString("name"), Timestamps.read(rs, "created_at"), Timestamps.read(rs, "last_used_at"),
                Timestamps.read(rs, "revoked_at"));
    }
}
