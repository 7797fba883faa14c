package horizon.helpdesk;

import horizon.account.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Horizon's requests to each PSA tenant over a rolling window, kept in the database so that every node, and a node
 * after a restart, spends one budget. A rate gate leases requests in blocks; the only reader and writer of
 * {@code psa_request_tenants} and {@code psa_request_slots}.
 *
 * <p>Requests are counted per slot of time. A lease is taken in the slot of its moment and its requests may be sent
 * only until that slot ends, so a slot's count bounds what was sent in it; a lease looks back over every slot that may
 * hold a request of the last window (the window plus one slot), which keeps any rolling window within the allowance.
 * Leases of one tenant are serialised by a row lock, the same on H2 and on PostgreSQL.
 */
@Repository
public class RequestBudgets {

    /**
     * One tenant's budget.
     *
     * @param psa       the PSA, e.g. {@code autotask}
     * @param tenantKey the gate's digest of the tenant (64 hex characters), never a credential
     * @param window    the rolling window the allowance applies to
     * @param slot      the width of a counted slot; it divides the window
     */
    public record Tenant(String psa, String tenantKey, Duration window, Duration slot) {
    }

    /**
     * Requests a node may send.
     *
     * @param granted    requests leased, possibly fewer than asked; 0 when the allowance is used up
     * @param slotStart  the slot they are counted in
     * @param validUntil they may be sent until then (the end of the slot)
     * @param roomAt     when nothing was granted: when the oldest requests leave the window and one fits again
     */
    public record Lease(int granted, Instant slotStart, Instant validUntil, Instant roomAt) {
    }

    private static final String SLOTS = """
            select slot_start, requests from psa_request_slots
             where psa = :psa and tenant_key = :tenantKey and slot_start > :since
             order by slot_start
            """;

    private static final String ADD = """
            merge into psa_request_slots t
            using (values (cast(:psa as varchar(20)), cast(:tenantKey as varchar(64)),
                           cast(:slotStart as timestamp with time zone), cast(:requests as integer)))
                  as s (psa, tenant_key, slot_start, requests)
            on (t.psa = s.psa and t.tenant_key = s.tenant_key and t.slot_start = s.slot_start)
            when matched then update set requests = t.requests + s.requests
            when not matched then insert (psa, tenant_key, slot_start, requests)
                 values (s.psa, s.tenant_key, s.slot_start, s.requests)
            """;

    private record Slot(Instant start, int requests) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Map<String, Boolean> knownTenants = new ConcurrentHashMap<>();

    public RequestBudgets(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        // A lease commits on its own, whatever the caller's transaction, so the tenant's lock is held only for it.
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Leases up to {@code wanted} requests for the tenant at {@code now}, when its requests of the window leave room
     * within {@code allowance}; first hands back {@code unused} requests of the node's previous lease (counted in
     * {@code unusedSlot}) that it will no longer send.
     */
    public Lease lease(Tenant tenant, int allowance, int wanted, Instant now, Instant unusedSlot, int unused) {
        try {
            return leaseLocked(tenant, allowance, wanted, now, unusedSlot, unused);
        } catch (DataAccessException failure) {
            throw HelpdeskException.transport(HelpdeskException.Kind.TRANSIENT, "Horizon could not count its "
                    + "requests to the " + tenant.psa() + " tenant in its database, so it sent none. It will try "
                    + "again later.", failure);
        }
    }

    private Lease leaseLocked(Tenant tenant, int allowance, int wanted, Instant now, Instant unusedSlot, int unused) {
        ensureRow(tenant);
        Instant slotStart = slotStart(tenant, now);
        Instant since = now.minus(tenant.window()).minus(tenant.slot());
        return transactions.execute(status -> {
            jdbc.sql("select tenant_key from psa_request_tenants where psa = :psa and tenant_key = :tenantKey "
                            + "for update")
                    .param("psa", tenant.psa()).param("tenantKey", tenant.tenantKey()).query(String.class).single();
            if (unusedSlot != null && unused > 0) {
                jdbc.sql("""
                                update psa_request_slots set requests = requests - :unused
                                 where psa = :psa and tenant_key = :tenantKey and slot_start = :slotStart
                                   and requests >= :unused
                                """)
                        .param("unused", unused).param("psa", tenant.psa()).param("tenantKey", tenant.tenantKey())
                        .param("slotStart", Timestamps.column(unusedSlot)).update();
            }
            jdbc.sql("""
                            delete from psa_request_slots
                             where psa = :psa and tenant_key = :tenantKey and slot_start <= :since
                            """)
                    .param("psa", tenant.psa()).param("tenantKey", tenant.tenantKey())
                    .param("since", Timestamps.column(since)).update();
            List<Slot> slots = slots(tenant, since);
            int used = slots.stream().mapToInt(Slot::requests).sum();
            int granted = Math.max(0, Math.min(wanted, allowance - used));
            Instant validUntil = slotStart.plus(tenant.slot());
            if (granted == 0) {
                return new Lease(0, slotStart, validUntil, roomAt(tenant, slots, used - allowance + 1));
            }
            jdbc.sql(ADD).param("psa", tenant.psa()).param("tenantKey", tenant.tenantKey())
                    .param("slotStart", Timestamps.column(slotStart)).param("requests", granted).update();
            jdbc.sql("update psa_request_tenants set leased_at = :now where psa = :psa and tenant_key = :tenantKey")
                    .param("now", Timestamps.column(now)).param("psa", tenant.psa())
                    .param("tenantKey", tenant.tenantKey()).update();
            return new Lease(granted, slotStart, validUntil, null);
        });
    }

    /** The tenant's requests counted in the window that ends at {@code now}, by every node. */
    public int counted(Tenant tenant, Instant now) {
        return slots(tenant, now.minus(tenant.window()).minus(tenant.slot())).stream().mapToInt(Slot::requests).sum();
    }

    private List<Slot> slots(Tenant tenant, Instant since) {
        return jdbc.sql(SLOTS).param("psa", tenant.psa()).param("tenantKey", tenant.tenantKey())
                .param("since", Timestamps.column(since))
                .query((rs, n) -> new Slot(Timestamps.read(rs, "slot_start"), rs.getInt("requests"))).list();
    }

    /** When enough of the oldest slots have left the window to free {@code needed} requests. */
    private static Instant roomAt(Tenant tenant, List<Slot> slots, int needed) {
        int freed = 0;
        for (Slot slot : slots) {
            freed += slot.requests();
            if (freed >= needed) {
                return slot.start().plus(tenant.window()).plus(tenant.slot());
            }
        }
        // Unreachable while the allowance is at least 1: all counted slots together free what is needed.
        return slots.isEmpty() ? Instant.EPOCH : slots.get(slots.size() - 1).start().plus(tenant.window())
                .plus(tenant.slot());
    }

    private static Instant slotStart(Tenant tenant, Instant now) {
        long width = tenant.slot().toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), width) * width);
    }

    /** The tenant's lock row, made once and on its own: two nodes' first leases may race, and one loses. */
    private void ensureRow(Tenant tenant) {
        String key = tenant.psa() + ":" + tenant.tenantKey();
        if (knownTenants.containsKey(key)) {
            return;
        }
        try {
            jdbc.sql("""
                            insert into psa_request_tenants (psa, tenant_key)
                            select :psa, :tenantKey where not exists
                                   (select 1 from psa_request_tenants where psa = :psa and tenant_key = :tenantKey)
                            """).param("psa", tenant.psa()).param("tenantKey", tenant.tenantKey()).update();
        } catch (DuplicateKeyException made) {
            // the other node made it
        }
        knownTenants.put(key, Boolean.TRUE);
    }
}
