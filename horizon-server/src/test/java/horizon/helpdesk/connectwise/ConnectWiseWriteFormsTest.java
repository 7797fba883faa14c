package horizon.helpdesk.connectwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskWrite;
import horizon.helpdesk.HelpdeskWrite.NoteVisibility;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the writer's classes make of a write before any request, from fixed vectors. */
class ConnectWiseWriteFormsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HelpdeskWrite.Author DANA = new HelpdeskWrite.Author(7, "Dana Reyes");

    @Test
    void aNoteIsSignedByItsAuthorInTheFormConnectWiseStores() {
        HelpdeskWrite.AddNote note = new HelpdeskWrite.AddNote(5, DANA, null, "Rebooted the switch.\nAll good.",
                NoteVisibility.PUBLIC);
        assertThat(ConnectWiseNoteCreate.storedText(note))
                .isEqualTo("Dana Reyes (via Horizon): Rebooted the switch. All good.");
    }

    @Test
    void anAuthorWithoutANameIsStillSaidToBeFromHorizon() {
        assertThat(ConnectWiseNoteCreate.signed(new HelpdeskWrite.Author(7, "  "), "Done"))
                .isEqualTo("A Horizon agent (via Horizon): Done");
        assertThat(ConnectWiseNoteCreate.signed(new HelpdeskWrite.Author(7, " Dana Reyes "), "Done"))
                .isEqualTo("Dana Reyes (via Horizon): Done");
    }

    @Test
    void eachVisibilityReadsBackAsTheFlagItSets() {
        assertThat(ConnectWiseNoteCreate.visibility(NoteVisibility.PUBLIC)).isEqualTo("discussion");
        assertThat(ConnectWiseNoteCreate.visibility(NoteVisibility.INTERNAL)).isEqualTo("internal");
        assertThat(ConnectWiseNoteCreate.visibility(NoteVisibility.RESOLUTION)).isEqualTo("resolution");
    }

    @Test
    void hoursAreTheWholeSecondsBetweenStartAndEndToTwoDecimals() {
        Instant start = Instant.parse("2026-09-18T09:00:00Z");
        assertThat(ConnectWiseTimeEntryCreate.hours(start, Instant.parse("2026-09-18T10:30:00Z")))
                .isEqualByComparingTo(new BigDecimal("1.50"));
        assertThat(ConnectWiseTimeEntryCreate.hours(start, Instant.parse("2026-09-18T09:20:00Z")))
                .isEqualByComparingTo(new BigDecimal("0.33"));
        assertThat(ConnectWiseTimeEntryCreate.hours(start, Instant.parse("2026-09-18T09:00:27Z")))
                .isEqualByComparingTo(new BigDecimal("0.01"));
    }

    @Test
    void aStatusCodeIsTheStatusId() {
        assertThat(ConnectWiseStatusChange.statusId(" 42 ")).isEqualTo(42);
        assertThatThrownBy(() -> ConnectWiseStatusChange.statusId("Closed"))
                .isInstanceOfSatisfying(HelpdeskException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.VALIDATION);
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e.getMessage()).contains("'Closed'");
                });
    }

    @Test
    void theCompletingStatusIsAnActiveClosedOneNamedSoBeforeTheBoardsOrder() {
        List<JsonNode> statuses = List.of(
                status(1, "New", 0, false, false),
                status(2, "Resolved by phone", 5, true, false),
                status(3, "Cancelled", 1, true, false),
                status(4, "Closed", 9, true, true),
                status(5, "Closed", 8, true, false),
                status(6, "Completed", 7, true, false));
        assertThat(ConnectWiseCompleteStatus.choose(statuses).orElseThrow().path("id").asLong()).isEqualTo(6);
    }

    @Test
    void withoutSuchANameTheBoardsFirstActiveClosedStatusCompletes() {
        List<JsonNode> statuses = List.of(status(1, "Done", 4, true, false), status(2, "Finished", 3, true, false),
                status(3, "Gone", 1, true, true));
        assertThat(ConnectWiseCompleteStatus.choose(statuses).orElseThrow().path("id").asLong()).isEqualTo(2);
        assertThat(ConnectWiseCompleteStatus.choose(List.of(status(3, "Closed", 1, true, true),
                status(4, "Open", 0, false, false)))).isEmpty();
    }

    private static JsonNode status(long id, String name, int sortOrder, boolean closed, boolean inactive) {
        return JSON.createObjectNode().put("id", id).put("name", name).put("sortOrder", sortOrder)
                .put("closedStatus", closed).put("inactive", inactive);
    }
}
