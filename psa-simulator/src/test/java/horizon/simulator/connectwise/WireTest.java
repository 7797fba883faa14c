package horizon.simulator.connectwise;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.connectwise.store.Permission;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The ConnectWise site on the wire: discovery, hosts, auth, clientId, versions, paging, conditions, limits. */
class WireTest {
    private static ConnectWiseSimulator sim;
    private static CwClient api;

    @BeforeAll
    static void start() {
        sim = ConnectWiseSimulator.start(ConnectWiseOptions.defaults()
                .withSize(new ConnectWiseOptions.MspSize(8, 40, 4, 1200, 18)));
        api = CwClient.of(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void companyInfoNeedsNoAuthAndNamesTheCodebase() {
        CwClient anonymous = new CwClient(sim.siteUrl());
        CwClient.Response info = anonymous.get("login/companyinfo/HORIZONSIM");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().get("Codebase").asString()).isEqualTo("v4_6_release/");
        assertThat(info.json().get("CompanyID").asString()).isEqualTo("horizonsim");
        assertThat(info.json().get("IsCloud").asString()).isEqualTo("False");
        assertThat(sim.apiUrl()).isEqualTo(sim.siteUrl() + info.json().get("Codebase").asString() + "apis/3.0/");

        CwClient.Response unknown = anonymous.get("login/companyinfo/nosuchco");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("NotFound");
    }

    @Test
    void everyCredentialFailureIsTheSame401() {
        ApiMember m = sim.apiMember();
        List<String> wrong = List.of(
                CwClient.basic("othercompany+" + m.publicKey() + ":" + m.privateKey()),
                CwClient.basic(m.companyId() + "+" + m.publicKey() + ":wrong"),
                CwClient.basic(m.companyId() + "+nosuchkey:" + m.privateKey()),
                CwClient.basic(m.publicKey() + ":" + m.privateKey()),
                "Bearer abc");
        for (String authorization : wrong) {
            CwClient.Response response = api.header("Authorization", authorization).get("service/tickets");
            assertThat(response.status()).as(authorization).isEqualTo(401);
            assertThat(response.json().get("code").asString()).isEqualTo("Unauthorized");
        }
        assertThat(api.header("Authorization", null).get("service/tickets").status()).isEqualTo(401);
    }

    @Test
    void clientIdIsRequiredWellFormedAndNotDisabled() {
        CwClient.Response missing = api.header("clientId", null).get("service/tickets");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("code").asString()).isEqualTo("InvalidClientId");
        assertThat(api.header("clientId", "not-a-guid").get("service/tickets").status()).isEqualTo(401);

        String other = "3f0b8a52-4c1e-4d6b-9a57-0f1e2d3c4b5a";
        assertThat(api.header("clientId", other).get("service/tickets").status()).isEqualTo(200);
        sim.control().disableClientId(other, true);
        try {
            CwClient.Response disabled = api.header("clientId", other).get("service/tickets");
            assertThat(disabled.status()).isEqualTo(401);
            assertThat(disabled.json().get("message").asString()).contains("disabled");
        } finally {
            sim.control().disableClientId(other, false);
        }
        // header names are case-insensitive, as HTTP defines them
        assertThat(api.header("clientId", null).header("clientid", sim.clientId()).get("service/tickets").status())
                .isEqualTo(200);
    }

    @Test
    void cloudHostsWithoutTheApiPrefixAnswerSslIsRequired() throws Exception {
        String status;
        String body;
        try (Socket socket = new Socket("127.0.0.1", sim.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v4_6_release/apis/3.0/service/tickets HTTP/1.1\r\nHost: na.myconnectwise.net\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            status = in.readLine();
            StringBuilder rest = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                rest.append(line).append('\n');
            }
            body = rest.toString();
        }
        assertThat(status).contains(" 403");
        assertThat(body).contains("\"code\":\"Security\"").contains("SSL is required.");
    }

    @Test
    void acceptVersionIsEchoedAndCheckedAndDefaultsToTheNewest() {
        assertThat(api.get("service/priorities").header("Content-Type"))
                .startsWith("application/vnd.connectwise.com+json; version=2026.4");
        CwClient versioned = api.header("Accept", "application/vnd.connectwise.com+json; version=2025.8, application/json");
        assertThat(versioned.get("service/priorities").header("Content-Type")).contains("version=2025.8");
        CwClient old = api.header("Accept", "application/vnd.connectwise.com+json; version=2021.1");
        assertThat(old.get("service/priorities").header("Content-Type")).contains("version=2025.4");
        CwClient future = api.header("Accept", "application/vnd.connectwise.com+json; version=2031.1");
        assertThat(future.get("service/priorities").status()).isEqualTo(400);
        assertThat(api.header("Accept", "application/vnd.connectwise.com+json; version=latest")
                .get("service/priorities").status()).isEqualTo(400);
    }

    @Test
    void unknownEndpointsAndMethods() {
        CwClient.Response unknown = api.get("service/nosuch");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("message").asString()).isEqualTo("The endpoint does not exist.");
        CwClient.Response missing = api.get("service/tickets/1");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asString()).isEqualTo("NotFound");
        assertThat(missing.json().get("message").asString()).isEqualTo("Ticket 1 not found");
        assertThat(api.delete("service/priorities/1").status()).isEqualTo(405);
        assertThat(api.post("service/tickets/count", Map.of()).status()).isEqualTo(405);
    }

    @Test
    void navigablePagingDefaultsTo25CapsAt1000AndLinksEveryPage() {
        int total = api.get("service/tickets/count").json().get("count").asInt();
        CwClient.Response first = api.get("service/tickets");
        assertThat(first.json().size()).isEqualTo(25);
        assertThat(first.header("Link")).contains("rel=\"first\"").contains("rel=\"next\"").contains("rel=\"last\"")
                .doesNotContain("rel=\"prev\"");
        assertThat(api.get("service/tickets?pageSize=5000").json().size()).isEqualTo(Math.min(total, 1000));

        Set<Long> seen = new HashSet<>();
        String next = "service/tickets?pageSize=100&conditions=" + enc("closedFlag = false OR closedFlag = true");
        int pages = 0;
        while (next != null) {
            CwClient.Response page = api.get(next);
            page.json().forEach(t -> assertThat(seen.add(t.get("id").asLong())).isTrue());
            next = link(page.header("Link"), "next");
            if (pages++ > 0) {
                assertThat(page.header("Link")).contains("rel=\"prev\"");
            }
        }
        assertThat(seen).hasSize(total);
        assertThat(pages).isEqualTo((total + 99) / 100);
        CwClient.Response beyond = api.get("service/tickets?page=999&pageSize=100");
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(beyond.json().isEmpty()).isTrue();
    }

    @Test
    void forwardOnlyPagingWalksByIdAndRefusesOrderBy() {
        CwClient forward = api.header("pagination-type", "forward-only");
        List<Long> ids = new ArrayList<>();
        String next = "service/tickets?pageSize=250&pageId=0&conditions=" + enc("lastUpdated > [2000-01-01T00:00:00Z]");
        while (next != null) {
            CwClient.Response page = forward.get(next);
            page.json().forEach(t -> ids.add(t.get("id").asLong()));
            next = page.json().isEmpty() ? null : link(page.header("Link"), "next");
            if (next != null) {
                assertThat(next).contains("pageId=" + ids.get(ids.size() - 1));
            }
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates().hasSize(api.get("service/tickets/count").json().get("count").asInt());
        CwClient.Response ordered = forward.get("service/tickets?pageId=0&orderBy=" + enc("id desc"));
        assertThat(ordered.status()).isEqualTo(400);
    }

    @Test
    void conditionsFieldsOrderByCountAndSearchAgree() {
        String conditions = "closedFlag = false and board/name = \"Help Desk\" and priority/id in (1,2)";
        int count = api.get("service/tickets/count?conditions=" + enc(conditions)).json().get("count").asInt();
        JsonNode listed = api.get("service/tickets?pageSize=1000&orderBy=" + enc("_info/lastUpdated desc")
                + "&fields=id,board/name,priority,_info/lastUpdated&conditions=" + enc(conditions)).json();
        assertThat(listed.size()).isEqualTo(count).isGreaterThan(0);
        Instant previous = Instant.MAX;
        for (JsonNode ticket : listed) {
            assertThat(ticket.propertyNames()).containsExactlyInAnyOrder("id", "board", "priority", "_info");
            assertThat(ticket.get("board").get("name").asString()).isEqualTo("Help Desk");
            assertThat(ticket.get("priority").get("id").asLong()).isIn(1L, 2L);
            Instant updated = Instant.parse(ticket.get("_info").get("lastUpdated").asString());
            assertThat(updated).isBeforeOrEqualTo(previous);
            previous = updated;
        }
        JsonNode searched = api.post("service/tickets/search?pageSize=1000", Map.of("conditions", conditions)).json();
        assertThat(searched.size()).isEqualTo(count);

        CwClient.Response unknownField = api.get("service/tickets?conditions=" + enc("nosuchfield = 1"));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("message").asString()).contains("nosuchfield");
        assertThat(api.get("service/tickets?conditions=" + enc("summary = \"unterminated")).status()).isEqualTo(400);
    }

    @Test
    void lastUpdatedWatermarkFindsTheChangesSinceAndEveryRecordCarriesInfo() {
        long ticketId = sim.control().createTicket(Map.of("summary", "Watermark probe"));
        JsonNode ticket = api.get("service/tickets/" + ticketId).json();
        String since = ticket.get("_info").get("lastUpdated").asString();
        JsonNode changed = api.get("service/tickets?conditions=" + enc("lastUpdated >= [" + since + "]")).json();
        assertThat(changed.valueStream().map(t -> t.get("id").asLong())).contains(ticketId);
        for (String path : List.of("service/tickets", "time/entries", "company/companies", "company/contacts",
                "system/members", "service/boards", "service/priorities", "service/sources", "time/workTypes",
                "time/workRoles", "service/tickets/" + ticketId + "/notes")) {
            for (JsonNode record : api.get(path + "?pageSize=50").json()) {
                assertThat(record.get("_info").get("lastUpdated").asString()).as(path).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
                assertThat(record.get("_info").has("dateEntered")).as(path).isTrue();
            }
        }
    }

    @Test
    void childAndCustomFieldConditionsSearchArrays() {
        JsonNode contact = api.get("company/contacts?pageSize=1").json().get(0);
        String email = contact.get("communicationItems").get(0).get("value").asString();
        JsonNode found = api.get("company/contacts?childConditions=" + enc("communicationItems/value like \""
                + email + "\" AND communicationItems/communicationType=\"Email\"")).json();
        assertThat(found.valueStream().map(c -> c.get("id").asLong())).containsExactly(contact.get("id").asLong());
        JsonNode gold = api.get("company/companies?pageSize=1000&customFieldConditions="
                + enc("caption=\"Customer Ranking\" AND value=\"Gold\"")).json();
        assertThat(gold.valueStream()).allSatisfy(c -> assertThat(c.get("customFields").get(0).get("value").asString())
                .isEqualTo("Gold"));
    }

    @Test
    void boardPicklistsLiveUnderTheirBoard() {
        JsonNode boards = api.get("service/boards").json();
        long board = boards.get(0).get("id").asLong();
        for (String child : List.of("statuses", "types", "subtypes", "items", "teams")) {
            JsonNode rows = api.get("service/boards/" + board + "/" + child).json();
            assertThat(rows.size()).as(child).isGreaterThan(0);
            int count = api.get("service/boards/" + board + "/" + child + "/count").json().get("count").asInt();
            assertThat(count).isEqualTo(rows.size());
        }
        assertThat(api.get("service/boards/999999/statuses").status()).isEqualTo(404);
        assertThat(api.get("service/boards/" + board + "/statuses?conditions=" + enc("closedStatus = true")).json()
                .valueStream()).allSatisfy(s -> assertThat(s.get("closedStatus").asBoolean()).isTrue());
    }

    @Test
    void aSecurityRoleWithoutAPermissionGets403NamingIt() {
        sim.control().setPermission(sim.apiRoleId(), Permission.TIME_ENTRY, false);
        try {
            CwClient.Response refused = api.get("time/entries");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("message").asString()).contains("Time Entry");
            assertThat(api.get("service/tickets").status()).isEqualTo(200);
        } finally {
            sim.control().setPermission(sim.apiRoleId(), Permission.TIME_ENTRY, true);
        }
    }

    @Test
    void thePerMinuteLimitAnswers429WithRetryAfter() {
        try (ConnectWiseSimulator small = ConnectWiseSimulator.start(ConnectWiseOptions.defaults()
                .withSize(ConnectWiseOptions.MspSize.empty()).withRequestsPerMinute(5))) {
            CwClient client = CwClient.of(small);
            for (int i = 0; i < 5; i++) {
                assertThat(client.get("service/priorities").status()).isEqualTo(200);
            }
            CwClient.Response limited = client.get("service/priorities");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
            assertThat(limited.json().get("message").asString()).startsWith("Too many requests.");
            assertThat(small.control().counters().get("requests").get("service/priorities").get("429").asLong()).isEqualTo(1);
        }
    }

    @Test
    void membersAreTechniciansWithSecurityRolesAndEmails() {
        JsonNode members = api.get("system/members?pageSize=100").json();
        assertThat(members.valueStream().filter(m -> m.get("licenseClass").asString().equals("A")).map(m -> m.get("identifier").asString()))
                .containsExactly(sim.apiMember().memberIdentifier());
        assertThat(members.valueStream()).allSatisfy(m -> {
            assertThat(m.get("securityRole").get("name").asString()).isNotBlank();
            assertThat(m.get("officeEmail").asString()).contains("@");
        });
        assertThat(members.valueStream().filter(m -> m.get("inactiveFlag").asBoolean())).hasSize(1);
        assertThat(sim.control().records(Kind.SECURITY_ROLES)).hasSizeGreaterThanOrEqualTo(3);
    }

    static String link(String header, String rel) {
        if (header == null) {
            return null;
        }
        Matcher m = Pattern.compile("<([^>]+)>; rel=\"" + rel + "\"").matcher(header);
        return m.find() ? m.group(1) : null;
    }
}
