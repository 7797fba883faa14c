package horizon.helpdesk.connectwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.RecordQuery;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conditions Horizon sends for each neutral query, as text. */
class ConnectWiseConditionsTest {

    private static final Instant SINCE = Instant.parse("2026-11-24T08:00:00.250Z");
    private static final Instant BEFORE = Instant.parse("2026-11-24T09:30:00.250Z");

    @Test
    void ticketsAreServiceTicketsInTheRangeAndWindowAsked() {
        RecordQuery query = RecordQuery.changedSince(HelpdeskEntity.TICKETS, SINCE).changedBefore(BEFORE)
                .inIds(100, 200L);
        assertThat(ConnectWiseCollection.TICKETS.conditions(query).text()).isEqualTo("recordType = \"ServiceTicket\""
                + " and id > 100 and id <= 200 and lastUpdated >= [2026-11-24T08:00:00Z]"
                + " and lastUpdated < [2026-11-24T09:30:01Z]");
    }

    @Test
    void aWholeSecondIsNotRoundedUp() {
        RecordQuery query = RecordQuery.all(HelpdeskEntity.COMPANIES)
                .changedBefore(Instant.parse("2026-11-24T09:30:00Z"));
        assertThat(ConnectWiseCollection.COMPANIES.conditions(query).text())
                .isEqualTo("lastUpdated < [2026-11-24T09:30:00Z]");
    }

    @Test
    void timeEntriesAreThoseChargedToTheTicketsNamed() {
        RecordQuery query = RecordQuery.childrenOf(HelpdeskEntity.TIME_ENTRIES, List.of(5L, 7L, 9L));
        assertThat(ConnectWiseCollection.TIME_ENTRIES.conditions(query).text())
                .isEqualTo("chargeToType = \"ServiceTicket\" and chargeToId in (5,7,9)");
        assertThat(ConnectWiseCollection.TIME_ENTRIES.path(query)).isEqualTo("time/entries");
    }

    @Test
    void notesAndMembersIgnoreChangeWindows() {
        RecordQuery notes = new RecordQuery(HelpdeskEntity.TICKET_NOTES, SINCE, null, 0, null, List.of(42L), null);
        assertThat(ConnectWiseCollection.NOTES.conditions(notes).isEmpty()).isTrue();
        assertThat(ConnectWiseCollection.NOTES.path(notes)).isEqualTo("service/tickets/42/notes");
        assertThat(ConnectWiseCollection.MEMBERS.conditions(RecordQuery.changedSince(HelpdeskEntity.HELPDESK_USERS,
                SINCE)).isEmpty()).isTrue();
    }

    @Test
    void tooManyTicketsForOneQueryAreRefused() {
        List<Long> many = java.util.stream.LongStream.rangeClosed(1, 101).boxed().toList();
        assertThatThrownBy(() -> ConnectWiseCollection.TIME_ENTRIES.path(
                RecordQuery.childrenOf(HelpdeskEntity.TIME_ENTRIES, many))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesAreEncodedWithSpacesAsPercent20() {
        assertThat(ConnectWiseConditions.encode("lastUpdated >= [2026-11-24T08:00:00Z] and id in (1,2)"))
                .isEqualTo("lastUpdated%20%3E%3D%20%5B2026-11-24T08%3A00%3A00Z%5D%20and%20id%20in%20%281%2C2%29");
    }

    @Test
    void numbersAndFlagsAreBare() {
        assertThat(ConnectWiseConditions.where().equalsNumber("member/id", 42).is("deletedFlag", false)
                .equalsText("chargeToType", "ServiceTicket").text())
                .isEqualTo("member/id = 42 and deletedFlag = false and chargeToType = \"ServiceTicket\"");
    }
}
