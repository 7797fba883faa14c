package horizon.callback;

import horizon.account.Timestamps;
import horizon.helpdesk.RegisteredHook;
import horizon.secret.SecretBox;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Horizon's webhooks in each account's PSA (secrets sealed under the account and the webhook's name), and the last
 * registration attempt. The only reader and writer of {@code callback_webhooks} and {@code callback_registrations}.
 */
@Repository
class WebhookStore {

    private final JdbcClient jdbc;
    private final SecretBox secretBox;
    private final TransactionTemplate transactions;

    WebhookStore(JdbcClient jdbc, SecretBox secretBox, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.secretBox = secretBox;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Runs {@code work} holding the account's registration lock (a row lock, so across nodes too): one registration
     * of an account at a time. The work's own writes commit with the lock's transaction.
     */
    <T> T exclusively(long accountId, Supplier<T> work) {
        // The lock's row, made once and on its own: two first registrations racing may both try, and one loses.
        try {
            jdbc.sql("""
                            insert into callback_registration_locks (account_id)
                            select :accountId where not exists
                                   (select 1 from callback_registration_locks where account_id = :accountId)
                            """).param("accountId", accountId).update();
        } catch (DuplicateKeyException made) {
            // the other one made it
        }
        return transactions.execute(status -> {
            jdbc.sql("select account_id from callback_registration_locks where account_id = :accountId for update")
                    .param("accountId", accountId).query(Long.class).single();
            return work.get();
        });
    }

    /** The account's webhooks with their secrets opened, by name. */
    List<RegisteredHook> hooks(long accountId) {
        return jdbc.sql("""
                        select name, external_id, reference, secret_sealed from callback_webhooks
                         where account_id = :accountId order by name
                        """)
                .param("accountId", accountId)
                .query((rs, n) -> {
                    String name = rs.getString("name");
                    String sealed = rs.getString("secret_sealed");
                    return new RegisteredHook(name, rs.getString("external_id"), rs.getString("reference"),
                            sealed == null ? null : secretBox.open(sealed, aad(accountId, name)));
                })
                .list();
    }

    /** Replaces the account's webhooks with these and records the success. */
    @Transactional
    void registered(long accountId, List<RegisteredHook> hooks, Instant now) {
        jdbc.sql("delete from callback_webhooks where account_id = :accountId").param("accountId", accountId).update();
        for (RegisteredHook hook : hooks) {
            jdbc.sql("""
                            insert into callback_webhooks (account_id, name, external_id, reference, secret_sealed,
                                                           registered_at)
                            values (:accountId, :name, :externalId, :reference, :secret, :now)
                            """)
                    .param("accountId", accountId).param("name", hook.name()).param("externalId", hook.externalId())
                    .param("reference", hook.reference())
                    .param("secret", hook.secret() == null ? null : secretBox.seal(hook.secret(),
                            aad(accountId, hook.name())))
                    .param("now", Timestamps.column(now))
                    .update();
        }
        record(accountId, true, now, now, null);
    }

    /** Every stored webhook secret envelope (a system-wide listing, for key rotation only). */
    List<SealedSecret> sealedSecrets() {
        return jdbc.sql("""
                        select account_id, name, secret_sealed from callback_webhooks
                         where secret_sealed is not null order by account_id, name
                        """)
                .query((rs, n) -> new SealedSecret(rs.getLong("account_id"), rs.getString("name"),
                        rs.getString("secret_sealed")))
                .list();
    }

    /**
     * Stores the secret re-sealed under another key, only if the stored envelope is still {@code stored}'s: false when
     * the webhook was registered again meanwhile, and the new registration stays.
     */
    boolean replaceSealedSecret(SealedSecret stored, String replacement) {
        return jdbc.sql("""
                        update callback_webhooks set secret_sealed = :replacement
                         where account_id = :accountId and name = :name and secret_sealed = :expected
                        """)
                .param("accountId", stored.accountId()).param("name", stored.name())
                .param("expected", stored.envelope()).param("replacement", replacement)
                .update() == 1;
    }

    void failed(long accountId, Instant now, String error) {
        Instant lastSuccess = registration(accountId).map(WebhookRegistration::registeredAt).orElse(null);
        record(accountId, false, now, lastSuccess, error);
    }

    /** Forgets the account's webhooks (they were removed from the PSA, or belong to credentials no longer used). */
    @Transactional
    void forget(long accountId) {
        jdbc.sql("delete from callback_webhooks where account_id = :accountId").param("accountId", accountId).update();
        jdbc.sql("delete from callback_registrations where account_id = :accountId").param("accountId", accountId)
                .update();
    }

    Optional<WebhookRegistration> registration(long accountId) {
        return jdbc.sql("""
                        select outcome, attempted_at, registered_at, error from callback_registrations
                         where account_id = :accountId
                        """)
                .param("accountId", accountId)
                .query((rs, n) -> new WebhookRegistration("REGISTERED".equals(rs.getString("outcome")),
                        Timestamps.read(rs, "attempted_at"), Timestamps.read(rs, "registered_at"),
                        rs.getString("error")))
                .optional();
    }

    /**
     * Accounts whose webhooks were last compared with their PSA (or registered) at or before {@code before}, longest
     * ago first: the periodic check's batch (a system-wide listing, for the check only).
     */
    List<Long> dueForCheck(Instant before, int limit) {
        return jdbc.sql("""
                        select account_id from callback_registrations
                         where checked_at <= :before
                         order by checked_at
                         limit :limit
                        """)
                .param("before", Timestamps.column(before)).param("limit", limit)
                .query(Long.class).list();
    }

    /** The account's webhooks were compared with its PSA at {@code at} (or the check was skipped: asked again later). */
    void checked(long accountId, Instant at) {
        jdbc.sql("update callback_registrations set checked_at = :at where account_id = :accountId")
                .param("accountId", accountId).param("at", Timestamps.column(at)).update();
    }

    private void record(long accountId, boolean succeeded, Instant attemptedAt, Instant registeredAt, String error) {
        String outcome = succeeded ? "REGISTERED" : "FAILED";
        int updated = jdbc.sql("""
                        update callback_registrations
                           set outcome = :outcome, attempted_at = :attemptedAt, registered_at = :registeredAt,
                               error = :error, checked_at = :attemptedAt
                         where account_id = :accountId
                        """)
                .param("accountId", accountId).param("outcome", outcome)
                .param("attemptedAt", Timestamps.column(attemptedAt))
                .param("registeredAt", Timestamps.column(registeredAt), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("error", error)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into callback_registrations (account_id, outcome, attempted_at, registered_at, error,
                                                                checked_at)
                            values (:accountId, :outcome, :attemptedAt, :registeredAt, :error, :attemptedAt)
                            """)
                    .param("accountId", accountId).param("outcome", outcome)
                    .param("attemptedAt", Timestamps.column(attemptedAt))
                    .param("registeredAt", Timestamps.column(registeredAt), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                    .param("error", error)
                    .update();
        }
    }

    /** The associated data a webhook's secret is sealed under: its account and its name. */
    static String aad(long accountId, String name) {
        return "account:" + accountId + ":webhook:" + name;
    }

    /** A webhook's secret envelope as stored. */
    record SealedSecret(long accountId, String name, String envelope) {
    }
}
