package horizon.widget;

import horizon.account.Timestamps;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores each account's public widget key. */
@Repository
class WidgetKeyRepository {

    private final JdbcClient jdbc;

    WidgetKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> keyOf(long accountId) {
        return jdbc.sql("select widget_key from widget_keys where account_id = :accountId")
                .param("accountId", accountId).query(String.class).optional();
    }

    /** The account a key names; the key is the lookup (it is what a widget URL carries). */
    Optional<Long> accountOf(String key) {
        return jdbc.sql("select account_id from widget_keys where widget_key = :key")
                .param("key", key).query(Long.class).optional();
    }

    void insert(long accountId, String key, Instant at) {
        jdbc.sql("insert into widget_keys (account_id, widget_key, created_at) values (:accountId, :key, :at)")
                .param("accountId", accountId).param("key", key).param("at", Timestamps.column(at)).update();
    }
}
