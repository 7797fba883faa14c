package horizon.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Stores Horizon users; every read that serves a request is scoped to one account. */
@Repository
public class UserRepository {

    private static final String COLUMNS = "id, account_id, email, display_name, role, enabled, created_at";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A user with the bcrypt hash that form login checks against. */
    record StoredLogin(HorizonUser user, String passwordHash) {
        @Override
        public String toString() {
            return "StoredLogin[" + user.email() + "]";
        }
    }

    HorizonUser insert(long accountId, String email, String displayName, String passwordHash, Role role,
                       Instant createdAt) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into users (account_id, email, display_name, password_hash, role, enabled, created_at)
                values (:accountId, :email, :displayName, :passwordHash, :role, true, :createdAt)
                """)
                .param("accountId", accountId)
                .param("email", email)
                .param("displayName", displayName)
                .param("passwordHash", passwordHash)
                .param("role", role.name())
                .param("createdAt", Timestamps.column(createdAt))
                .update(keys, "id");
        return new HorizonUser(keys.getKey().longValue(), accountId, email, displayName, role, true, createdAt);
    }

    public List<HorizonUser> findByAccount(long accountId) {
        return jdbc.sql("select " + COLUMNS + " from users where account_id = :accountId order by email")
                .param("accountId", accountId)
                .query(UserRepository::map)
                .list();
    }

    public Optional<HorizonUser> findInAccount(long accountId, long userId) {
        return jdbc.sql("select " + COLUMNS + " from users where account_id = :accountId and id = :id")
                .param("accountId", accountId)
                .param("id", userId)
                .query(UserRepository::map)
                .optional();
    }

    Optional<HorizonUser> findByEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from users where email = :email")
                .param("email", email)
                .query(UserRepository::map)
                .optional();
    }

    Optional<StoredLogin> findLogin(String email) {
        return jdbc.sql("select " + COLUMNS + ", password_hash from users where email = :email")
                .param("email", email)
                .query((rs, row) -> new StoredLogin(map(rs, row), rs.getString("password_hash")))
                .optional();
    }

    long count() {
        return jdbc.sql("select count(*) from users").query(Long.class).single();
    }

    boolean updatePassword(long accountId, long userId, String passwordHash) {
        return jdbc.sql("update users set password_hash = :hash where account_id = :accountId and id = :id")
                .param("hash", passwordHash)
                .param("accountId", accountId)
                .param("id", userId)
                .update() == 1;
    }

    boolean updateEnabled(long accountId, long userId, boolean enabled) {
        return jdbc.sql("update users set enabled = :enabled where account_id = :accountId and id = :id")
                .param("enabled", enabled)
                .param("accountId", accountId)
                .param("id", userId)
                .update() == 1;
    }

    private static HorizonUser map(ResultSet rs, int row) throws SQLException {
        return new HorizonUser(rs.getLong("id"), rs.getLong("account_id"), rs.getString("email"),
                rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
                Timestamps.read(rs, "created_at"));
    }
}
