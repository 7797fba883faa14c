package horizon.simulator.connectwise.query;

import static horizon.simulator.connectwise.query.Records.TICKETS;
import static horizon.simulator.connectwise.query.Records.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldPathTest {

    @Test
    void resolvesSegmentsIgnoringCaseOnEveryRecordOnceTheSpellingIsLearned() {
        FieldPath path = FieldPath.of("BOARD/name");
        assertThat(TICKETS.stream().map(t -> path.resolve(t).asString()).toList())
                .containsExactly("Help Desk", "Integration", "Help Desk", "Projects");
    }

    @Test
    void aTopLevelNameTheRecordLacksFallsBackToInfoButTheRecordsOwnFieldWins() {
        FieldPath path = FieldPath.of("dateEntered");
        assertThat(path.resolve(TICKETS.get(0)).asString()).isEqualTo("2026-06-01T08:00:00Z");
        assertThat(path.resolve(TICKETS.get(3)).asString()).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(FieldPath.of("board/lastUpdated").resolve(TICKETS.get(0))).isNull();
    }

    @Test
    void absentNullAndNonObjectParentsResolveToNull() {
        var record = json("{'id':1,'contact':null,'summary':'x','tags':[{'name':'a'}]}");
        assertThat(FieldPath.of("contact").resolve(record)).isNull();
        assertThat(FieldPath.of("contact/name").resolve(record)).isNull();
        assertThat(FieldPath.of("summary/length").resolve(record)).isNull();
        assertThat(FieldPath.of("tags/name").resolve(record)).isNull();
        assertThat(FieldPath.of("nope").resolve(record)).isNull();
    }
}
