package horizon.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Stores accounts. */
@Repository
public class AccountRepository {

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Account insert(String accountKey, String name, Instant createdAt) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into accounts (account_key, name, created_at) values (:key, :name, :createdAt)
                """)
                .param("key", accountKey)
                .param("name", name)
                .param("createdAt", Timestamps.column(createdAt))
                .update(keys, "id");
        return new Account(keys.getKey().longValue(), accountKey, name, createdAt);
    }

    public Optional<Account> findById(long id) {
        return jdbc.sql("select id, account_key, name, created_at from accounts where id = :id")
                .param("id", id)
                .query(AccountRepository::map)
                .optional();
    }

    /** For webhook ingress: the account a callback URL's key names. */
    public Optional<Account> findByKey(String accountKey) {
        return jdbc.sql("select id, account_key, name, created_at from accounts where account_key = :key")
                .param("key", accountKey)
                .query(AccountRepository::map)
                .optional();
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("account_key"), rs.getString("name"),
                Timestamps.read(rs, "created_at"));
    }
}
