package horizon.helpdesk.connectwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import horizon.helpdesk.ConnectionTestResult;
import horizon.helpdesk.CredentialField;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.simulator.connectwise.ConnectWiseOptions;
import horizon.simulator.connectwise.ConnectWiseSimulator;
import horizon.simulator.connectwise.store.Permission;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connection test against the ConnectWise simulator over real HTTP: the success, and each step's failure once,
 * checked for its kind, heading and retriability.
 */
class ConnectWiseConnectorSimulatorTest {

    private static ConnectWiseSimulator simulator;
    private static SimulatedConnectWise connectWise;

    @BeforeAll
    static void start() {
        simulator = ConnectWiseSimulator.start(ConnectWiseOptions.defaults()
                .withSize(ConnectWiseOptions.MspSize.empty()));
        connectWise = SimulatedConnectWise.wire(simulator, SimulatedConnectWise.properties(simulator));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void rightCredentialsFindTheCodebaseAndTheApiMember() {
        ConnectionTestResult result = connectWise.connector().testConnection(connectWise.credentials());
        String host = simulator.siteUrl().replace("http://", "").replace("/", "");
        assertThat(result.zone().name()).isEqualTo("ConnectWise v4_6_release at " + host);
        assertThat(result.zone().apiUrl()).isEqualTo(simulator.apiUrl());
        assertThat(result.zone().webUrl()).isEqualTo(simulator.siteUrl());
        assertThat(result.resource().id()).isEqualTo(simulator.apiMember().memberId());
        assertThat(result.resource().name()).isNotBlank();
        assertThat(result.budget()).isNull();
        assertThat(connectWise.reader().requestsSent(connectWise.credentials())).isGreaterThanOrEqualTo(7);
    }

    @Test
    void anUnreachableSiteIsSaidSo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HelpdeskException e = failure(ConnectWiseCredentials.with(connectWise.credentials(), ConnectWiseApi.HOST,
                "http://127.0.0.1:" + closedPort));
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.retriable()).isTrue();
        assertThat(e.title()).isEqualTo("Site unreachable");
        assertThat(e.getMessage()).contains("127.0.0.1:" + closedPort);
    }

    @Test
    void anUnknownCompanyIsSaidSo() {
        HelpdeskException e = failure(ConnectWiseCredentials.with(connectWise.credentials(), ConnectWiseApi.COMPANY_ID,
                "nosuchcompany"));
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.retriable()).isFalse();
        assertThat(e.title()).isEqualTo("Company unknown");
        assertThat(e.httpStatus()).isEqualTo(404);
    }

    @Test
    void aWrongPrivateKeyIsKeysRejected() {
        HelpdeskException e = failure(ConnectWiseCredentials.with(connectWise.credentials(), ConnectWiseApi.PRIVATE_KEY,
                "not-the-private-key"));
        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.retriable()).isFalse();
        assertThat(e.title()).isEqualTo("Keys rejected");
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.getMessage()).doesNotContain("not-the-private-key");
    }

    @Test
    void aDisabledClientIdIsClientIdRejected() {
        simulator.control().disableClientId(simulator.clientId(), true);
        try {
            HelpdeskException e = failure(connectWise.credentials());
            assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
            assertThat(e.title()).isEqualTo("clientId rejected");
            assertThat(e.steps()).anyMatch(step -> step.contains("horizon.connectwise.client-id"));
        } finally {
            simulator.control().disableClientId(simulator.clientId(), false);
        }
    }

    @Test
    void aClientIdConfiguredWrongIsClientIdRejectedToo() {
        SimulatedConnectWise wrongClient = SimulatedConnectWise.wire(simulator,
                ConnectWiseProperties.withClientId("not-a-guid").allowingInsecureLoopback());
        HelpdeskException e = catchThrowableOfType(HelpdeskException.class,
                () -> wrongClient.connector().testConnection(wrongClient.credentials()));
        assertThat(e.title()).isEqualTo("clientId rejected");
        SimulatedConnectWise noClient = SimulatedConnectWise.wire(simulator,
                ConnectWiseProperties.withClientId("").allowingInsecureLoopback());
        assertThat(catchThrowableOfType(HelpdeskException.class,
                () -> noClient.connector().testConnection(noClient.credentials())).title())
                .isEqualTo("clientId missing");
    }

    @Test
    void aMissingPermissionIsNamed() {
        simulator.control().setPermission(simulator.apiRoleId(), Permission.TIME_ENTRY, false);
        try {
            HelpdeskException e = failure(connectWise.credentials());
            assertThat(e.kind()).isEqualTo(Kind.PERMISSION);
            assertThat(e.retriable()).isFalse();
            assertThat(e.title()).isEqualTo("Security role lacks Time Entry (Time & Expense)");
            assertThat(e.psaMessage()).hasValueSatisfying(said -> assertThat(said).contains("Time Entry"));
            assertThat(e.steps()).anyMatch(step -> step.contains("System › Security Roles"));
        } finally {
            simulator.control().setPermission(simulator.apiRoleId(), Permission.TIME_ENTRY, true);
        }
    }

    @Test
    void everyMissingPermissionIsNamedAtOnce() {
        simulator.control().setPermission(simulator.apiRoleId(), Permission.MEMBER_MAINTENANCE, false);
        simulator.control().setPermission(simulator.apiRoleId(), Permission.CONTACTS, false);
        try {
            HelpdeskException e = failure(connectWise.credentials());
            assertThat(e.kind()).isEqualTo(Kind.PERMISSION);
            assertThat(e.title()).startsWith("Security role lacks ").contains("Member Maintenance")
                    .contains("Contacts");
        } finally {
            simulator.control().setPermission(simulator.apiRoleId(), Permission.MEMBER_MAINTENANCE, true);
            simulator.control().setPermission(simulator.apiRoleId(), Permission.CONTACTS, true);
        }
    }

    @Test
    void aMalformedOnPremiseHostIsRefusedBeforeAnyCall() {
        long sent = connectWise.reader().requestsSent(connectWise.credentials());
        for (String host : new String[] {"cw.example.com/v4_6_release", "http://cw.example.com", "cw example.com",
                "https://user:pw@cw.example.com", "https://cw.example.com/?x=1", "na.myconnectwise.net"}) {
            HelpdeskCredentials credentials = ConnectWiseCredentials.with(connectWise.credentials(),
                    ConnectWiseApi.HOST, host);
            HelpdeskException e = failure(credentials);
            assertThat(e.kind()).as(host).isEqualTo(Kind.INVALID_CREDENTIALS);
            assertThat(e.title()).as(host).isEqualTo("Credentials malformed");
            assertThat(e.fieldProblems()).as(host).extracting(CredentialField.Problem::field)
                    .containsExactly(ConnectWiseApi.HOST);
        }
        assertThat(connectWise.reader().requestsSent(connectWise.credentials())).isEqualTo(sent);
    }

    @Test
    void plainHttpOnLoopbackNeedsTheTestSetting() {
        ConnectWiseConnector strict = new ConnectWiseConnector(connectWise.api(),
                ConnectWiseProperties.withClientId(simulator.clientId()), Clock.systemUTC());
        assertThat(strict.check(connectWise.credentials())).extracting(CredentialField.Problem::field)
                .containsExactly(ConnectWiseApi.HOST);
        assertThat(connectWise.connector().check(connectWise.credentials())).isEmpty();
        assertThat(connectWise.connector().check(ConnectWiseCredentials.with(connectWise.credentials(),
                ConnectWiseApi.HOST, "https://cw.example.com:8443"))).isEmpty();
        assertThat(connectWise.connector().check(ConnectWiseCredentials.of("api-eu.myconnectwise.net", "", "acme",
                "pub", "priv"))).isEmpty();
    }

    @Test
    void blankFieldsAreNamedWithoutCallingConnectWise() {
        HelpdeskException e = failure(ConnectWiseCredentials.of(ConnectWiseSite.ON_PREMISE, " ",
                simulator.apiMember().companyId(), simulator.apiMember().publicKey(), ""));
        assertThat(e.kind()).isEqualTo(Kind.INVALID_CREDENTIALS);
        assertThat(e.retriable()).isFalse();
        assertThat(e.title()).isEqualTo("Credentials incomplete");
        assertThat(e.fieldProblems()).extracting(CredentialField.Problem::label)
                .containsExactly("Private key", "On-premise host");
        assertThat(e.getMessage()).contains("Private key").contains("On-premise host");
    }

    @Test
    void anUnknownSiteIsRefused() {
        HelpdeskException e = failure(ConnectWiseCredentials.of("api-mars.myconnectwise.net", "", "acme", "pub",
                "priv"));
        assertThat(e.kind()).isEqualTo(Kind.INVALID_CREDENTIALS);
        assertThat(e.fieldProblems()).extracting(CredentialField.Problem::field).containsExactly(ConnectWiseApi.SITE);
    }

    @Test
    void fieldsDescribeWhereEachValueLives() {
        assertThat(connectWise.connector().credentialFields()).extracting(CredentialField::name)
                .containsExactly("site", "host", "companyId", "publicKey", "privateKey");
        assertThat(connectWise.connector().credentialFields().get(0).choices()).extracting(CredentialField.Choice::value)
                .contains("api-na.myconnectwise.net", "api-eu.myconnectwise.net", "api-au.myconnectwise.net",
                        "api-staging.connectwisedev.com", "onpremise");
        assertThat(connectWise.connector().credentialFields()).filteredOn(CredentialField::identity)
                .extracting(CredentialField::name).containsExactly("publicKey");
        assertThat(connectWise.connector().credentialFields()).filteredOn(CredentialField::secret)
                .extracting(CredentialField::name).containsExactly("privateKey");
        assertThat(connectWise.connector().credentialFields().get(3).help()).contains("API Members")
                .contains("API Keys");
    }

    private static HelpdeskException failure(HelpdeskCredentials credentials) {
        HelpdeskException e = catchThrowableOfType(HelpdeskException.class,
                () -> connectWise.connector().testConnection(credentials));
        assertThat(e).as("the connection test should fail").isNotNull();
        return e;
    }
}
