package horizon.mirror;

import static horizon.mirror.MirrorRecords.minutes;
import static horizon.mirror.MirrorRecords.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskTicket;
import horizon.testsupport.EmbeddedPostgresStore;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The guarded upsert on PostgreSQL 15, and the planner statistics it keeps for each account. */
@DirtiesContext
class GuardedUpsertPostgresTest extends GuardedUpsertCases {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresStore.register(registry);
    }

    @Test
    void everyAccountsKeysAreLookedUpByThePrimaryKeyFromItsFirstRows() {
        long first = fixtures().account("First on the table").id();
        long second = fixtures().account("Second on the table").id();
        List<HelpdeskTicket> tickets = LongStream.rangeClosed(1, 2000)
                .mapToObj(id -> ticket(id, "1", minutes(id))).toList();

        writer.upsert(first, MirroredEntity.TICKETS, tickets);
        assertThat(keyLookupPlan(first)).contains("tickets_pkey");
        // The statistics now know only the first account; the second one's first rows must not be planned as if it
        // had one row, through whichever index starts with account_id.
        writer.upsert(second, MirroredEntity.TICKETS, tickets.subList(0, 500));
        assertThat(keyLookupPlan(second)).contains("tickets_pkey");
        assertThat(writer.upsert(second, MirroredEntity.TICKETS, tickets).inserted()).isEqualTo(1500);
    }

    /** How PostgreSQL plans the guarded write's key lookup for an account, with the key as a parameter. */
    private String keyLookupPlan(long accountId) {
        return String.join("\n", jdbc.sql("explain select external_id from tickets where account_id = "
                + accountId + " and external_id = 1234").query(String.class).list());
    }
}
