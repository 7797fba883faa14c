package horizon.sync;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskCompany;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamCursorTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

    @Test
    void readsFromTheWatermarkLessTheOverlap() {
        StreamCursor cursor = new StreamCursor("tickets", T0, 0);

        assertThat(cursor.readFrom(Duration.ofMinutes(2))).isEqualTo(Instant.parse("2026-11-20T09:58:00Z"));
    }

    @Test
    void advancesToTheLargestRemoteTimestampSeen() {
        StreamCursor cursor = new StreamCursor("companies", T0, 0);

        StreamCursor next = cursor.advancedBy(List.of(company(1, T0.plusSeconds(30)), company(2, T0.plusSeconds(90)),
                company(3, T0.plusSeconds(10))), FAR);

        assertThat(next.watermark()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void neverMovesBackwardsNorOnRecordsWithoutTimestamps() {
        StreamCursor cursor = new StreamCursor("companies", T0, 0);

        assertThat(cursor.advancedBy(List.of(company(1, T0.minusSeconds(600)), company(2, null)), FAR).watermark())
                .isEqualTo(T0);
        assertThat(cursor.advancedBy(List.of(), FAR).watermark()).isEqualTo(T0);
    }

    @Test
    void anEmptyCursorTakesTheFirstTimestampSeen() {
        StreamCursor cursor = new StreamCursor("companies", null, 0);

        assertThat(cursor.readFrom(Duration.ofMinutes(2))).isNull();
        assertThat(cursor.advancedBy(List.of(company(1, T0)), FAR).watermark()).isEqualTo(T0);
    }

    @Test
    void ignoresTimestampsBeyondThePlausibleLatest() {
        StreamCursor cursor = new StreamCursor("contacts", T0, 0);

        StreamCursor next = cursor.advancedBy(List.of(company(1, T0.plusSeconds(60)),
                company(2, T0.plus(Duration.ofDays(40)))), T0.plus(Duration.ofHours(1)));

        assertThat(next.watermark()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void deletionLogCursorsKeepTheLargestLogId() {
        StreamCursor cursor = new StreamCursor("deleted_tickets", T0, 40);

        StreamCursor next = cursor.advancedTo(T0.plusSeconds(5), 42).advancedTo(T0.minusSeconds(5), 41);

        assertThat(next).isEqualTo(new StreamCursor("deleted_tickets", T0.plusSeconds(5), 42));
    }

    private static HelpdeskCompany company(long id, Instant updated) {
        return new HelpdeskCompany(id, "Company " + id, "1", null, true, null, updated, updated, "{}");
    }
}
