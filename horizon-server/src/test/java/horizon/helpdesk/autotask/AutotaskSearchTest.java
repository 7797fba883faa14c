package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.RecordQuery;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The query bodies Horizon sends Autotask, pinned as exact JSON. */
class AutotaskSearchTest {

    @Test
    void aFirstPageReadsFromIdZeroSoTheOwnCompanyIsIncluded() {
        String body = AutotaskSearch.of(AutotaskCollection.COMPANIES, RecordQuery.all(HelpdeskEntity.COMPANIES))
                .page(500).toString();
        assertThat(body).isEqualTo("{\"MaxRecords\":500,\"filter\":[{\"op\":\"gte\",\"field\":\"id\",\"value\":0}]}");
    }

    @Test
    void aSegmentWithWatermarkIsAnAndOfCursorUpperBoundAndLastActivityDate() {
        RecordQuery query = new RecordQuery(HelpdeskEntity.TICKETS, Instant.parse("2026-11-24T08:00:00Z"), null, 7_500L, 9_000L, List.of(), null);
        String body = AutotaskSearch.of(AutotaskCollection.TICKETS, query).page(500).toString();
        assertThat(body).isEqualTo("{\"MaxRecords\":500,\"filter\":["
                + "{\"op\":\"gt\",\"field\":\"id\",\"value\":7500},"
                + "{\"op\":\"lte\",\"field\":\"id\",\"value\":9000},"
                + "{\"op\":\"gte\",\"field\":\"lastActivityDate\",\"value\":\"2026-11-24T08:00:00.000Z\"}]}");
    }

    @Test
    void aWidenedWindowReadsTheStretchBeforeWhatIsCovered() {
        RecordQuery query = new RecordQuery(HelpdeskEntity.TICKETS, Instant.parse("2026-08-26T08:00:00Z"), Instant.parse("2026-10-25T08:00:00Z"), 0, null, List.of(), null);
        String body = AutotaskSearch.of(AutotaskCollection.TICKETS, query).count().toString();
        assertThat(body).isEqualTo("{\"filter\":["
                + "{\"op\":\"gte\",\"field\":\"id\",\"value\":0},"
                + "{\"op\":\"gte\",\"field\":\"lastActivityDate\",\"value\":\"2026-08-26T08:00:00.000Z\"},"
                + "{\"op\":\"lt\",\"field\":\"lastActivityDate\",\"value\":\"2026-10-25T08:00:00.000Z\"}]}");
        assertThat(query.inIds(700, null).changedBefore()).isEqualTo(query.changedBefore());
    }

    @Test
    void aTicketIsLookedUpByItsNumberAsText() {
        String body = AutotaskSearch.ticketNumber("T20261124.0042").page(500).toString();
        assertThat(body).isEqualTo("{\"MaxRecords\":500,\"filter\":["
                + "{\"op\":\"gte\",\"field\":\"id\",\"value\":0},"
                + "{\"op\":\"eq\",\"field\":\"ticketNumber\",\"value\":\"T20261124.0042\"}]}");
    }

    @Test
    void timeEntriesFilterOnLastModifiedDateTimeAndTicketIds() {
        RecordQuery query = new RecordQuery(HelpdeskEntity.TIME_ENTRIES, Instant.parse("2026-01-02T03:04:05.678Z"), null, 41_000L, null, List.of(7001L, 7002L), null);
        String body = AutotaskSearch.of(AutotaskCollection.TIME_ENTRIES, query).page(500).toString();
        assertThat(body).isEqualTo("{\"MaxRecords\":500,\"filter\":["
                + "{\"op\":\"gt\",\"field\":\"id\",\"value\":41000},"
                + "{\"op\":\"gte\",\"field\":\"lastModifiedDateTime\",\"value\":\"2026-01-02T03:04:05.678Z\"},"
                + "{\"op\":\"in\",\"field\":\"ticketID\",\"value\":[7001,7002]}]}");
    }

    @Test
    void contactsPollOnLastActivityDate() {
        RecordQuery query = new RecordQuery(HelpdeskEntity.CONTACTS, Instant.parse("2026-11-24T08:00:00Z"), null, 0, null, List.of(), null);
        assertThat(AutotaskSearch.of(AutotaskCollection.CONTACTS, query).count().toString()).isEqualTo("{\"filter\":["
                + "{\"op\":\"gte\",\"field\":\"id\",\"value\":0},"
                + "{\"op\":\"gte\",\"field\":\"lastActivityDate\",\"value\":\"2026-11-24T08:00:00.000Z\"}]}");
    }

    @Test
    void aCountHasNoPageSize() {
        RecordQuery query = RecordQuery.all(HelpdeskEntity.TICKETS).inIds(12L, null);
        assertThat(AutotaskSearch.of(AutotaskCollection.TICKETS, query).count().toString())
                .isEqualTo("{\"filter\":[{\"op\":\"gt\",\"field\":\"id\",\"value\":12}]}");
    }

    @Test
    void ticketIdsOnlyFilterNotesAndTimeEntries() {
        RecordQuery query = new RecordQuery(HelpdeskEntity.COMPANIES, null, null, 0, null, List.of(1L), null);
        assertThatThrownBy(() -> AutotaskSearch.of(AutotaskCollection.COMPANIES, query))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Companies");
    }

    @Test
    void anInFilterTakesAtMost500Ids() {
        List<Long> ids = LongStream.rangeClosed(1, 501).boxed().toList();
        assertThatThrownBy(() -> AutotaskSearch.where().in("resourceID", ids))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("501");
    }

    @Test
    void idsBecomeOneInConditionOnId() {
        String body = AutotaskSearch.of(AutotaskCollection.CONTACTS,
                RecordQuery.byIds(HelpdeskEntity.CONTACTS, List.of(29_684_001L, 29_684_007L))).page(500).toString();
        assertThat(body).isEqualTo("{\"MaxRecords\":500,\"filter\":["
                + "{\"op\":\"gte\",\"field\":\"id\",\"value\":0},"
                + "{\"op\":\"in\",\"field\":\"id\",\"value\":[29684001,29684007]}]}");
    }

    @Test
    void idsSurviveTheNextPagesCursor() {
        RecordQuery query = RecordQuery.byIds(HelpdeskEntity.TICKETS, List.of(7001L, 7002L)).continuedAt("7001");
        String body = AutotaskSearch.of(AutotaskCollection.TICKETS, query.inIds(7001, null)).page(500).toString();
        assertThat(body).isEqualTo("{\"MaxRecords\":500,\"filter\":["
                + "{\"op\":\"gt\",\"field\":\"id\",\"value\":7001},"
                + "{\"op\":\"in\",\"field\":\"id\",\"value\":[7001,7002]}]}");
    }
}
