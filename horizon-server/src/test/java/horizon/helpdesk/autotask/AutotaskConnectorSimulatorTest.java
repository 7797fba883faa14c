package horizon.helpdesk.autotask;

import horizon.helpdesk.CredentialField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import horizon.helpdesk.ConnectionTestResult;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.simulator.autotask.ApiUser;
import horizon.testsupport.BudgetDatabase;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SecurityLevel;
import horizon.simulator.autotask.SimulatorOptions;
import horizon.simulator.autotask.Zone;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The connection test and its error matrix against the Autotask simulator over real HTTP: one test per way Autotask
 * says no, each checked for its kind, retriability and message.
 */
class AutotaskConnectorSimulatorTest {

    private static AutotaskSimulator simulator;
    private static ApiUser apiUser;
    private static Zone discoveryZone;
    private static Zone databaseZone;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));

    @BeforeAll
    static void startSimulator() {
        simulator = AutotaskSimulator.start(SimulatorOptions.defaults().withSize(SimulatorOptions.MspSize.empty()));
        apiUser = simulator.apiUser();
        discoveryZone = simulator.zones().get(0);
        databaseZone = simulator.zones().stream().filter(z -> z.name().equals(apiUser.zoneName())).findFirst()
                .orElseThrow();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @AfterEach
    void healthyAgain() {
        simulator.control().clearFaults();
    }

    @Test
    void rightCredentialsFindTheZoneTheResourceAndTheBudget() {
        ConnectionTestResult result = connector(Duration.ofSeconds(10)).testConnection(credentials());
        assertThat(result.zone().name()).isEqualTo("America East 2");
        assertThat(result.zone().apiUrl()).isEqualTo(databaseZone.apiUrl());
        assertThat(result.zone().webUrl()).isEqualTo(databaseZone.webUrl());
        assertThat(result.resource().id()).isEqualTo(apiUser.resourceId());
        assertThat(result.resource().name()).startsWith("API User");
        assertThat(result.budget().threshold()).isEqualTo(10_000);
        assertThat(result.budget().requestsUsed()).isPositive();
        assertThat(result.testedAt()).isEqualTo(clock.instant());
    }

    @Test
    void blankFieldsAreNamedWithoutCallingAutotask() {
        HelpdeskException e = failure(AutotaskCredentials.of(apiUser.userName(), "", " "));
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.INVALID_CREDENTIALS);
        assertThat(e.title()).isEqualTo("Credentials incomplete");
        assertThat(e.retriable()).isFalse();
        assertThat(e.fieldProblems()).extracting(CredentialField.Problem::label)
                .containsExactly("API Secret", "API Integration Code");
    }

    @Test
    void anUnknownUserHasNoZone() {
        HelpdeskException e = failure(AutotaskCredentials.of("nobody@nowhere.example", apiUser.secret(),
                apiUser.integrationCode()));
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.AUTHENTICATION);
        assertThat(e.title()).isEqualTo("API user not found");
        assertThat(e.retriable()).isFalse();
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.psaMessage()).contains("Zone information could not be determined");
    }

    @Test
    void anUnknownUserOnAnApiCallIsAlsoUserNotFound() {
        ZoneResolver zones = resolver(Duration.ofSeconds(10), discoveryZone.apiUrl());
        AutotaskApi api = new AutotaskApi(new AutotaskHttp(properties(Duration.ofSeconds(10), discoveryZone.apiUrl())),
                zones, gate());
        // The zone is known (e.g. from a stored connection) but the user has since been deleted in Autotask.
        String ghost = "ghost@nowhere.example";
        zones.remember(ghost, new AutotaskZone("America East 2", databaseZone.apiUrl(), databaseZone.webUrl(), 1));
        HelpdeskException e = catchThrowableOfType(HelpdeskException.class, () -> api.get(
                AutotaskCredentials.of(ghost, "x", apiUser.integrationCode()), "ThresholdInformation"));
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.AUTHENTICATION);
        assertThat(e.title()).isEqualTo("API user not found");
        assertThat(e.retriable()).isFalse();
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.psaMessage()).hasValueSatisfying(m -> assertThat(m).contains("could not be found"));
    }

    @Test
    void aZoneOutsideTheAllowedHostsIsRefusedBeforeTheSecretGoesThere() {
        // The defaults, as in production: zones under autotask.net only; the simulator's zones are http://127.0.0.1.
        AutotaskProperties production = new AutotaskProperties(URI.create(discoveryZone.apiUrl()),
                Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofHours(12));
        AutotaskHttp http = new AutotaskHttp(production);
        AutotaskConnector connector = new AutotaskConnector(
                new AutotaskApi(http, new ZoneResolver(http, production, clock), gate()), clock);
        long before = callsWithCredentials();

        HelpdeskException e = catchThrowableOfType(HelpdeskException.class,
                () -> connector.testConnection(credentials()));

        assertThat(e.kind()).isEqualTo(Kind.VALIDATION);
        assertThat(e.title()).isEqualTo("Zone refused");
        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains(databaseZone.apiUrl(), "its host 127.0.0.1 is not one of the allowed",
                "horizon.autotask.allowed-zone-hosts (now *.autotask.net)");
        assertThat(callsWithCredentials()).as("requests carrying the secret").isEqualTo(before);
    }

    @Test
    void aWrongSecretIsRejectedPermanently() {
        HelpdeskException e = failure(AutotaskCredentials.of(apiUser.userName(), "not-the-secret",
                apiUser.integrationCode()));
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.AUTHENTICATION);
        assertThat(e.title()).isEqualTo("Secret wrong");
        assertThat(e.retriable()).isFalse();
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.getMessage()).contains("API Secret");
    }

    @Test
    void aWrongIntegrationCodeIsRejectedPermanently() {
        HelpdeskException e = failure(AutotaskCredentials.of(apiUser.userName(), apiUser.secret(), "NOT-OUR-CODE"));
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.AUTHENTICATION);
        assertThat(e.title()).isEqualTo("Integration code rejected");
        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("API Integration Code").contains("integration code");
    }

    @Test
    void aUserWithoutEntityAccessIsToldWhichSecurityLevelToSet() {
        ApiUser limited = simulator.addApiUser("limited-" + System.nanoTime() + "@horizon-sim.example",
                SecurityLevel.NO_ENTITY_ACCESS);
        HelpdeskException e = failure(AutotaskCredentials.of(limited.userName(), limited.secret(),
                limited.integrationCode()));
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.PERMISSION);
        assertThat(e.title()).isEqualTo("Permission missing");
        assertThat(e.retriable()).isFalse();
        assertThat(e.psaMessage()).hasValueSatisfying(m -> assertThat(m).contains("adequate permissions"));
        assertThat(e.steps()).anySatisfy(s -> assertThat(s).contains("API User (system)"))
                .anySatisfy(s -> assertThat(s).contains("Can login to Web Services API"))
                .anySatisfy(s -> assertThat(s).contains("Can create webhooks"));
    }

    @Test
    void a429IsRateLimitedAndRetriable() {
        simulator.control().burst429(5);
        HelpdeskException e = failure(credentials());
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.RATE_LIMITED);
        assertThat(e.retriable()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.psaMessage()).hasValueSatisfying(m -> assertThat(m).contains("thread threshold"));
    }

    @Test
    void aServerErrorIsARetriablePsaErrorWithThePsasMessage() {
        simulator.control().setErrorRate(500, 1.0);
        HelpdeskException e = failure(credentials());
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.TRANSIENT);
        assertThat(e.title()).isEqualTo("Helpdesk error");
        assertThat(e.retriable()).isTrue();
        assertThat(e.getMessage()).contains("HTTP 500").contains("An unexpected error has occurred");
    }

    @Test
    void anOutageIsARetriablePsaErrorNotAnUnknownUser() {
        simulator.control().setApiDown(true);
        HelpdeskException e = failure(credentials());
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.TRANSIENT);
        assertThat(e.title()).isEqualTo("Helpdesk error");
        assertThat(e.retriable()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(503);
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsARetriableTimeout() {
        simulator.control().setLatency(Duration.ofSeconds(3));
        HelpdeskException e = catchThrowableOfType(HelpdeskException.class,
                () -> connector(Duration.ofMillis(500)).testConnection(credentials()));
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.TRANSIENT);
        assertThat(e.title()).isEqualTo("Timed out");
        assertThat(e.retriable()).isTrue();
        assertThat(e.getMessage()).contains("500 ms");
    }

    @Test
    void aClosedPortIsUnreachableAndRetriable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AutotaskConnector connector = connector(Duration.ofSeconds(5),
                "http://127.0.0.1:" + closedPort + "/atservicesrest/");
        HelpdeskException e = catchThrowableOfType(HelpdeskException.class, () -> connector.testConnection(credentials()));
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.TRANSIENT);
        assertThat(e.title()).isEqualTo("Helpdesk unreachable");
        assertThat(e.retriable()).isTrue();
        assertThat(e.getMessage()).contains("127.0.0.1:" + closedPort)
                .doesNotContain(apiUser.userName().substring(0, apiUser.userName().indexOf('@')));
    }

    @Test
    void aZoneIsCachedForTwelveHoursThenDiscoveredAgain() {
        ZoneResolver zones = resolver(Duration.ofSeconds(10), discoveryZone.apiUrl());
        AutotaskZone first = zones.resolve(apiUser.userName());
        long before = discoveries();
        clock.advance(Duration.ofHours(11));
        assertThat(zones.resolve(apiUser.userName())).isEqualTo(first);
        assertThat(discoveries()).isEqualTo(before);
        clock.advance(Duration.ofHours(2));
        assertThat(zones.resolve(apiUser.userName())).isEqualTo(first);
        assertThat(discoveries()).isEqualTo(before + 1);
    }

    @Test
    void aDatabaseThatMovedIsRediscoveredOnA401AndTheCallRetriedOnce() {
        ZoneResolver zones = resolver(Duration.ofSeconds(10), discoveryZone.apiUrl());
        AutotaskApi api = new AutotaskApi(new AutotaskHttp(properties(Duration.ofSeconds(10), discoveryZone.apiUrl())),
                zones, gate());
        // A zone remembered from before the move: the old host answers 401 for this user.
        zones.remember(apiUser.userName(), new AutotaskZone("Pre Release", discoveryZone.apiUrl(),
                discoveryZone.webUrl(), 1));
        long before = discoveries();
        JsonNode threshold = api.get(credentials(), "ThresholdInformation");
        assertThat(threshold.path("externalRequestThreshold").asInt()).isEqualTo(10_000);
        assertThat(discoveries()).isEqualTo(before + 1);
        assertThat(zones.resolve(apiUser.userName()).apiUrl()).isEqualTo(databaseZone.apiUrl());
    }

    private HelpdeskException failure(HelpdeskCredentials credentials) {
        return catchThrowableOfType(HelpdeskException.class,
                () -> connector(Duration.ofSeconds(10)).testConnection(credentials));
    }

    private static HelpdeskCredentials credentials() {
        return AutotaskCredentials.of(apiUser.userName(), apiUser.secret(), apiUser.integrationCode());
    }

    private long discoveries() {
        return simulator.control().counters().count("zoneInformation", 200);
    }

    private AutotaskConnector connector(Duration timeout) {
        return connector(timeout, discoveryZone.apiUrl());
    }

    private AutotaskConnector connector(Duration timeout, String discoveryUrl) {
        ZoneResolver zones = resolver(timeout, discoveryUrl);
        AutotaskHttp http = new AutotaskHttp(properties(timeout, discoveryUrl));
        return new AutotaskConnector(new AutotaskApi(http, zones, gate()), clock);
    }

    /** A gate that never waits long and does not retry: the connection test's failures come through as answered. */
    private AutotaskRateGate gate() {
        return new AutotaskRateGate(SimulatedAutotask.fastBackoff(50, 0, Duration.ofSeconds(5)), clock,
                d -> { }, BudgetDatabase.fresh());
    }

    private ZoneResolver resolver(Duration timeout, String discoveryUrl) {
        AutotaskProperties properties = properties(timeout, discoveryUrl);
        return new ZoneResolver(new AutotaskHttp(properties), properties, clock);
    }

    private static AutotaskProperties properties(Duration timeout, String discoveryUrl) {
        return new AutotaskProperties(URI.create(discoveryUrl), Duration.ofSeconds(2), timeout, Duration.ofHours(12))
                .withAllowedZoneHosts(List.of(SimulatedAutotask.zoneHosts(simulator)));
    }

    /** Requests that carried the API user's credentials: every one but zone discovery. */
    private static long callsWithCredentials() {
        return simulator.control().counters().requests().entrySet().stream()
                .filter(endpoint -> !endpoint.getKey().equals("zoneInformation"))
                .flatMap(endpoint -> endpoint.getValue().values().stream())
                .mapToLong(Long::longValue).sum();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
