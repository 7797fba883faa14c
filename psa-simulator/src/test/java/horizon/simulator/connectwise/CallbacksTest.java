package horizon.simulator.connectwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.core.HookReceiver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** /system/callbacks: registration rules, deliveries, signing keys, retries, disablement and delivery faults. */
class CallbacksTest {
    private ConnectWiseSimulator sim;
    private CwClient api;
    private HookReceiver receiver;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    @BeforeEach
    void start() throws Exception {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        // time scale 0.05: the 2 s and 4 s retries take 100 ms and 200 ms
        sim = ConnectWiseSimulator.start(ConnectWiseOptions.defaults().withTimeScale(0.05)
                .withSize(new ConnectWiseOptions.MspSize(3, 6, 3, 10, 1)), clock);
        api = CwClient.of(sim);
        receiver = new HookReceiver();
    }

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    private long register(String type, String level, long objectId, String path, boolean selfSuppressed) {
        CwClient.Response created = api.post("system/callbacks", Map.of("url", receiver.url(path) + "?recordId=",
                "objectId", objectId, "type", type, "level", level, "description", "Horizon " + type,
                "isSelfSuppressedFlag", selfSuppressed));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private List<HookReceiver.Received> awaitDeliveries(String path, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.receivedAt(path).size() >= count);
        return receiver.receivedAt(path);
    }

    /** The signature computed here, apart from the simulator's code: SHA-256 of the key, then HMAC-SHA256, Base64. */
    private static String independentSignature(String signingKey, byte[] body) throws Exception {
        byte[] keyHash = MessageDigest.getInstance("SHA-256").digest(signingKey.getBytes(StandardCharsets.UTF_8));
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(keyHash, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(hmac.doFinal(body));
    }

    private String fetchKey(String keyUrl) {
        CwClient.Response key = new CwClient("").get(keyUrl);
        assertThat(key.status()).as(keyUrl).isEqualTo(200);
        return key.json().get("signing_key").asString();
    }

    @Test
    void registrationIsValidatedAsConnectWiseDoes() {
        CwClient.Response invalid = api.post("system/callbacks", Map.of("url", "not a url", "objectId", 1,
                "type", "ticket", "level", "territory"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("message").asString()).isEqualTo("callbackEntry object is invalid");
        assertThat(invalid.json().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactly("url", "level");
        assertThat(api.post("system/callbacks", Map.of("url", receiver.url("/x"), "objectId", 1, "type", "weather",
                "level", "owner")).json().get("errors").get(0).get("field").asString()).isEqualTo("type");

        CwClient.Response created = api.post("system/callbacks", Map.of("id", 0, "url", receiver.url("/t") + "?recordId=",
                "objectId", 0, "type", "ticket", "level", "owner", "payloadVersion", "3.0.0", "memberId", 0));
        assertThat(created.status()).isEqualTo(201);
        JsonNode entry = created.json();
        assertThat(entry.get("objectId").asLong()).isEqualTo(1);
        assertThat(entry.get("memberId").asLong()).isEqualTo(sim.apiMember().memberId());
        assertThat(entry.get("inactiveFlag").asBoolean()).isFalse();
        assertThat(entry.get("isSoapCallbackFlag").asBoolean()).isFalse();
        assertThat(entry.get("connectWiseID").asString()).isNotBlank();

        CwClient.Response duplicate = api.post("system/callbacks", Map.of("url", receiver.url("/t") + "?recordId=",
                "objectId", 1, "type", "ticket", "level", "owner"));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().get("errors").get(0).get("code").asString()).isEqualTo("ObjectExists");
        assertThat(duplicate.json().get("errors").get(0).get("field").asString()).isEqualTo("objectId");

        long id = entry.get("id").asLong();
        assertThat(api.get("system/callbacks/" + id).json().get("url").asString()).endsWith("?recordId=");
        assertThat(api.patch("system/callbacks/" + id, List.of(Map.of("op", "replace", "path", "inactiveFlag",
                "value", true))).json().get("inactiveFlag").asBoolean()).isTrue();
        assertThat(api.get("system/callbacks?conditions=type%3D%22ticket%22").json().size()).isEqualTo(1);
        assertThat(api.delete("system/callbacks/" + id).status()).isEqualTo(204);
        assertThat(api.get("system/callbacks/" + id).status()).isEqualTo(404);
    }

    @Test
    void aTicketChangeIsPostedSignedWithTheRecordIdAppended() throws Exception {
        register("ticket", "owner", 1, "/tickets", false);
        long ticketId = sim.control().createTicket(Map.of("summary", "Server down"));

        HookReceiver.Received delivery = awaitDeliveries("/tickets", 1).get(0);
        assertThat(delivery.query()).isEqualTo("recordId=" + ticketId);
        JsonNode payload = CwClient.JSON.readTree(delivery.body());
        assertThat(payload.get("Action").asString()).isEqualTo("added");
        assertThat(payload.get("Type").asString()).isEqualTo("ticket");
        assertThat(payload.get("ID").asLong()).isEqualTo(ticketId);
        assertThat(payload.get("CompanyId").asString()).isEqualTo("horizonsim");
        assertThat(payload.get("MemberId").asString())
                .isEqualTo(sim.control().get(Kind.MEMBERS, sim.control().technicians().get(0)).orElseThrow()
                        .get("identifier").asString());
        assertThat(payload.get("Entity").isString()).isTrue();
        JsonNode entity = CwClient.JSON.readTree(payload.get("Entity").asString());
        assertThat(entity.get("summary").asString()).isEqualTo("Server down");
        assertThat(entity.get("_info").get("lastUpdated").asString()).isNotBlank();

        String keyUrl = payload.get("Metadata").get("key_url").asString();
        assertThat(keyUrl).startsWith(sim.siteUrl()).contains("/system/callbackkey/index.rails?companyName=horizonsim&id=");
        String expected = independentSignature(fetchKey(keyUrl), delivery.body());
        assertThat(delivery.header("x-content-signature")).isEqualTo(expected);
        assertThat(sim.control().callbacks().get("signingKey").get("keyUrl").asString()).isEqualTo(keyUrl);
    }

    @Test
    void notesArriveAsTicketUpdatesAndDeletesCarryNoEntity() throws Exception {
        long ticketId = sim.control().createTicket(Map.of("summary", "Noisy fan"));
        register("ticket", "owner", 1, "/tickets", false);
        sim.control().addNote(ticketId, "Ordered a new fan", true);
        sim.control().deleteTicket(ticketId);

        List<HookReceiver.Received> deliveries = awaitDeliveries("/tickets", 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.control().callbackCounters().get("delivered") >= 2);
        List<String> actions = receiver.receivedAt("/tickets").stream()
                .map(r -> CwClient.JSON.readTree(r.body()).get("Action").asString()).toList();
        assertThat(actions).containsExactlyInAnyOrder("updated", "deleted");
        JsonNode deleted = receiver.receivedAt("/tickets").stream().map(r -> CwClient.JSON.readTree(r.body()))
                .filter(p -> p.get("Action").asString().equals("deleted")).findFirst().orElseThrow();
        assertThat(deleted.get("Entity").isNull()).isTrue();
        assertThat(deleted.get("ID").asLong()).isEqualTo(ticketId);
        assertThat(deliveries).isNotEmpty();
    }

    @Test
    void companiesContactsAndTimeEntriesCallBackByType() {
        register("company", "owner", 1, "/companies", false);
        register("contact", "owner", 1, "/contacts", false);
        register("time", "owner", 1, "/time", false);
        long ticketId = sim.control().createTicket(Map.of("summary", "Onsite visit"));
        long contactId = sim.control().records(Kind.CONTACTS).get(0).get("id").asLong();
        long companyId = sim.control().records(Kind.COMPANIES).get(1).get("id").asLong();

        sim.control().update(Kind.CONTACTS, contactId, Map.of("title", "CTO"));
        sim.control().update(Kind.COMPANIES, companyId, Map.of("phoneNumber", "5550001111"));
        long entryId = sim.control().addTimeEntry(ticketId, sim.control().technicians().get(0), 1.0, "Visit");

        assertThat(CwClient.JSON.readTree(awaitDeliveries("/contacts", 1).get(0).body()).get("ID").asLong()).isEqualTo(contactId);
        assertThat(CwClient.JSON.readTree(awaitDeliveries("/companies", 1).get(0).body()).get("Type").asString()).isEqualTo("company");
        JsonNode time = CwClient.JSON.readTree(awaitDeliveries("/time", 1).get(0).body());
        assertThat(time.get("Type").asString()).isEqualTo("time");
        assertThat(time.get("ID").asLong()).isEqualTo(entryId);
    }

    @Test
    void levelsFilterSelfSuppressionAndSkipCallbackSilence() {
        long board = sim.control().records(Kind.BOARDS).get(0).get("id").asLong();
        long otherBoard = sim.control().records(Kind.BOARDS).get(1).get("id").asLong();
        register("ticket", "board", board, "/board", false);
        register("ticket", "owner", 1, "/self", true);

        sim.control().createTicket(Map.of("summary", "On the other board", "board", Map.of("id", otherBoard)));
        long mine = sim.control().createTicket(Map.of("summary", "On the board", "board", Map.of("id", board)));
        // the API member's own change: suppressed for the self-suppressed callback, delivered to the other
        api.patch("service/tickets/" + mine, List.of(Map.of("op", "replace", "path", "summary", "value", "By the API")));
        api.patch("service/tickets/" + mine, List.of(Map.of("op", "replace", "path", "summary", "value", "Quiet"),
                Map.of("op", "replace", "path", "skipCallback", "value", true)));

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.receivedAt("/board").size() >= 2
                && receiver.receivedAt("/self").size() >= 2);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(receiver.receivedAt("/board")).allSatisfy(r -> assertThat(r.query()).isEqualTo("recordId=" + mine))
                .hasSize(2);
        assertThat(receiver.receivedAt("/self")).hasSize(2);
        assertThat(sim.control().callbackCounters().get("suppressed")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void retriesTwiceAt2And4SecondsOnTheDocumentedStatusesOnly() {
        receiver.answering(n -> 429);
        register("ticket", "owner", 1, "/busy", false);
        sim.control().createTicket(Map.of("summary", "Retry me"));
        List<HookReceiver.Received> attempts = awaitDeliveries("/busy", 3);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(receiver.receivedAt("/busy")).hasSize(3);
        // scaled by 0.05: +100 ms, then +200 ms
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isBetween(Duration.ofMillis(80), Duration.ofMillis(1500));
        assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at())).isBetween(Duration.ofMillis(160), Duration.ofMillis(1500));
        assertThat(attempts.get(0).body()).isEqualTo(attempts.get(2).body());

        receiver.answering(n -> 500);
        register("ticket", "owner", 1, "/broken", false);
        sim.control().createTicket(Map.of("summary", "No retry"));
        awaitDeliveries("/broken", 1);
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(receiver.receivedAt("/broken")).hasSize(1);
    }

    @Test
    void aCallbackFailingForThreeDaysIsSwitchedOff() {
        receiver.answering(n -> 500);
        long id = register("ticket", "owner", 1, "/down", false);
        sim.control().createTicket(Map.of("summary", "first failure"));
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.control().callbackCounters().get("givenUp") >= 1);
        // three scaled days (0.05 x 3 days = 3.6 h) later, still failing
        now.set(now.get().plus(Duration.ofHours(4)));
        sim.control().createTicket(Map.of("summary", "still failing"));
        await().atMost(Duration.ofSeconds(5)).until(() -> api.get("system/callbacks/" + id).json()
                .get("inactiveFlag").asBoolean());
        int before = receiver.receivedAt("/down").size();
        sim.control().createTicket(Map.of("summary", "nobody listens"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(receiver.receivedAt("/down")).hasSize(before);
        assertThat(sim.control().callbackCounters().get("disabled")).isEqualTo(1);
    }

    @Test
    void theSigningKeyRotatesAndOldKeysExpire() throws Exception {
        register("ticket", "owner", 1, "/keys", false);
        sim.control().createTicket(Map.of("summary", "one"));
        String firstUrl = CwClient.JSON.readTree(awaitDeliveries("/keys", 1).get(0).body()).get("Metadata")
                .get("key_url").asString();
        sim.control().rotateSigningKey();
        sim.control().createTicket(Map.of("summary", "two"));
        HookReceiver.Received second = awaitDeliveries("/keys", 2).get(1);
        String secondUrl = CwClient.JSON.readTree(second.body()).get("Metadata").get("key_url").asString();
        assertThat(secondUrl).isNotEqualTo(firstUrl);
        assertThat(second.header("x-content-signature")).isEqualTo(independentSignature(fetchKey(secondUrl), second.body()));
        assertThat(fetchKey(firstUrl)).isNotEqualTo(fetchKey(secondUrl));
        // retired keys stay fetchable for 2 (scaled) hours, then answer 404
        now.set(now.get().plus(Duration.ofMinutes(7)));
        assertThat(new CwClient("").get(firstUrl).status()).isEqualTo(404);
        assertThat(new CwClient("").get(secondUrl.replaceAll("id=.*", "id=unknown")).status()).isEqualTo(404);
    }

    @Test
    void deliveryFaultsDropDuplicateReorderRedeliverAndFail() {
        register("ticket", "owner", 1, "/faults", false);
        var faults = sim.control().faults().deliveryFaults();

        faults.duplicateRate(1);
        long duplicated = sim.control().createTicket(Map.of("summary", "twice"));
        faults.duplicateRate(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> ids("/faults").stream().filter(i -> i == duplicated).count() == 2);

        faults.redeliverRate(1);
        long redelivered = sim.control().createTicket(Map.of("summary", "again after 2xx"));
        faults.redeliverRate(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> ids("/faults").stream().filter(i -> i == redelivered).count() == 2);

        faults.dropRate(1);
        long dropped = sim.control().createTicket(Map.of("summary", "never"));
        faults.dropRate(0);

        faults.reorderRate(1);
        long held = sim.control().createTicket(Map.of("summary", "held back"));
        faults.reorderRate(0);
        long overtaking = sim.control().createTicket(Map.of("summary", "overtakes"));
        await().atMost(Duration.ofSeconds(5)).until(() -> ids("/faults").contains(held));
        List<Long> order = ids("/faults");
        assertThat(order.indexOf(overtaking)).isLessThan(order.indexOf(held));

        faults.lateDuplicate(1, Duration.ofMillis(300));
        long late = sim.control().createTicket(Map.of("summary", "late copy"));
        faults.lateDuplicate(0, Duration.ofMillis(300));
        await().atMost(Duration.ofSeconds(5)).until(() -> ids("/faults").stream().filter(i -> i == late).count() == 2);

        faults.failNext(2);
        long failed = sim.control().createTicket(Map.of("summary", "fails twice first"));
        await().atMost(Duration.ofSeconds(5)).until(() -> ids("/faults").contains(failed));
        assertThat(ids("/faults")).doesNotContain(dropped);
        Map<String, Long> counters = sim.control().callbackCounters();
        assertThat(counters).containsEntry("faultDropped", 1L).containsEntry("faultFailed", 2L)
                .containsEntry("duplicated", 1L).containsEntry("redelivered", 1L).containsEntry("reordered", 1L)
                .containsEntry("lateDuplicated", 1L);
    }

    private List<Long> ids(String path) {
        return receiver.receivedAt(path).stream().map(r -> CwClient.JSON.readTree(r.body()).get("ID").asLong()).toList();
    }
}
