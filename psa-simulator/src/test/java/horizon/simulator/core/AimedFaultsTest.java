package horizon.simulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import horizon.simulator.autotask.ApiUser;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorOptions;
import horizon.simulator.connectwise.ApiMember;
import horizon.simulator.connectwise.ConnectWiseOptions;
import horizon.simulator.connectwise.ConnectWiseSimulator;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.core.fault.FaultRule;
import horizon.simulator.core.fault.RequestFaults;
import horizon.simulator.core.http.RequestLog;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Faults aimed by route and attempt, the same in both simulators: a write that commits and then fails its response
 * (5xx, stall, dropped connection), a response that stalls mid-body, a 5xx before the handler, the API down for a
 * while, a 429 storm; and the request log telling what was committed.
 */
class AimedFaultsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static AutotaskSimulator autotask;
    private static ConnectWiseSimulator connectwise;

    /** One PSA as these tests use it: a note to create, a big page to read, and where to look. */
    record Psa(String name, String writeRoute, String readRoute, HttpRequest.Builder write, HttpRequest.Builder read,
               IntSupplier notes, RequestFaults faults, RequestLog log) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        autotask = AutotaskSimulator.start(SimulatorOptions.defaults()
                .withSize(new SimulatorOptions.MspSize(3, 6, 3, 600, 2)));
        connectwise = ConnectWiseSimulator.start(ConnectWiseOptions.defaults()
                .withSize(new ConnectWiseOptions.MspSize(3, 6, 3, 600, 2)));
    }

    @AfterAll
    static void stop() {
        autotask.close();
        connectwise.close();
    }

    @AfterEach
    void clear() {
        autotask.control().clearFaults();
        connectwise.control().faults().requestFaults().clear();
    }

    static Stream<Psa> psas() {
        return Stream.of(autotaskPsa(), connectwisePsa());
    }

    private static Psa autotaskPsa() {
        ApiUser user = autotask.apiUser();
        long ticket = autotask.control().randomId("Tickets", new Random(1), 0).orElseThrow();
        String note = JSON.writeValueAsString(java.util.Map.of("title", "Fault probe", "description", "probe",
                "noteType", autotask.control().picklistCode("TicketNotes", "noteType", "Task Detail"),
                "publish", autotask.control().picklistCode("TicketNotes", "publish", "All Autotask Users")));
        HttpRequest.Builder write = autotaskRequest(user, "V1.0/Tickets/" + ticket + "/Notes")
                .POST(HttpRequest.BodyPublishers.ofString(note));
        HttpRequest.Builder read = autotaskRequest(user, "V1.0/Tickets/query?search="
                + java.net.URLEncoder.encode("{\"filter\":[{\"op\":\"exist\",\"field\":\"id\"}]}", StandardCharsets.UTF_8)).GET();
        return new Psa("autotask", "Tickets/*/Notes", "Tickets/query", write, read,
                () -> autotask.control().count("TicketNotes"), autotask.control().requestFaults(),
                autotask.control().requestLog());
    }

    private static HttpRequest.Builder autotaskRequest(ApiUser user, String path) {
        return HttpRequest.newBuilder(URI.create(user.zoneApiUrl() + path)).timeout(Duration.ofSeconds(3))
                .header("ApiIntegrationCode", user.integrationCode()).header("UserName", user.userName())
                .header("Secret", user.secret()).header("Content-Type", "application/json");
    }

    private static Psa connectwisePsa() {
        ApiMember m = connectwise.apiMember();
        long ticket = connectwise.control().records(Kind.TICKETS).get(0).get("id").asLong();
        String auth = "Basic " + Base64.getEncoder().encodeToString((m.companyId() + "+" + m.publicKey() + ":"
                + m.privateKey()).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder write = HttpRequest.newBuilder(URI.create(connectwise.apiUrl() + "service/tickets/" + ticket
                + "/notes")).timeout(Duration.ofSeconds(3)).header("Authorization", auth)
                .header("clientId", connectwise.clientId()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Fault probe\",\"internalAnalysisFlag\":true}"));
        HttpRequest.Builder read = HttpRequest.newBuilder(URI.create(connectwise.apiUrl() + "service/tickets?pageSize=1000"))
                .timeout(Duration.ofSeconds(3)).header("Authorization", auth).header("clientId", connectwise.clientId()).GET();
        return new Psa("connectwise", "service/tickets/*/notes", "service/tickets", write, read,
                () -> connectwise.control().records(Kind.NOTES).size(), connectwise.control().faults().requestFaults(),
                connectwise.control().faults().requestLog());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.copy().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first request logged after {@code before}; the server logs once the answer is out, so wait for it. */
    private static RequestLog.Entry loggedAfter(Psa psa, long before) {
        await().atMost(Duration.ofSeconds(10)).until(() -> psa.log().lastSequence() > before);
        return psa.log().since(before).get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aWriteThatCommitsThenAnswers503IsKeptByThePsa(Psa psa) throws Exception {
        long logged = psa.log().lastSequence();
        int before = psa.notes().getAsInt();
        psa.faults().add(FaultRule.on("POST", psa.writeRoute(), 1, FaultRule.Kind.COMMIT_THEN_ERROR, 503));

        assertThat(send(psa.write()).statusCode()).isEqualTo(503);
        assertThat(psa.notes().getAsInt()).isEqualTo(before + 1);
        RequestLog.Entry entry = loggedAfter(psa, logged);
        assertThat(entry.status()).isEqualTo(503);
        assertThat(entry.committed()).isTrue();
        assertThat(entry.fault()).isEqualTo("COMMIT_THEN_ERROR");
        // the rule aimed at the first attempt only: the retry succeeds, and the PSA now holds two notes
        assertThat(send(psa.write()).statusCode()).isIn(200, 201);
        assertThat(psa.notes().getAsInt()).isEqualTo(before + 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aWriteThatCommitsThenDropsTheConnectionLeavesTheClientBlind(Psa psa) {
        long logged = psa.log().lastSequence();
        int before = psa.notes().getAsInt();
        psa.faults().add(FaultRule.on("POST", psa.writeRoute(), 1, FaultRule.Kind.COMMIT_THEN_DROP, 0));

        assertThatThrownBy(() -> send(psa.write())).isInstanceOf(IOException.class);
        assertThat(psa.notes().getAsInt()).isEqualTo(before + 1);
        RequestLog.Entry entry = loggedAfter(psa, logged);
        assertThat(entry.outcome()).isEqualTo("dropped");
        assertThat(entry.status()).isZero();
        assertThat(entry.committed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aWriteThatCommitsThenStallsTimesTheClientOut(Psa psa) {
        int before = psa.notes().getAsInt();
        psa.faults().add(FaultRule.on("POST", psa.writeRoute(), 1, FaultRule.Kind.COMMIT_THEN_STALL, 0)
                .withStall(Duration.ofSeconds(5)));
        Instant sent = Instant.now();
        assertThatThrownBy(() -> send(psa.write().timeout(Duration.ofMillis(700))))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(4));
        assertThat(psa.notes().getAsInt()).isEqualTo(before + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aFiveHundredBeforeTheHandlerWritesNothing(Psa psa) throws Exception {
        long logged = psa.log().lastSequence();
        int before = psa.notes().getAsInt();
        psa.faults().add(FaultRule.on("POST", psa.writeRoute(), 1, FaultRule.Kind.ERROR_BEFORE, 500));

        assertThat(send(psa.write()).statusCode()).isEqualTo(500);
        assertThat(psa.notes().getAsInt()).isEqualTo(before);
        assertThat(loggedAfter(psa, logged).committed()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void anEmptySuccessAnswers200WithAnEmptyObjectAndWritesNothing(Psa psa) throws Exception {
        int before = psa.notes().getAsInt();
        psa.faults().add(FaultRule.on("POST", psa.writeRoute(), 1, FaultRule.Kind.EMPTY_SUCCESS, 0));
        psa.faults().add(FaultRule.on("GET", psa.readRoute(), 1, FaultRule.Kind.EMPTY_SUCCESS, 0));
        long logged = psa.log().lastSequence();

        HttpResponse<String> read = send(psa.read());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("{}");
        assertThat(loggedAfter(psa, logged).fault()).isEqualTo("EMPTY_SUCCESS");
        HttpResponse<String> write = send(psa.write());
        assertThat(write.statusCode()).isEqualTo(200);
        assertThat(write.body()).isEqualTo("{}");
        assertThat(psa.notes().getAsInt()).isEqualTo(before);
        // once only: the next read is the PSA's list again
        assertThat(send(psa.read()).body()).isNotEqualTo("{}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void attemptNumbersCountPerRouteSoTheSecondCallFails(Psa psa) throws Exception {
        psa.faults().add(FaultRule.on("GET", psa.readRoute(), 2, FaultRule.Kind.ERROR_BEFORE, 502));
        assertThat(send(psa.read()).statusCode()).isEqualTo(200);
        assertThat(send(psa.read()).statusCode()).isEqualTo(502);
        assertThat(send(psa.read()).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aResponseThatStallsMidBodyHasSentHeadersAndHalfTheBody(Psa psa) throws Exception {
        long before = psa.log().lastSequence();
        psa.faults().add(FaultRule.on("GET", psa.readRoute(), 1, FaultRule.Kind.STALL_MID_BODY, 0)
                .withStall(Duration.ofSeconds(3)));
        HttpResponse<InputStream> response = HTTP.send(psa.read().copy().timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long announced = response.headers().firstValueAsLong("Content-Length").orElseThrow();
        Instant started = Instant.now();
        long read = 0;
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = body.read(buffer)) > 0; ) {
                read += n;
            }
        } catch (IOException cut) {
            // the connection is closed with the body half sent
        }
        assertThat(read).isLessThan(announced).isGreaterThan(0);
        assertThat(Duration.between(started, Instant.now())).isGreaterThan(Duration.ofSeconds(2));
        assertThat(loggedAfter(psa, before).outcome()).isEqualTo("stalled-mid-body");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void downForAWhileAnswers503ThenComesBack(Psa psa) throws Exception {
        psa.faults().downFor(Instant.now(), Duration.ofMillis(600));
        assertThat(send(psa.read()).statusCode()).isEqualTo(503);
        Thread.sleep(700);
        assertThat(send(psa.read()).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void a429StormRefusesEveryRequestUntilItPasses(Psa psa) throws Exception {
        psa.faults().storm429(Instant.now(), Duration.ofMillis(600));
        for (int i = 0; i < 5; i++) {
            assertThat(send(psa.read()).statusCode()).isEqualTo(429);
        }
        Thread.sleep(700);
        assertThat(send(psa.read()).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psas")
    void aRuleWithARateFiresOnASeededShareOfItsAttempts(Psa psa) throws Exception {
        psa.faults().add(new FaultRule("GET", psa.readRoute(), 1, 0, FaultRule.Kind.ERROR_BEFORE, 503, null, 0.5));
        int failed = 0;
        for (int i = 0; i < 40; i++) {
            if (send(psa.read()).statusCode() == 503) {
                failed++;
            }
        }
        assertThat(failed).isBetween(8, 32);
    }

    @org.junit.jupiter.api.Test
    void readsSentByPostAreNeverLoggedAsCommitted() throws Exception {
        Psa autotaskPsa = autotaskPsa();
        long before = autotaskPsa.log().lastSequence();
        ApiUser user = autotask.apiUser();
        assertThat(send(autotaskRequest(user, "V1.0/Tickets/query").POST(HttpRequest.BodyPublishers.ofString(
                "{\"filter\":[{\"op\":\"exist\",\"field\":\"id\"}]}"))).statusCode()).isEqualTo(200);
        assertThat(loggedAfter(autotaskPsa, before).committed()).isFalse();

        Psa connectwisePsa = connectwisePsa();
        before = connectwisePsa.log().lastSequence();
        HttpRequest search = connectwisePsa.read().copy().uri(URI.create(connectwise.apiUrl() + "service/tickets/search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"conditions\":\"closedFlag = false\"}")).build();
        assertThat(HTTP.send(search, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(loggedAfter(connectwisePsa, before).committed()).isFalse();
    }
}
