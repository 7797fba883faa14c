package horizon.simulator.autotask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EntityInformationTest {
    static AutotaskSimulator sim;
    static ApiClient api;

    @BeforeAll
    static void start() {
        sim = AutotaskSimulator.start(SimulatorOptions.defaults().withSize(new SimulatorOptions.MspSize(5, 20, 4, 50, 2)));
        api = ApiClient.of(sim.apiUser());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static JsonNode field(String entity, String name) {
        JsonNode fields = api.get("V1.0/" + entity + "/entityInformation/fields").json().get("fields");
        return StreamSupport.stream(fields.spliterator(), false).filter(f -> f.get("name").asString().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void ticketStatusPicklistHasStringValuesCompleteIsFiveAndSomeValuesAreInactive() {
        JsonNode status = field("Tickets", "status");
        assertThat(status.get("isPickList").asBoolean()).isTrue();
        assertThat(status.get("dataType").asString()).isEqualTo("integer");
        List<String> labels = new ArrayList<>();
        boolean inactive = false;
        for (JsonNode v : status.get("picklistValues")) {
            assertThat(v.get("value").isString()).isTrue();
            assertThat(v.has("isDefaultValue") && v.has("sortOrder") && v.has("parentValue") && v.has("isSystem")).isTrue();
            labels.add(v.get("label").asString());
            inactive |= !v.get("isActive").asBoolean();
            if (v.get("label").asString().equals("Complete")) {
                assertThat(v.get("value").asString()).isEqualTo("5");
            }
        }
        assertThat(labels).contains("New", "In Progress", "Complete");
        assertThat(inactive).isTrue();
        assertThat(field("Tickets", "title").get("picklistValues").isNull()).isTrue();
        JsonNode assigned = field("Tickets", "assignedResourceID");
        assertThat(assigned.get("isReference").asBoolean()).isTrue();
        assertThat(assigned.get("referenceEntityType").asString()).isEqualTo("Resource");
        assertThat(field("Tickets", "status").get("isSupportedWebhookField").asBoolean()).isTrue();
    }

    @Test
    void subIssueTypesHangUnderIssueTypes() {
        JsonNode issue = field("Tickets", "issueType");
        JsonNode sub = field("Tickets", "subIssueType");
        assertThat(sub.get("picklistParentValueField").asString()).isEqualTo("issueType");
        List<String> issueValues = new ArrayList<>();
        issue.get("picklistValues").forEach(v -> issueValues.add(v.get("value").asString()));
        assertThat(sub.get("picklistValues").size()).isGreaterThan(5);
        sub.get("picklistValues").forEach(v -> assertThat(issueValues).contains(v.get("parentValue").asString()));
    }

    @Test
    void otherPicklistsExist() {
        for (String[] f : new String[][]{{"Tickets", "priority"}, {"Tickets", "queueID"}, {"Tickets", "source"},
                {"Tickets", "ticketType"}, {"Tickets", "ticketCategory"}, {"TicketNotes", "noteType"},
                {"TicketNotes", "publish"}, {"Companies", "companyType"}, {"TimeEntries", "timeEntryType"}}) {
            assertThat(field(f[0], f[1]).get("picklistValues").size()).as(f[0] + "." + f[1]).isGreaterThan(1);
        }
    }

    @Test
    void picklistCodesDependOnTheSeedExceptComplete() {
        try (AutotaskSimulator other = AutotaskSimulator.start(SimulatorOptions.defaults().withSeed(99)
                .withSize(SimulatorOptions.MspSize.empty()))) {
            assertThat(other.control().picklistCode("Tickets", "status", "Complete")).isEqualTo(5);
            List<Long> mine = List.of(sim.control().picklistCode("Tickets", "status", "New"),
                    sim.control().picklistCode("Tickets", "priority", "High"), sim.control().picklistCode("Tickets", "queueID", "Level I Support"));
            List<Long> theirs = List.of(other.control().picklistCode("Tickets", "status", "New"),
                    other.control().picklistCode("Tickets", "priority", "High"), other.control().picklistCode("Tickets", "queueID", "Level I Support"));
            assertThat(theirs).isNotEqualTo(mine);
        }
    }

    @Test
    void entityInformationAndUserDefinedFields() {
        JsonNode info = api.get("V1.0/Tickets/entityInformation").json().get("info");
        assertThat(info.get("name").asString()).isEqualTo("Ticket");
        assertThat(info.get("canDelete").asBoolean()).isFalse();
        assertThat(info.get("canCreate").asBoolean()).isTrue();
        assertThat(info.get("hasUserDefinedFields").asBoolean()).isTrue();
        assertThat(info.get("supportsWebhookCallouts").asBoolean()).isTrue();
        assertThat(api.get("V1.0/TimeEntries/entityInformation").json().get("info").get("canDelete").asBoolean()).isTrue();
        JsonNode udfs = api.get("V1.0/Companies/entityInformation/userDefinedFields").json().get("fields");
        assertThat(udfs.get(0).has("label") && udfs.get(0).has("type") && udfs.get(0).has("defaultValue")).isTrue();
        assertThat(StreamSupport.stream(udfs.spliterator(), false).map(u -> u.get("name").asString())).contains("CustomerRanking");
        JsonNode noteFields = api.get("V1.0/Tickets/1/Notes/entityInformation/fields").json().get("fields");
        assertThat(noteFields.size()).isGreaterThan(5);
        assertThat(api.get("V1.0/Contacts/entityInformation/fields").json().get("fields").size()).isGreaterThan(20);
    }
}
