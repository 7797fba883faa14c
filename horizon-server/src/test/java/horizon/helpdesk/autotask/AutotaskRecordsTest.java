package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskContact;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import horizon.helpdesk.PicklistValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Autotask JSON to neutral records, with fixed items in the shapes Autotask sends. */
class AutotaskRecordsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aTicketKeepsItsCodesAsTextAndItsJson() {
        String text = "{\"id\":7012,\"ticketNumber\":\"T20261124.0001\",\"title\":\"VPN down\",\"status\":5,"
                + "\"priority\":2,\"queueID\":29682833,\"issueType\":null,\"subIssueType\":null,\"companyID\":0,"
                + "\"lastActivityDate\":\"2026-11-24T07:58:12.1234567\",\"createDate\":\"2026-11-24T07:00:00Z\"}";
        HelpdeskTicket ticket = AutotaskRecords.ticket(item(text));

        assertThat(ticket.externalId()).isEqualTo(7012);
        assertThat(ticket.status()).isEqualTo("5");
        assertThat(ticket.priority()).isEqualTo("2");
        assertThat(ticket.queueId()).isEqualTo(29_682_833L);
        assertThat(ticket.issueType()).isNull();
        assertThat(ticket.companyId()).isZero();
        assertThat(ticket.lastActivityAt()).isEqualTo(Instant.parse("2026-11-24T07:58:12.1234567Z"));
        assertThat(ticket.remoteUpdatedAt()).isEqualTo(ticket.lastActivityAt());
        assertThat(ticket.completedAt()).isNull();
        assertThat(JSON.readTree(ticket.rawJson())).isEqualTo(item(text));
    }

    @Test
    void aContactsIntegerIsActiveBecomesABoolean() {
        HelpdeskContact active = AutotaskRecords.contact(item("{\"id\":1,\"isActive\":1,"
                + "\"lastActivityDate\":\"2026-11-24T08:00:00.000Z\",\"lastModifiedDate\":\"2026-11-01T08:00:00Z\"}"));
        HelpdeskContact inactive = AutotaskRecords.contact(item("{\"id\":2,\"isActive\":0}"));

        assertThat(active.active()).isTrue();
        assertThat(inactive.active()).isFalse();
        assertThat(active.remoteUpdatedAt()).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
        assertThat(active.lastModifiedAt()).isEqualTo(Instant.parse("2026-11-01T08:00:00Z"));
    }

    @Test
    void aTimeEntryIsBillableUnlessMarkedNonBillable() {
        HelpdeskTimeEntry entry = AutotaskRecords.timeEntry(item("{\"id\":41001,\"ticketID\":7012,\"resourceID\":5,"
                + "\"roleID\":9,\"dateWorked\":\"2026-11-23T00:00:00\",\"hoursWorked\":1.25,\"isNonBillable\":false,"
                + "\"lastModifiedDateTime\":\"2026-11-23T17:30:00.00Z\"}"));

        assertThat(entry.billable()).isTrue();
        assertThat(entry.dateWorked()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(entry.hoursWorked()).isEqualByComparingTo(new BigDecimal("1.25"));
        assertThat(entry.remoteUpdatedAt()).isEqualTo(Instant.parse("2026-11-23T17:30:00Z"));
    }

    @Test
    void aPicklistValueWithoutParentHasNoParent() {
        PicklistValue status = AutotaskRecords.picklistValue("Tickets", "status", item("{\"value\":\"5\","
                + "\"label\":\"Complete\",\"isDefaultValue\":false,\"sortOrder\":9,\"parentValue\":\"\","
                + "\"isActive\":true,\"isSystem\":true}"));
        PicklistValue sub = AutotaskRecords.picklistValue("Tickets", "subIssueType", item("{\"value\":\"212\","
                + "\"label\":\"VPN\",\"isDefaultValue\":false,\"sortOrder\":3,\"parentValue\":\"14\","
                + "\"isActive\":false,\"isSystem\":false}"));

        assertThat(status).isEqualTo(new PicklistValue("Tickets", "status", "5", "Complete", true, false, 9, null));
        assertThat(sub).isEqualTo(new PicklistValue("Tickets", "subIssueType", "212", "VPN", false, false, 3, "14"));
    }

    private static JsonNode item(String json) {
        return JSON.readTree(json);
    }
}
