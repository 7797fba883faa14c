package horizon.helpdesk.configuration;

import horizon.helpdesk.ApiBudget;
import horizon.helpdesk.HelpdeskDatabase;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskResource;
import horizon.helpdesk.HelpdeskZone;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Stores each account's helpdesk connection and sync settings; every statement is scoped by account_id. */
@Repository
public class HelpdeskConnectionRepository {

    private static final String SELECT_CONNECTION = """
            select account_id, kind, credentials_sealed,
                   zone_name, zone_api_url, zone_web_url, resource_id, resource_name,
                   last_test_at, last_test_ok, last_test_message, last_success_at,
                   budget_requests_used, budget_threshold, budget_timeframe_minutes, budget_read_at,
                   database_key, database_name, created_at, updated_at
              from helpdesk_connections
             where account_id = :accountId
            """;

    private static final String UPDATE_CONNECTION = """
            update helpdesk_connections
               set kind = :kind, credentials_sealed = :credentials,
                   zone_name = :zoneName, zone_api_url = :zoneApiUrl, zone_web_url = :zoneWebUrl,
                   resource_id = :resourceId, resource_name = :resourceName,
                   last_test_at = :lastTestAt, last_test_ok = :lastTestOk, last_test_message = :lastTestMessage,
                   last_success_at = :lastSuccessAt,
                   budget_requests_used = :budgetUsed, budget_threshold = :budgetThreshold,
                   budget_timeframe_minutes = :budgetTimeframe, budget_read_at = :budgetReadAt,
                   database_key = :databaseKey, database_name = :databaseName,
                   updated_at = :updatedAt
             where account_id = :accountId
            """;

    private static final String INSERT_CONNECTION = """
            insert into helpdesk_connections (account_id, kind, credentials_sealed,
                   zone_name, zone_api_url, zone_web_url, resource_id, resource_name,
                   last_test_at, last_test_ok, last_test_message, last_success_at,
                   budget_requests_used, budget_threshold, budget_timeframe_minutes, budget_read_at,
                   database_key, database_name, created_at, updated_at)
            values (:accountId, :kind, :credentials,
                   :zoneName, :zoneApiUrl, :zoneWebUrl, :resourceId, :resourceName,
                   :lastTestAt, :lastTestOk, :lastTestMessage, :lastSuccessAt,
                   :budgetUsed, :budgetThreshold, :budgetTimeframe, :budgetReadAt,
                   :databaseKey, :databaseName, :createdAt, :updatedAt)
            """;

    private static final String RECORD_FAILED_TEST = """
            update helpdesk_connections
               set last_test_at = :testedAt, last_test_ok = false, last_test_message = :message, updated_at = :testedAt
             where account_id = :accountId
            """;

    private static final String SELECT_SEALED_CREDENTIALS = """
            select account_id, credentials_sealed
              from helpdesk_connections
             where credentials_sealed is not null
             order by account_id
            """;

    private static final String REPLACE_SEALED_CREDENTIALS = """
            update helpdesk_connections
               set credentials_sealed = :replacement
             where account_id = :accountId and credentials_sealed = :expected
            """;

    private static final String SELECT_SETTINGS = """
            select sync_tickets, sync_companies, sync_contacts, sync_helpdesk_users, sync_notes, sync_time_entries,
                   ingest_window_days, polling_interval_seconds
              from helpdesk_sync_settings
             where account_id = :accountId
            """;

    private static final String UPDATE_SETTINGS = """
            update helpdesk_sync_settings
               set sync_tickets = :tickets, sync_companies = :companies, sync_contacts = :contacts,
                   sync_helpdesk_users = :helpdeskUsers, sync_notes = :notes, sync_time_entries = :timeEntries,
                   ingest_window_days = :ingestWindowDays, polling_interval_seconds = :pollingIntervalSeconds,
                   updated_at = :updatedAt
             where account_id = :accountId
            """;

    private static final String INSERT_SETTINGS = """
            insert into helpdesk_sync_settings (account_id, sync_tickets, sync_companies, sync_contacts,
                   sync_helpdesk_users, sync_notes, sync_time_entries, ingest_window_days, polling_interval_seconds,
                   updated_at)
            values (:accountId, :tickets, :companies, :contacts, :helpdeskUsers, :notes, :timeEntries,
                   :ingestWindowDays, :pollingIntervalSeconds, :updatedAt)
            """;

    private final JdbcClient jdbc;

    HelpdeskConnectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every account with a stored connection (a system-wide listing, for the sync dispatcher only). */
    public List<Long> connectedAccountIds() {
        return jdbc.sql("select account_id from helpdesk_connections order by account_id").query(Long.class).list();
    }

    public Optional<HelpdeskConnection> find(long accountId) {
        return jdbc.sql(SELECT_CONNECTION).param("accountId", accountId)
                .query(HelpdeskConnectionRepository::mapConnection).optional();
    }

    /** Inserts or replaces the account's connection; created_at survives a replacement. */
    @Transactional
    public void save(HelpdeskConnection connection) {
        int updated = bindConnection(jdbc.sql(UPDATE_CONNECTION), connection).update();
        if (updated == 0) {
            bindConnection(jdbc.sql(INSERT_CONNECTION), connection)
                    .param("createdAt", column(connection.createdAt()))
                    .update();
        }
    }

    /** Keeps credentials, zone and last success; marks the connection as failing with the reason. */
    public boolean recordFailedTest(long accountId, Instant testedAt, String message) {
        return jdbc.sql(RECORD_FAILED_TEST)
                .param("accountId", accountId)
                .param("testedAt", column(testedAt))
                .param("message", message)
                .update() == 1;
    }

    /** Every stored credential envelope (a system-wide listing, for key rotation only). */
    List<SealedCredentials> sealedCredentials() {
        return jdbc.sql(SELECT_SEALED_CREDENTIALS)
                .query((rs, row) -> new SealedCredentials(rs.getLong("account_id"), rs.getString("credentials_sealed")))
                .list();
    }

    /**
     * Stores the envelope re-sealed under another key, only if the stored one is still {@code stored}'s: false when the
     * credentials were replaced meanwhile, and the replacement stays.
     */
    boolean replaceSealedCredentials(SealedCredentials stored, String replacement) {
        return jdbc.sql(REPLACE_SEALED_CREDENTIALS)
                .param("accountId", stored.accountId())
                .param("expected", stored.envelope())
                .param("replacement", replacement)
                .update() == 1;
    }

    public Optional<SyncSettings> findSettings(long accountId) {
        return jdbc.sql(SELECT_SETTINGS).param("accountId", accountId)
                .query((rs, row) -> new SyncSettings(
                        rs.getBoolean("sync_tickets"), rs.getBoolean("sync_companies"),
                        rs.getBoolean("sync_contacts"), rs.getBoolean("sync_helpdesk_users"),
                        rs.getBoolean("sync_notes"), rs.getBoolean("sync_time_entries"),
                        rs.getInt("ingest_window_days"), rs.getInt("polling_interval_seconds")))
                .optional();
    }

    @Transactional
    public void saveSettings(long accountId, SyncSettings settings, Instant now) {
        int updated = bindSettings(jdbc.sql(UPDATE_SETTINGS), accountId, settings, now).update();
        if (updated == 0) {
            bindSettings(jdbc.sql(INSERT_SETTINGS), accountId, settings, now).update();
        }
    }

    private static JdbcClient.StatementSpec bindConnection(JdbcClient.StatementSpec spec, HelpdeskConnection c) {
        ApiBudget budget = c.budget();
        HelpdeskResource resource = c.resource();
        return spec
                .param("accountId", c.accountId())
                .param("kind", c.kind().name())
                .param("credentials", c.sealedCredentials())
                .param("zoneName", c.zone().name())
                .param("zoneApiUrl", c.zone().apiUrl())
                .param("zoneWebUrl", c.zone().webUrl())
                .param("resourceId", resource == null ? null : resource.id(), java.sql.Types.BIGINT)
                .param("resourceName", resource == null ? null : resource.name(), java.sql.Types.VARCHAR)
                .param("lastTestAt", column(c.lastTestAt()))
                .param("lastTestOk", c.lastTestOk())
                .param("lastTestMessage", c.lastTestMessage(), java.sql.Types.VARCHAR)
                .param("lastSuccessAt", column(c.lastSuccessAt()), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("budgetUsed", budget == null ? null : budget.requestsUsed(), java.sql.Types.INTEGER)
                .param("budgetThreshold", budget == null ? null : budget.threshold(), java.sql.Types.INTEGER)
                .param("budgetTimeframe", budget == null ? null : budget.timeframeMinutes(), java.sql.Types.INTEGER)
                .param("budgetReadAt", budget == null ? null : column(budget.readAt()),
                        java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("databaseKey", c.database() == null ? null : c.database().key(), java.sql.Types.VARCHAR)
                .param("databaseName", c.database() == null ? null : c.database().name(), java.sql.Types.VARCHAR)
                .param("updatedAt", column(c.updatedAt()));
    }

    private static JdbcClient.StatementSpec bindSettings(JdbcClient.StatementSpec spec, long accountId,
                                                         SyncSettings s, Instant now) {
        return spec
                .param("accountId", accountId)
                .param("tickets", s.tickets())
                .param("companies", s.companies())
                .param("contacts", s.contacts())
                .param("helpdeskUsers", s.helpdeskUsers())
                .param("notes", s.notes())
                .param("timeEntries", s.timeEntries())
                .param("ingestWindowDays", s.ingestWindowDays())
                .param("pollingIntervalSeconds", s.pollingIntervalSeconds())
                .param("updatedAt", column(now));
    }

    private static HelpdeskConnection mapConnection(ResultSet rs, int row) throws SQLException {
        long resourceId = rs.getLong("resource_id");
        HelpdeskResource resource = rs.wasNull() ? null : new HelpdeskResource(resourceId, rs.getString("resource_name"));
        int used = rs.getInt("budget_requests_used");
        ApiBudget budget = rs.wasNull() ? null : new ApiBudget(used, rs.getInt("budget_threshold"),
                rs.getInt("budget_timeframe_minutes"), read(rs, "budget_read_at"));
        return new HelpdeskConnection(
                rs.getLong("account_id"),
                HelpdeskKind.valueOf(rs.getString("kind")),
                rs.getString("credentials_sealed"),
                new HelpdeskZone(rs.getString("zone_name"), rs.getString("zone_api_url"), rs.getString("zone_web_url")),
                resource,
                read(rs, "last_test_at"),
                rs.getBoolean("last_test_ok"),
                rs.getString("last_test_message"),
                read(rs, "last_success_at"),
                budget,
                rs.getString("database_key") == null ? null
                        : new HelpdeskDatabase(rs.getString("database_key"), rs.getString("database_name")),
                read(rs, "created_at"),
                read(rs, "updated_at"));
    }

    private static OffsetDateTime column(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant read(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** An account's credential envelope as stored. */
    record SealedCredentials(long accountId, String envelope) {
    }
}
