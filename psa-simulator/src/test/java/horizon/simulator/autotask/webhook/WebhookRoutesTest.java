package horizon.simulator.autotask.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.simulator.autotask.SecurityLevel;
import horizon.simulator.core.SimClock;
import horizon.simulator.autotask.http.ApiResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebhookRoutesTest {
    private static final String HOOK = "https://hooks.example.com/autotask";
    private static final String DEACT = "https://hooks.example.com/autotask/deactivated";

    private final Webhooks webhooks = new Webhooks(new SimClock(Clock.systemUTC(), 0.01), 42L);
    private final WebhookApi api = new WebhookApi(webhooks);

    @AfterEach
    void close() {
        webhooks.close();
    }

    @Test
    void createsWebhooksWithSequentialIdsPerFamilyAndReadsThemBackInCamelCase() {
        long first = api.createWebhook("TicketWebhooks", HOOK, DEACT, true, true, false);
        long second = api.createWebhook("TicketWebhooks", HOOK + "/2", DEACT, true, true, false);
        long company = api.createWebhook("CompanyWebhooks", HOOK, DEACT, true, false, false);

        assertThat(List.of(first, second, company)).containsExactly(1L, 2L, 1L);
        JsonNode item = api.get("TicketWebhooks/1").body().get("item");
        assertThat(item.get("id").longValue()).isEqualTo(1);
        assertThat(item.get("name").stringValue()).isEqualTo("Horizon");
        assertThat(item.get("webhookUrl").stringValue()).isEqualTo(HOOK);
        assertThat(item.get("deactivationUrl").stringValue()).isEqualTo(DEACT);
        assertThat(item.get("isActive").booleanValue()).isTrue();
        assertThat(item.get("isReady").booleanValue()).isFalse();
        assertThat(item.get("isSubscribedToCreateEvents").booleanValue()).isTrue();
        assertThat(item.get("isSubscribedToDeleteEvents").booleanValue()).isFalse();
        assertThat(item.get("ownerResourceID").longValue()).isEqualTo(WebhookApi.API_USER_RESOURCE);
        assertThat(item.get("webhookGUID").stringValue())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(item.get("secretKey").isNull()).isTrue();
        assertThat(webhooks.secretKey("Ticket", 1)).contains("test-webhook-secret");
    }

    @Test
    void guidsRepeatForTheSameSeed() {
        api.createWebhook("TicketWebhooks", HOOK, DEACT, true, true, false);
        try (Webhooks again = new Webhooks(new SimClock(Clock.systemUTC(), 0.01), 42L)) {
            new WebhookApi(again).createWebhook("TicketWebhooks", HOOK, DEACT, true, true, false);
            assertThat(new WebhookApi(again).get("TicketWebhooks/1").body().get("item").get("webhookGUID"))
                    .isEqualTo(api.get("TicketWebhooks/1").body().get("item").get("webhookGUID"));
        }
    }

    @Test
    void acceptsCamelCaseKeysAndGeneratesASecretWhenNoneIsSent() {
        long id = api.create("ContactWebhooks", """
                {"webhookUrl": "%s", "deactivationUrl": "%s", "isSubscribedToUpdateEvents": "true"}
                """.formatted(HOOK, DEACT));

        JsonNode item = api.get("ContactWebhooks/" + id).body().get("item");
        assertThat(item.get("isSubscribedToUpdateEvents").booleanValue()).isTrue();
        assertThat(webhooks.secretKey("Contact", id)).hasValueSatisfying(secret -> assertThat(secret).hasSize(32));
    }

    @Test
    void refusesAWebhookWithoutUrls() {
        ApiResponse noUrl = api.call("POST", "TicketWebhooks", """
                {"DeactivationUrl": "%s", "IsSubscribedToCreateEvents": true}""".formatted(DEACT));
        ApiResponse noDeactivation = api.call("POST", "TicketWebhooks", """
                {"WebhookUrl": "%s", "IsSubscribedToCreateEvents": true}""".formatted(HOOK));
        ApiResponse notAUrl = api.call("POST", "TicketWebhooks", """
                {"WebhookUrl": "hooks", "DeactivationUrl": "%s"}""".formatted(DEACT));

        assertThat(noUrl.status()).isEqualTo(500);
        assertThat(errors(noUrl)).containsExactly("The webhookUrl field is required.");
        assertThat(noDeactivation.status()).isEqualTo(500);
        assertThat(errors(noDeactivation)).containsExactly("The deactivationUrl field is required.");
        assertThat(notAUrl.status()).isEqualTo(500);
        assertThat(api.call("POST", "TicketWebhooks/query", "{\"filter\":[]}").body().get("items")).isEmpty();
    }

    @Test
    void refusesWritesWithoutTheWebhookRightButAllowsReading() {
        WebhookApi noRight = new WebhookApi(webhooks, SecurityLevel.API_ONLY);

        ApiResponse refused = noRight.call("POST", "TicketWebhooks", """
                {"WebhookUrl": "%s", "DeactivationUrl": "%s"}""".formatted(HOOK, DEACT));

        assertThat(refused.status()).isEqualTo(500);
        assertThat(errors(refused).get(0)).startsWith("The logged in Resource does not have the adequate permissions");
        assertThat(noRight.call("POST", "TicketWebhooks/query", "{\"filter\":[]}").status()).isEqualTo(200);
    }

    @Test
    void refusesADuplicateOfTheSameUrlAndEventTypesEvenWhenInactive() {
        long id = api.createWebhook("TicketWebhooks", HOOK, DEACT, true, true, false);
        api.call("PATCH", "TicketWebhooks", "{\"id\": %d, \"isActive\": false}".formatted(id));

        ApiResponse duplicate = api.call("POST", "TicketWebhooks", """
                {"WebhookUrl": "%s", "DeactivationUrl": "%s", "IsSubscribedToCreateEvents": true,
                 "IsSubscribedToUpdateEvents": true}""".formatted(HOOK.toUpperCase(), DEACT));
        long otherTypes = api.createWebhook("TicketWebhooks", HOOK, DEACT, false, true, false);
        long otherFamily = api.createWebhook("TicketNoteWebhooks", HOOK, DEACT, true, true, false);

        assertThat(duplicate.status()).isEqualTo(500);
        assertThat(errors(duplicate).get(0)).contains("already exists");
        assertThat(otherTypes).isEqualTo(2);
        assertThat(otherFamily).isEqualTo(1);
    }

    @Test
    void patchChangesOnlyWhatIsSentAndPutReplaces() {
        long id = api.create("TicketWebhooks", """
                {"Name": "n", "WebhookUrl": "%s", "DeactivationUrl": "%s", "NotificationEmailAddress": "ops@example.com",
                 "IsSubscribedToCreateEvents": true}""".formatted(HOOK, DEACT));

        ApiResponse patched = api.call("PATCH", "TicketWebhooks", "{\"Id\": %d, \"Name\": \"renamed\"}".formatted(id));
        JsonNode afterPatch = api.get("TicketWebhooks/" + id).body().get("item");
        ApiResponse put = api.call("PUT", "TicketWebhooks", """
                {"id": %d, "webhookUrl": "%s", "deactivationUrl": "%s", "isActive": true}""".formatted(id, HOOK, DEACT));
        JsonNode afterPut = api.get("TicketWebhooks/" + id).body().get("item");

        assertThat(patched.body().get("itemId").longValue()).isEqualTo(id);
        assertThat(afterPatch.get("name").stringValue()).isEqualTo("renamed");
        assertThat(afterPatch.get("notificationEmailAddress").stringValue()).isEqualTo("ops@example.com");
        assertThat(afterPatch.get("isSubscribedToCreateEvents").booleanValue()).isTrue();
        assertThat(put.status()).isEqualTo(200);
        assertThat(afterPut.get("name").isNull()).isTrue();
        assertThat(afterPut.get("notificationEmailAddress").isNull()).isTrue();
        assertThat(afterPut.get("isSubscribedToCreateEvents").booleanValue()).isFalse();
        assertThat(afterPut.get("webhookGUID")).isEqualTo(afterPatch.get("webhookGUID"));
    }

    @Test
    void deletesAWebhookWithItsChildren() {
        long id = api.createWebhook("CompanyWebhooks", HOOK, DEACT, true, true, false);
        api.addField("CompanyWebhooks", id, 7, true, true);

        ApiResponse deleted = api.call("DELETE", "CompanyWebhooks/" + id, null);
        ApiResponse again = api.call("DELETE", "CompanyWebhooks/" + id, null);

        assertThat(deleted.body().get("itemId").longValue()).isEqualTo(id);
        assertThat(api.get("CompanyWebhooks/" + id).body().get("item").isNull()).isTrue();
        assertThat(api.call("POST", "CompanyWebhookFields/query", "{\"filter\":[]}").body().get("items")).isEmpty();
        assertThat(again.status()).isEqualTo(500);
        assertThat(errors(again).get(0)).startsWith("No matching records found.");
    }

    @Test
    void queriesWithEqInAnEmptyFilterAndCount() {
        api.createWebhook("TicketWebhooks", HOOK + "/1", DEACT, true, false, false);
        long second = api.createWebhook("TicketWebhooks", HOOK + "/2", DEACT, true, false, false);
        long third = api.createWebhook("TicketWebhooks", HOOK + "/3", DEACT, true, false, false);
        api.call("PATCH", "TicketWebhooks", "{\"id\": %d, \"isActive\": false, \"name\": \"off\"}".formatted(third));

        assertThat(ids(api.call("POST", "TicketWebhooks/query", "{\"filter\":[]}"))).containsExactly(1L, 2L, 3L);
        assertThat(ids(api.call("POST", "TicketWebhooks/query", """
                {"Filter": [{"op": "eq", "field": "IsActive", "value": true}]}"""))).containsExactly(1L, 2L);
        assertThat(ids(api.call("POST", "TicketWebhooks/query", """
                {"filter": [{"op": "in", "field": "id", "value": [2, 3, 99]}]}"""))).containsExactly(second, third);
        assertThat(ids(api.call("GET", "TicketWebhooks/query", null,
                Map.of("search", "{\"filter\":[{\"op\":\"eq\",\"field\":\"name\",\"value\":\"OFF\"}]}"))))
                .containsExactly(third);
        assertThat(ids(api.call("POST", "TicketWebhooks/query", """
                {"filter": [{"op": "or", "items": [{"op": "eq", "field": "id", "value": 1},
                                                   {"op": "eq", "field": "id", "value": 3}]}]}""")))
                .containsExactly(1L, 3L);
        assertThat(api.call("POST", "TicketWebhooks/query/count", """
                {"filter": [{"op": "eq", "field": "isActive", "value": false}]}""").body().get("queryCount").intValue())
                .isEqualTo(1);
        assertThat(api.call("POST", "TicketWebhooks/query", "{\"filter\":[], \"MaxRecords\": 2}").body()
                .get("pageDetails").get("count").intValue()).isEqualTo(2);
    }

    @Test
    void refusesAnUnknownFieldAndDropsAnUnknownOperator() {
        api.createWebhook("TicketWebhooks", HOOK, DEACT, true, false, false);

        ApiResponse unknownField = api.call("POST", "TicketWebhooks/query", """
                {"filter": [{"op": "eq", "field": "colour", "value": 1}]}""");
        ApiResponse unknownOperator = api.call("POST", "TicketWebhooks/query", """
                {"filter": [{"op": "ne", "field": "id", "value": 1}]}""");

        assertThat(unknownField.status()).isEqualTo(500);
        assertThat(errors(unknownField)).containsExactly("Unable to find colour in the TicketWebhook Entity");
        assertThat(ids(unknownOperator)).containsExactly(1L);
    }

    @Test
    void fieldsMakeTheWebhookReadyAndAreReachableUnderTheParentAndFlat() {
        long id = api.createWebhook("TicketWebhooks", HOOK, DEACT, true, true, false);
        long status = fieldId("TicketWebhookFields", "fieldID", "status");

        long fieldRow = api.create("TicketWebhooks/" + id + "/Fields", """
                {"fieldID": %d, "isSubscribedField": true, "isDisplayAlwaysField": false, "webhookID": %d}
                """.formatted(status, id));

        assertThat(api.get("TicketWebhooks/" + id).body().get("item").get("isReady").booleanValue()).isTrue();
        JsonNode row = api.get("TicketWebhooks/" + id + "/Fields/" + fieldRow).body().get("item");
        assertThat(row.get("fieldID").longValue()).isEqualTo(status);
        assertThat(row.get("isSubscribedField").booleanValue()).isTrue();
        assertThat(row.get("webhookID").longValue()).isEqualTo(id);
        assertThat(ids(api.get("TicketWebhooks/" + id + "/Fields"))).containsExactly(fieldRow);
        assertThat(api.get("TicketWebhookFields/" + fieldRow).body().get("item")).isEqualTo(row);
        assertThat(ids(api.call("POST", "TicketWebhookFields/query", """
                {"filter": [{"op": "eq", "field": "WebhookID", "value": %d}]}""".formatted(id)))).containsExactly(fieldRow);

        api.call("PATCH", "TicketWebhooks/" + id + "/Fields", "{\"id\": %d, \"IsDisplayAlwaysField\": true}"
                .formatted(fieldRow));
        JsonNode patched = api.get("TicketWebhookFields/" + fieldRow).body().get("item");
        assertThat(patched.get("isDisplayAlwaysField").booleanValue()).isTrue();
        assertThat(patched.get("isSubscribedField").booleanValue()).isTrue();

        assertThat(api.call("DELETE", "TicketWebhooks/" + id + "/Fields/" + fieldRow, null).status()).isEqualTo(200);
        assertThat(api.get("TicketWebhooks/" + id).body().get("item").get("isReady").booleanValue()).isFalse();
    }

    @Test
    void refusesUnknownFieldIdsDuplicatesAndWritesOutsideTheParent() {
        long id = api.createWebhook("TicketWebhooks", HOOK, DEACT, true, true, false);
        api.addField("TicketWebhooks", id, 23, true, false);

        assertThat(api.call("POST", "TicketWebhooks/" + id + "/Fields", "{\"FieldID\": 9999}").status()).isEqualTo(500);
        assertThat(api.call("POST", "TicketWebhooks/" + id + "/Fields", "{\"FieldID\": 23}").status()).isEqualTo(500);
        assertThat(api.call("POST", "TicketWebhooks/77/Fields", "{\"FieldID\": 23}").status()).isEqualTo(500);
        assertThat(api.call("POST", "TicketWebhookFields", "{\"FieldID\": 23, \"WebhookID\": 1}").status())
                .isEqualTo(404);
        assertThat(api.call("DELETE", "TicketWebhookFields/1", null).status()).isEqualTo(405);
        assertThat(api.call("GET", "TicketWebhooks", null).status()).isEqualTo(405);
    }

    @Test
    void fieldIdPicklistsNameTheRestFieldsWithAutotasksSampleCompanyIds() {
        assertThat(fieldId("CompanyWebhookFields", "fieldID", "companyName")).isEqualTo(7);
        assertThat(fieldId("CompanyWebhookFields", "fieldID", "companyType")).isEqualTo(24);
        for (String name : List.of("status", "priority", "queueID", "assignedResourceID", "title", "description",
                "ticketNumber", "issueType", "subIssueType", "companyID", "contactID", "dueDateTime")) {
            assertThat(fieldId("TicketWebhookFields", "fieldID", name)).as(name).isPositive();
        }
        assertThat(fieldId("ContactWebhookFields", "fieldID", "emailAddress")).isPositive();
        assertThat(fieldId("TicketNoteWebhookFields", "fieldID", "noteType")).isPositive();
        JsonNode picklist = picklist("TicketWebhooks/1/Fields/entityInformation/fields", "fieldID");
        assertThat(picklist).isEqualTo(picklist("TicketWebhookFields/entityInformation/fields", "fieldID"));
        assertThat(picklist.get(0).get("value").isString()).isTrue();
    }

    @Test
    void udfFieldIdsComeFromTheDefinedUserDefinedFieldsAndTicketNotesHaveNone() {
        List<Long> ids = webhooks.defineUserDefinedFields("Ticket", List.of("Customer Ranking", "External Ref"));

        assertThat(fieldId("TicketWebhookUdfFields", "udfFieldID", "External Ref")).isEqualTo(ids.get(1));
        long webhook = api.createWebhook("TicketWebhooks", HOOK, DEACT, true, true, false);
        long row = api.create("TicketWebhooks/" + webhook + "/UdfFields", """
                {"UdfFieldID": %d, "IsSubscribedField": true, "WebhookID": %d}""".formatted(ids.get(0), webhook));
        assertThat(api.get("TicketWebhookUdfFields/" + row).body().get("item").get("udfFieldID").longValue())
                .isEqualTo(ids.get(0));
        assertThat(api.get("TicketWebhooks/" + webhook).body().get("item").get("isReady").booleanValue()).isTrue();
        assertThat(webhooks.defineUserDefinedFields("Ticket", List.of("customer ranking"))).containsExactly(ids.get(0));

        long note = api.createWebhook("TicketNoteWebhooks", HOOK, DEACT, true, false, false);
        assertThat(api.call("POST", "TicketNoteWebhooks/" + note + "/UdfFields", "{\"UdfFieldID\": 1}").status())
                .isEqualTo(404);
        assertThat(api.get("TicketNoteWebhookUdfFields/entityInformation/fields").status()).isEqualTo(404);
    }

    @Test
    void excludedResourcesAreCreatedReadAndDeleted() {
        long id = api.createWebhook("ContactWebhooks", HOOK, DEACT, true, true, false);

        long row = api.create("ContactWebhooks/" + id + "/ExcludedResources",
                "{\"ResourceID\": %d, \"WebhookID\": %d}".formatted(WebhookApi.API_USER_RESOURCE, id));

        assertThat(api.get("ContactWebhooks/" + id + "/ExcludedResources/" + row).body().get("item")
                .get("resourceID").longValue()).isEqualTo(WebhookApi.API_USER_RESOURCE);
        assertThat(ids(api.call("POST", "ContactWebhookExcludedResources/query", "{\"filter\":[]}")))
                .containsExactly(row);
        assertThat(api.call("PATCH", "ContactWebhooks/" + id + "/ExcludedResources", "{\"id\": 1}").status())
                .isEqualTo(405);
        assertThat(api.call("DELETE", "ContactWebhooks/" + id + "/ExcludedResources/" + row, null).status())
                .isEqualTo(200);
        assertThat(api.get("ContactWebhookExcludedResources/" + row).body().get("item").isNull()).isTrue();
    }

    @Test
    void describesTheWebhookEntities() {
        JsonNode info = api.get("TicketWebhooks/entityInformation").body().get("info");
        JsonNode fields = api.get("TicketWebhooks/entityInformation/fields").body().get("fields");

        assertThat(info.get("name").stringValue()).isEqualTo("TicketWebhook");
        assertThat(info.get("canCreate").booleanValue()).isTrue();
        List<String> names = new ArrayList<>();
        fields.forEach(field -> names.add(field.get("name").stringValue()));
        assertThat(names).contains("webhookUrl", "deactivationUrl", "isReady", "webhookGUID", "secretKey");
        assertThat(api.get("WebhookEventErrorLogs/entityInformation/fields").body().get("fields")).isNotEmpty();
        assertThat(api.get("TicketWebhooks/entityInformation/userDefinedFields").body().get("fields")).isEmpty();
    }

    @Test
    void dumpsEveryWebhookWithItsChildren() {
        long udf = webhooks.defineUserDefinedFields("Company", List.of("Tier")).get(0);
        long id = api.createWebhook("CompanyWebhooks", HOOK, DEACT, true, true, true);
        api.addField("CompanyWebhooks", id, 7, true, true);
        api.create("CompanyWebhooks/" + id + "/UdfFields", "{\"UdfFieldID\": %d}".formatted(udf));
        api.create("CompanyWebhooks/" + id + "/ExcludedResources", "{\"ResourceID\": 4}");

        JsonNode dump = webhooks.dump();

        JsonNode company = dump.get("CompanyWebhooks").get(0);
        assertThat(company.get("id").longValue()).isEqualTo(id);
        assertThat(company.get("isReady").booleanValue()).isTrue();
        assertThat(company.get("fields").get(0).get("fieldID").longValue()).isEqualTo(7);
        assertThat(company.get("udfFields").get(0).get("udfFieldID").longValue()).isEqualTo(udf);
        assertThat(company.get("excludedResources").get(0).get("resourceID").longValue()).isEqualTo(4);
        assertThat(dump.get("TicketWebhooks")).isEmpty();
        assertThat(dump.get("WebhookEventErrorLogs")).isEmpty();
    }

    @Test
    void putOnFieldsReplacesTheFlags() {
        long id = api.createWebhook("TicketWebhooks", HOOK, DEACT, true, true, false);
        long row = api.addField("TicketWebhooks", id, 23, true, true);

        api.call("PUT", "TicketWebhooks/" + id + "/Fields", "{\"id\": %d, \"isSubscribedField\": true}".formatted(row));

        JsonNode field = api.get("TicketWebhookFields/" + row).body().get("item");
        assertThat(field.get("isSubscribedField").booleanValue()).isTrue();
        assertThat(field.get("isDisplayAlwaysField").booleanValue()).isFalse();
        assertThat(field.get("fieldID").longValue()).isEqualTo(23);
    }

    @Test
    void handlesOnlyItsOwnCollections() {
        var endpoint = webhooks.endpoint();

        assertThat(endpoint.handles(List.of("ticketwebhooks", "query"))).isTrue();
        assertThat(endpoint.handles(List.of("CompanyWebhookUdfFields", "query"))).isTrue();
        assertThat(endpoint.handles(List.of("WebhookEventErrorLogs", "1"))).isTrue();
        assertThat(endpoint.handles(List.of("Tickets", "query"))).isFalse();
        assertThat(endpoint.handles(List.of("ConfigurationItemWebhooks"))).isFalse();
    }

    private long fieldId(String collection, String picklistField, String label) {
        for (JsonNode value : picklist(collection + "/entityInformation/fields", picklistField)) {
            if (value.get("label").stringValue().equals(label)) {
                return Long.parseLong(value.get("value").stringValue());
            }
        }
        throw new AssertionError(label + " is not in the " + picklistField + " picklist of " + collection);
    }

    private JsonNode picklist(String path, String field) {
        for (JsonNode info : api.get(path).body().get("fields")) {
            if (info.get("name").stringValue().equals(field)) {
                assertThat(info.get("isPickList").booleanValue()).isTrue();
                return info.get("picklistValues");
            }
        }
        throw new AssertionError("no field " + field + " at " + path);
    }

    private static List<Long> ids(ApiResponse response) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        response.body().get("items").forEach(item -> ids.add(item.get("id").longValue()));
        return ids;
    }

    private static List<String> errors(ApiResponse response) {
        List<String> messages = new ArrayList<>();
        response.body().get("errors").forEach(error -> messages.add(error.stringValue()));
        return messages;
    }
}
