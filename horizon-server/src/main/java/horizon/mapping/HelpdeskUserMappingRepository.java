package horizon.mapping;

import horizon.helpdesk.configuration.HelpdeskDatabaseChanged;
import org.springframework.context.event.EventListener;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores helpdesk user mappings; every statement is scoped to one account. */
@Repository
class HelpdeskUserMappingRepository {

    private static final String ALL = """
            select account_id, helpdesk_user_external_id, horizon_user_id, mapped_at, mapped_by
              from helpdesk_user_mappings
             where account_id = :accountId
             order by helpdesk_user_external_id
            """;

    private static final String BY_HELPDESK_USER = """
            select account_id, helpdesk_user_external_id, horizon_user_id, mapped_at, mapped_by
              from helpdesk_user_mappings
             where account_id = :accountId and helpdesk_user_external_id = :externalId
            """;

    private static final String BY_HORIZON_USER = """
            select account_id, helpdesk_user_external_id, horizon_user_id, mapped_at, mapped_by
              from helpdesk_user_mappings
             where account_id = :accountId and horizon_user_id = :horizonUserId
            """;

    private static final String INSERT = """
            insert into helpdesk_user_mappings
                   (account_id, helpdesk_user_external_id, horizon_user_id, mapped_at, mapped_by)
            values (:accountId, :externalId, :horizonUserId, :mappedAt, :mappedBy)
            """;

    private static final String DELETE = """
            delete from helpdesk_user_mappings
             where account_id = :accountId and helpdesk_user_external_id = :externalId
            """;

    private final JdbcClient jdbc;

    HelpdeskUserMappingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<HelpdeskUserMapping> findAll(long accountId) {
        return jdbc.sql(ALL).param("accountId", accountId).query(HelpdeskUserMappingRepository::map).list();
    }

    Optional<HelpdeskUserMapping> findByHelpdeskUser(long accountId, long externalId) {
        return jdbc.sql(BY_HELPDESK_USER).param("accountId", accountId).param("externalId", externalId)
                .query(HelpdeskUserMappingRepository::map).optional();
    }

    Optional<HelpdeskUserMapping> findByHorizonUser(long accountId, long horizonUserId) {
        return jdbc.sql(BY_HORIZON_USER).param("accountId", accountId).param("horizonUserId", horizonUserId)
                .query(HelpdeskUserMappingRepository::map).optional();
    }

    void insert(HelpdeskUserMapping mapping) {
        jdbc.sql(INSERT)
                .param("accountId", mapping.accountId())
                .param("externalId", mapping.helpdeskUserExternalId())
                .param("horizonUserId", mapping.horizonUserId())
                .param("mappedAt", OffsetDateTime.ofInstant(mapping.mappedAt(), ZoneOffset.UTC))
                .param("mappedBy", mapping.mappedBy())
                .update();
    }

    boolean delete(long accountId, long externalId) {
        return jdbc.sql(DELETE).param("accountId", accountId).param("externalId", externalId).update() > 0;
    }

    private static HelpdeskUserMapping map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime mappedAt = rs.getObject("mapped_at", OffsetDateTime.class);
        Long mappedBy = rs.getObject("mapped_by", Long.class);
        return new HelpdeskUserMapping(rs.getLong("account_id"), rs.getLong("helpdesk_user_external_id"),
                rs.getLong("horizon_user_id"), mappedAt == null ? Instant.EPOCH : mappedAt.toInstant(),
                mappedBy);
    }

    /** Another PSA database: its users are others, so the old mappings go. */
    @EventListener
    void databaseChanged(HelpdeskDatabaseChanged changed) {
        changed.removeRows(jdbc, "helpdesk_user_mappings");
    }
}
