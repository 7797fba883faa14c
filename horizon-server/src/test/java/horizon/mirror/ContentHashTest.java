package horizon.mirror;

import static horizon.mirror.MirrorRecords.minutes;
import static horizon.mirror.MirrorRecords.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    private static final List<Column> COLUMNS = List.of(Column.varchar("title"), Column.bigint("queue_id"),
            Column.bool("active"), Column.timestamp("at"), Column.numeric("hours"), Column.date("day"),
            Column.varchar("nothing"));

    private static final Object[] VALUES = {"Printer\ndown", 29682833L, true,
            Instant.parse("2026-11-20T09:00:00.123Z"), new BigDecimal("1.50"), LocalDate.of(2026, 11, 20), null};

    @Test
    void canonicalFormIsOneLinePerColumnThenTheRawJson() {
        assertThat(ContentHash.canonicalForm(COLUMNS, VALUES, "{\"id\":1}")).isEqualTo("""
                title=s12:Printer
                down
                queue_id=n29682833
                active=bt
                at=t2026-11-20T09:00:00.123Z
                hours=x1.5
                day=d2026-11-20
                nothing=-
                raw_json=s8:{"id":1}
                """);
    }

    @Test
    void hashIsTheSha256HexOfTheCanonicalForm() {
        // Expected values computed with: printf '<canonical form>' | sha256sum
        assertThat(ContentHash.of(COLUMNS, VALUES, "{\"id\":1}"))
                .isEqualTo("03933e8039b7e5c79488949b498b24101928348129d36596b157db0a5a732206");
        assertThat(ContentHash.of(List.of(), new Object[0], null))
                .isEqualTo("446cf8d2d07440baabb25e28a35cc62f7579b14a9189ddb6e55ca9b96e7da9a4");
    }

    @Test
    void anUnchangedRefetchHashesTheSameAndAnyChangedFieldDoesNot() {
        HelpdeskTicket fetched = ticket(1, "1", minutes(1));
        HelpdeskTicket refetched = ticket(1, "1", minutes(1));
        String hash = MirroredEntity.TICKETS.contentHash(fetched);

        assertThat(MirroredEntity.TICKETS.contentHash(refetched)).isEqualTo(hash).hasSize(64);
        assertThat(MirroredEntity.TICKETS.contentHash(ticket(1, "5", minutes(1)))).isNotEqualTo(hash);
        assertThat(MirroredEntity.TICKETS.contentHash(MirrorRecords.retitled(fetched, fetched.title(), minutes(1))))
                .as("same typed fields, different raw JSON").isNotEqualTo(hash);
    }

    @Test
    void stringsCannotBleedIntoTheNextColumn() {
        List<Column> two = List.of(Column.varchar("a"), Column.varchar("b"));
        assertThat(ContentHash.of(two, new Object[] {"x\nb=s1:y", null}, null))
                .isNotEqualTo(ContentHash.of(two, new Object[] {"x", "y"}, null));
        assertThat(ContentHash.of(two, new Object[] {"", null}, null))
                .isNotEqualTo(ContentHash.of(two, new Object[] {null, null}, null));
    }

    @Test
    void decimalsHashByValueNotScale() {
        HelpdeskTimeEntry entry = MirrorRecords.timeEntry(1, 1, LocalDate.of(2026, 11, 20), "1.5");
        HelpdeskTimeEntry padded = new HelpdeskTimeEntry(entry.externalId(), entry.ticketId(), entry.resourceId(),
                entry.roleId(), entry.dateWorked(), entry.startAt(), entry.endAt(), new BigDecimal("1.5000"),
                entry.summaryNotes(), entry.internalNotes(), entry.billable(), entry.createdAt(), entry.lastModifiedAt(),
                entry.remoteUpdatedAt(), entry.rawJson());

        assertThat(MirroredEntity.TIME_ENTRIES.contentHash(padded))
                .isEqualTo(MirroredEntity.TIME_ENTRIES.contentHash(entry));
    }
}
