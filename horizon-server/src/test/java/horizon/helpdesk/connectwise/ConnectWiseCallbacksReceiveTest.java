package horizon.helpdesk.connectwise;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import horizon.testsupport.BudgetDatabase;
import horizon.helpdesk.CallbackNotice;
import horizon.helpdesk.CallbackNotice.Action;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HookContext;
import horizon.helpdesk.InboundCall;
import horizon.helpdesk.InboundVerdict;
import horizon.helpdesk.InboundVerdict.Accepted;
import horizon.helpdesk.InboundVerdict.Rejected;
import horizon.helpdesk.SignatureVerdict;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link ConnectWiseCallbacks#receive} against a key URL served by a local stand-in for the account's site: what is
 * accepted and read, and each way a call is refused, counting every request the site and a foreign host got.
 */
class ConnectWiseCallbacksReceiveTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COMPANY = "horizonsim";
    private static final String KEY_A = "KeyA-0123456789abcdefghijklmnopq";
    private static final String KEY_B = "KeyB-zyxwvutsrqponmlkjihgfedcba9";
    private static final String LAST_UPDATED = "2026-11-24T08:15:30Z";

    /** How the stand-in answers a request. */
    private interface Answer {
        void answer(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private HttpServer site;
    private HttpServer foreign;
    private final AtomicInteger siteRequests = new AtomicInteger();
    private final AtomicInteger foreignRequests = new AtomicInteger();
    private final AtomicReference<Answer> siteAnswer = new AtomicReference<>();
    private ConnectWiseCallbacks callbacks;
    private HookContext context;
    private String keyUrl;

    @BeforeEach
    void start() throws IOException {
        site = server(siteRequests, siteAnswer);
        foreign = server(foreignRequests, new AtomicReference<>(exchange -> json(exchange, 200,
                "{\"signing_key\":\"" + KEY_A + "\"}")));
        serveKey(KEY_A);
        keyUrl = "http://127.0.0.1:" + site.getAddress().getPort()
                + "/v4_6_release//system/callbackkey/index.rails?companyName=" + COMPANY + "&id=k1";
        ConnectWiseProperties properties = ConnectWiseProperties.withClientId("client").allowingInsecureLoopback();
        callbacks = wire(properties, Duration.ofMillis(500));
        context = new HookContext(ConnectWiseCredentials.of(ConnectWiseSite.ON_PREMISE,
                "http://127.0.0.1:" + site.getAddress().getPort(), COMPANY, "pub", "priv"), List.of());
    }

    @AfterEach
    void stop() {
        site.stop(0);
        foreign.stop(0);
        threads.shutdownNow();
    }

    @Test
    void aSignedTicketUpdateIsAcceptedAndRead() {
        byte[] body = body(payload("updated", "ticket", 40123, entity(40123)));

        InboundVerdict verdict = callbacks.receive(signed(body, KEY_A, Map.of("recordId", "40123")), context);

        assertThat(verdict).isInstanceOf(Accepted.class);
        assertThat(verdict.signature()).isEqualTo(SignatureVerdict.VALID);
        CallbackNotice notice = ((Accepted) verdict).notices().get(0);
        assertThat(notice).isEqualTo(new CallbackNotice("ticket", HelpdeskEntity.TICKETS, 40123, Action.UPDATED,
                "6dd82302-5e46-47c0-8c84-702868125b76", Instant.parse(LAST_UPDATED), "jdoe", "26604", "40123"));
        assertThat(siteRequests).hasValue(1);
    }

    @Test
    void keysAreReadInAnyCase() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("ACTION", "Added");
        payload.put("callbackObjectRecId", 26605);
        payload.put("CompanyID", "HorizonSim");
        payload.put("entity", entity(88));
        payload.put("id", "88");
        payload.put("MemberID", "jdoe");
        payload.put("MessageID", "m-1");
        payload.put("metadata", Map.of("Key_URL", keyUrl));
        payload.put("type", "Contact");

        InboundVerdict verdict = callbacks.receive(signed(body(payload), KEY_A, Map.of()), context);

        assertThat(verdict.signature()).isEqualTo(SignatureVerdict.VALID);
        assertThat(((Accepted) verdict).notices()).containsExactly(new CallbackNotice("Contact",
                HelpdeskEntity.CONTACTS, 88, Action.CREATED, "m-1", Instant.parse(LAST_UPDATED), "jdoe", "26605",
                null));
    }

    @Test
    void aDeleteHasNoEntityAndSoNoTime() {
        InboundVerdict verdict = callbacks.receive(signed(body(payload("deleted", "time", 70001, null)), KEY_A,
                Map.of("recordId", "70001")), context);

        CallbackNotice notice = ((Accepted) verdict).notices().get(0);
        assertThat(notice.action()).isEqualTo(Action.DELETED);
        assertThat(notice.entity()).isEqualTo(HelpdeskEntity.TIME_ENTRIES);
        assertThat(notice.occurredAt()).isNull();
        assertThat(notice.ticketNumber()).isNull();
    }

    @Test
    void aTypeHorizonDoesNotMirrorIsAcceptedWithoutEntity() {
        InboundVerdict verdict = callbacks.receive(signed(body(payload("updated", "schedule", 5, "{\"id\":5}")),
                KEY_A, Map.of()), context);

        CallbackNotice notice = ((Accepted) verdict).notices().get(0);
        assertThat(notice.type()).isEqualTo("schedule");
        assertThat(notice.entity()).isNull();
        assertThat(notice.occurredAt()).isNull();
    }

    @Test
    void anotherCompanyIsRefusedWithoutFetchingAnything() {
        Map<String, Object> payload = payload("updated", "ticket", 1, entity(1));
        payload.put("CompanyId", "someoneelse");

        Rejected rejected = (Rejected) callbacks.receive(signed(body(payload), KEY_A, Map.of()), context);

        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.signature()).isEqualTo(SignatureVerdict.NOT_CHECKED);
        assertThat(rejected.reason()).contains("someoneelse");
        assertThat(rejected.notice().externalId()).isEqualTo(1);
        assertThat(siteRequests).hasValue(0);
    }

    @Test
    void aKeyUrlOffTheAccountsSiteIsNeverFetched() {
        int sitePort = site.getAddress().getPort();
        int foreignPort = foreign.getAddress().getPort();
        List<String> elsewhere = List.of(
                "http://127.0.0.1:" + foreignPort + "/v4_6_release//system/callbackkey/index.rails?id=k1",
                "http://localhost:" + foreignPort + "/key",
                "http://127.0.0.1:" + sitePort + "@127.0.0.1:" + foreignPort + "/key",
                "http://127.0.0.1:" + foreignPort + "#@127.0.0.1:" + sitePort + "/key",
                "ftp://127.0.0.1:" + sitePort + "/key",
                "//127.0.0.1:" + foreignPort + "/key",
                "not a url");

        for (String url : elsewhere) {
            Map<String, Object> payload = payload("updated", "ticket", 1, entity(1));
            payload.put("Metadata", Map.of("key_url", url));
            Rejected rejected = (Rejected) callbacks.receive(signed(body(payload), KEY_A, Map.of()), context);

            assertThat(rejected.status()).as(url).isEqualTo(401);
            assertThat(rejected.signature()).as(url).isEqualTo(SignatureVerdict.NOT_CHECKED);
            assertThat(rejected.reason()).as(url).isEqualTo("Signing key URL " + url
                    + " is not on this account's ConnectWise site");
        }
        assertThat(foreignRequests).hasValue(0);
        assertThat(siteRequests).hasValue(0);
    }

    @Test
    void aCloudSiteTakesHttpsOnItsOwnHostsOnly() {
        HelpdeskCredentials cloud = ConnectWiseCredentials.of("api-na.myconnectwise.net", "", COMPANY, "pub", "priv");
        for (String url : List.of("http://api-na.myconnectwise.net/v2025_1//system/callbackkey/index.rails?id=1",
                "https://api-eu.myconnectwise.net/v2025_1//system/callbackkey/index.rails?id=1",
                "https://api-na.myconnectwise.net.evil.example/key",
                "https://api-na.myconnectwise.net:8443/key",
                "https://eu.myconnectwise.net/key")) {
            Map<String, Object> payload = payload("updated", "ticket", 1, entity(1));
            payload.put("Metadata", Map.of("key_url", url));
            Rejected rejected = (Rejected) callbacks.receive(signed(body(payload), KEY_A, Map.of()),
                    new HookContext(cloud, List.of()));

            assertThat(rejected.status()).as(url).isEqualTo(401);
            assertThat(rejected.reason()).as(url).endsWith("is not on this account's ConnectWise site");
        }
        // ConnectWise's payloads name the key on the site's web name as well as on its api- name
        ConnectWiseSite site = ConnectWiseSite.of(cloud, false);
        assertThat(site.hostsSigningKey(URI.create("https://api-na.myconnectwise.net/v2025_1//k?id=1"), false))
                .isTrue();
        assertThat(site.hostsSigningKey(URI.create("https://na.myconnectwise.net:443/v2025_1//k?id=1"), false))
                .isTrue();
        assertThat(site.hostsSigningKey(URI.create("http://na.myconnectwise.net/k"), true)).isFalse();
    }

    @Test
    void aForgedSignatureIsInvalid() {
        byte[] body = body(payload("updated", "ticket", 7, entity(7)));

        Rejected rejected = (Rejected) callbacks.receive(signed(body, "not-the-key", Map.of()), context);

        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.signature()).isEqualTo(SignatureVerdict.INVALID);
        assertThat(rejected.notice().externalId()).isEqualTo(7);
    }

    @Test
    void aBodyChangedAfterSigningIsInvalid() {
        byte[] body = body(payload("updated", "ticket", 7, entity(7)));
        String signature = ConnectWiseContentSignature.sign(KEY_A, body);
        byte[] changed = new String(body, StandardCharsets.UTF_8).replace("\"ID\":7", "\"ID\":8")
                .getBytes(StandardCharsets.UTF_8);

        InboundVerdict verdict = callbacks.receive(new InboundCall(changed,
                Map.of("X-Content-Signature", signature), Map.of()), context);

        assertThat(verdict.signature()).isEqualTo(SignatureVerdict.INVALID);
    }

    @Test
    void noSignatureIsMissingAndNothingIsFetched() {
        Rejected rejected = (Rejected) callbacks.receive(new InboundCall(body(payload("updated", "ticket", 7,
                entity(7))), Map.of(), Map.of()), context);

        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.signature()).isEqualTo(SignatureVerdict.MISSING);
        assertThat(siteRequests).hasValue(0);
    }

    @Test
    void aKeptKeyServesABurstAndARotatedKeyIsFetchedOnceMore() {
        byte[] first = body(payload("updated", "ticket", 1, entity(1)));
        byte[] second = body(payload("updated", "ticket", 2, entity(2)));
        assertThat(callbacks.receive(signed(first, KEY_A, Map.of()), context).signature())
                .isEqualTo(SignatureVerdict.VALID);
        assertThat(callbacks.receive(signed(second, KEY_A, Map.of()), context).signature())
                .isEqualTo(SignatureVerdict.VALID);
        assertThat(siteRequests).hasValue(1);

        serveKey(KEY_B);
        byte[] third = body(payload("updated", "ticket", 3, entity(3)));

        assertThat(callbacks.receive(signed(third, KEY_B, Map.of()), context).signature())
                .isEqualTo(SignatureVerdict.VALID);
        assertThat(siteRequests).hasValue(2);
        // a forgery against the kept key costs one fetch, and still fails
        assertThat(callbacks.receive(signed(third, "forged", Map.of()), context).signature())
                .isEqualTo(SignatureVerdict.INVALID);
        assertThat(siteRequests).hasValue(3);
    }

    @Test
    void aKeyThatCannotBeFetchedLeavesTheSignatureUnchecked() {
        byte[] body = body(payload("updated", "ticket", 1, entity(1)));
        int foreignPort = foreign.getAddress().getPort();
        Map<Answer, String> failures = new LinkedHashMap<>();
        failures.put(exchange -> json(exchange, 404, "{\"code\":\"NotFound\"}"), "HTTP 404");
        failures.put(exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + foreignPort + "/key");
            json(exchange, 302, "");
        }, "HTTP 302");
        failures.put(exchange -> json(exchange, 200, "{\"signing_key\":\"" + "x".repeat(70 * 1024) + "\"}"),
                "more than 64 KiB");
        failures.put(exchange -> json(exchange, 200, "{\"key\":\"nope\"}"), "without a signing_key");
        failures.put(exchange -> {
            Thread.sleep(2_000);
            json(exchange, 200, "{\"signing_key\":\"" + KEY_A + "\"}");
        }, "did not answer within 500 ms");

        failures.forEach((answer, reason) -> {
            siteAnswer.set(answer);
            Rejected rejected = (Rejected) callbacks.receive(signed(body, KEY_A, Map.of()), context);

            assertThat(rejected.status()).as(reason).isEqualTo(401);
            assertThat(rejected.signature()).as(reason).isEqualTo(SignatureVerdict.NOT_CHECKED);
            assertThat(rejected.reason()).as(reason).contains(reason);
        });
        assertThat(foreignRequests).as("the redirect is not followed").hasValue(0);
    }

    @Test
    void malformedCallsAreBadRequests() {
        Map<String, Object> noId = payload("updated", "ticket", 1, null);
        noId.remove("ID");
        Map<String, Object> noType = payload("updated", "ticket", 1, null);
        noType.put("Type", "");
        Map<String, Object> noAction = payload("updated", "ticket", 1, null);
        noAction.remove("Action");
        Map<String, Object> unknownAction = payload("merged", "ticket", 1, null);
        for (byte[] body : List.of("not json".getBytes(StandardCharsets.UTF_8),
                "[1,2]".getBytes(StandardCharsets.UTF_8), "{\"ID\":".getBytes(StandardCharsets.UTF_8),
                new byte[0], body(noId), body(noType), body(noAction), body(unknownAction))) {
            Rejected rejected = (Rejected) callbacks.receive(signed(body, KEY_A, Map.of()), context);

            assertThat(rejected.status()).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(400);
            assertThat(rejected.signature()).isEqualTo(SignatureVerdict.NOT_CHECKED);
        }
        assertThat(siteRequests).hasValue(0);
    }

    @Test
    void aRecordIdOtherThanThePayloadsIsABadRequest() {
        byte[] body = body(payload("updated", "ticket", 40123, entity(40123)));

        Rejected rejected = (Rejected) callbacks.receive(signed(body, KEY_A, Map.of("recordId", "40124")), context);

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.reason()).contains("40124").contains("40123");
        assertThat(rejected.notice().externalId()).isEqualTo(40123);
        assertThat(siteRequests).hasValue(0);
    }

    // ---- the stand-in site and the calls ----

    private ConnectWiseCallbacks wire(ConnectWiseProperties properties, Duration keyDeadline) {
        ConnectWiseHttp http = new ConnectWiseHttp(properties);
        ConnectWiseApi api = new ConnectWiseApi(http, new ConnectWiseRateGate(properties, Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()), BudgetDatabase.fresh()), properties, Clock.systemUTC());
        return new ConnectWiseCallbacks(api, new ConnectWiseSigningKeys(http, keyDeadline), properties);
    }

    private HttpServer server(AtomicInteger requests, AtomicReference<Answer> answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try {
                answer.get().answer(exchange);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
        return server;
    }

    private void serveKey(String key) {
        siteAnswer.set(exchange -> json(exchange, 200, "{\"signing_key\":\"" + key + "\"}"));
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /** A payload as ConnectWise sends it, in its field order and casing. */
    private Map<String, Object> payload(String action, String type, long id, String entity) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("Action", action);
        payload.put("CallbackObjectRecId", 26604);
        payload.put("CompanyId", COMPANY);
        payload.put("Entity", entity);
        payload.put("FromUrl", "127.0.0.1");
        payload.put("ID", id);
        payload.put("MemberId", "jdoe");
        payload.put("MessageId", "6dd82302-5e46-47c0-8c84-702868125b76");
        payload.put("Metadata", Map.of("key_url", keyUrl));
        payload.put("PartnerId", "61ddc2817bcddc0001c74208");
        payload.put("ProductInstanceId", "639c96cab2eb560001dd1324");
        payload.put("Type", type);
        return payload;
    }

    private static String entity(long id) {
        return "{\"id\":" + id + ",\"summary\":\"Printer\",\"_info\":{\"lastUpdated\":\"" + LAST_UPDATED
                + "\",\"updatedBy\":\"jdoe\"}}";
    }

    private static byte[] body(Map<String, Object> payload) {
        return JSON.writeValueAsBytes(payload);
    }

    private static InboundCall signed(byte[] body, String key, Map<String, String> query) {
        return new InboundCall(body, Map.of("Content-Type", "application/json", "X-Content-Signature",
                ConnectWiseContentSignature.sign(key, body)), query);
    }
}
