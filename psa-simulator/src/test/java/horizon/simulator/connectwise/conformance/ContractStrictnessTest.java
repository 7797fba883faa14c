package horizon.simulator.connectwise.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.simulator.core.conformance.Exchange;
import horizon.simulator.core.conformance.Finding;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checks of {@link CollectionConformanceTest} are only worth something if the validator rejects what it should:
 * made-up answers (no simulator involved) with a misspelled field, a mistyped value, a value outside an enum, a
 * wrong content type or a request without clientId must each be reported, and the divergence rules must not
 * excuse them. These exchanges are validated without counting as exercised operations.
 */
class ContractStrictnessTest {
    private static final String TICKET = "{\"id\":40001,\"summary\":\"Printer offline\","
            + "\"company\":{\"id\":2,\"identifier\":\"Acme0\",\"name\":\"Acme Ltd\"},"
            + "\"board\":{\"id\":20,\"name\":\"Help Desk\"},\"closedFlag\":false,"
            + "\"customFields\":[{\"id\":2,\"caption\":\"Customer Impact\",\"type\":\"Text\",\"entryMethod\":\"EntryField\","
            + "\"numberOfDecimals\":0,\"value\":\"Single user\"}],"
            + "\"_info\":{\"lastUpdated\":\"2026-06-09T21:59:49Z\",\"updatedBy\":\"System\"}}";

    private static OpenApiContract contract;

    @BeforeAll
    static void load() {
        contract = OpenApiContract.shared();
    }

    @Test
    void aConformingTicketHasNoFindingButItsScalarCustomFieldValue() {
        List<Finding> findings = contract.validate(answer("service/tickets/40001", TICKET));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.pointer()).isEqualTo("/customFields/0/value");
            assertThat(Divergence.SCALAR_CUSTOM_FIELD_VALUES.covers(f, answer("service/tickets/40001", TICKET))).isTrue();
        });
    }

    @Test
    void aMisspelledFieldIsReported() {
        assertReported(answer("service/tickets/40001", TICKET.replace("\"summary\"", "\"sumary\"")),
                "validation.response.body.schema.additionalProperties", "sumary");
    }

    @Test
    void aMisspelledFieldInsideAReferenceIsReported() {
        assertReported(answer("service/tickets/40001", TICKET.replace("\"name\":\"Help Desk\"", "\"nmae\":\"Help Desk\"")),
                "validation.response.body.schema.additionalProperties", "nmae");
    }

    @Test
    void anExtraFieldOnARowOfAListIsReported() {
        assertReported(answer("service/tickets", "[" + TICKET.replace("\"closedFlag\"", "\"closed\"") + "]"),
                "validation.response.body.schema.additionalProperties", "closed");
    }

    @Test
    void aMistypedValueIsReported() {
        assertReported(answer("service/tickets/40001", TICKET.replace("\"closedFlag\":false", "\"closedFlag\":\"false\"")),
                "validation.response.body.schema.type", "closedFlag");
        assertReported(answer("service/tickets/40001", TICKET.replace("\"id\":40001", "\"id\":\"40001\"")),
                "validation.response.body.schema.type", "/id");
    }

    @Test
    void aValueOutsideAnEnumIsReported() {
        assertReported(answer("service/priorities/1", "{\"id\":1,\"name\":\"Priority 1\",\"color\":\"#ff0000\"}"),
                "validation.response.body.schema.enum", "#ff0000");
    }

    @Test
    void aValueLongerThanItsStatedMaxLengthIsReported() {
        // the description states "Max length: 100;" for Ticket.summary in prose; the contract makes it a maxLength
        assertThat(contract.maxLengths()).isGreaterThan(150);
        assertReported(answer("service/tickets/40001", TICKET.replace("Printer offline", "x".repeat(101))),
                "validation.response.body.schema.maxLength", "/summary");
        assertThat(contract.validate(answer("service/tickets/40001", TICKET.replace("Printer offline", "x".repeat(100)))))
                .noneMatch(f -> f.key().equals("validation.response.body.schema.maxLength"));
    }

    @Test
    void anUnversionedContentTypeIsReported() {
        Exchange x = new Exchange("GET", uri("system/members/count"), requestHeaders(), null, 200,
                Map.of("Content-Type", List.of("application/json; charset=utf-8")), "{\"count\":3}");
        assertThat(contract.validate(x)).extracting(Finding::key).anyMatch(key -> key.contains("contentType"));
    }

    @Test
    void aRequestWithoutClientIdIsReported() {
        Map<String, String> headers = requestHeaders();
        headers.remove("clientId");
        Exchange x = new Exchange("GET", uri("system/members/count"), headers, null, 200, versioned(), "{\"count\":3}");
        assertThat(contract.validate(x)).extracting(Finding::key).contains("validation.request.parameter.header.missing");
    }

    @Test
    void aPartialResponseIsExcusedOnlyForRequiredFieldsItDidNotName() {
        String partial = "[{\"id\":40001,\"summary\":\"Printer offline\"}]";
        Exchange unnamed = answer("service/tickets?fields=id,summary", partial);
        Exchange named = answer("service/tickets?fields=id,summary,company/name", partial);
        Exchange whole = answer("service/tickets", partial);
        for (Exchange x : List.of(unnamed, named, whole)) {
            assertThat(contract.validate(x)).extracting(Finding::key).contains("validation.response.body.schema.required");
        }
        assertThat(contract.validate(unnamed)).allMatch(f -> Divergence.PARTIAL_RESPONSE_WITHOUT_REQUIRED.covers(f, unnamed));
        assertThat(contract.validate(named)).noneMatch(f -> Divergence.PARTIAL_RESPONSE_WITHOUT_REQUIRED.covers(f, named));
        assertThat(contract.validate(whole)).noneMatch(f -> Divergence.PARTIAL_RESPONSE_WITHOUT_REQUIRED.covers(f, whole));
    }

    @Test
    void theCustomFieldRuleCoversOnlyTheValue() {
        Exchange x = answer("service/tickets/40001", TICKET.replace("\"caption\":\"Customer Impact\"", "\"caption\":7"));
        List<Finding> findings = contract.validate(x);
        assertThat(findings).anyMatch(f -> f.pointer().equals("/customFields/0/caption"));
        assertThat(findings).filteredOn(f -> f.pointer().equals("/customFields/0/caption"))
                .noneMatch(f -> Divergence.SCALAR_CUSTOM_FIELD_VALUES.covers(f, x));
    }

    @Test
    void templatesNameTheParentAndTheRecord() {
        assertThat(OpenApiContract.template("/v4_6_release/apis/3.0/service/tickets/7/notes/9"))
                .isEqualTo("/service/tickets/{parentId}/notes/{id}");
        assertThat(OpenApiContract.template("/v4_6_release/apis/3.0/service/boards/20/statuses/count"))
                .isEqualTo("/service/boards/{parentId}/statuses/count");
        assertThat(OpenApiContract.template("/v4_6_release/apis/3.0/time/entries/70001")).isEqualTo("/time/entries/{id}");
    }

    private static void assertReported(Exchange x, String key, String mentioning) {
        List<Finding> reported = contract.validate(x).stream().filter(f -> f.key().equals(key)
                && (f.message().contains(mentioning) || f.pointer().contains(mentioning))).toList();
        assertThat(reported).as(x.describe()).isNotEmpty();
        assertThat(reported).as("no divergence rule excuses it")
                .allMatch(f -> Arrays.stream(Divergence.values()).noneMatch(rule -> rule.covers(f, x)));
    }

    private static Exchange answer(String path, String body) {
        return new Exchange("GET", uri(path), requestHeaders(), null, 200, versioned(), body);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:1" + OpenApiContract.BASE + "/" + path);
    }

    private static Map<String, String> requestHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", Wire.basic("horizonsim+public", "private"));
        headers.put("clientId", "3f1c2b9e-8d7a-4c5b-9e6f-0a1b2c3d4e5f");
        headers.put("Accept", Wire.VERSIONED_JSON);
        return headers;
    }

    private static Map<String, List<String>> versioned() {
        return Map.of("Content-Type", List.of(Wire.VERSIONED_JSON + "; charset=utf-8"));
    }
}
