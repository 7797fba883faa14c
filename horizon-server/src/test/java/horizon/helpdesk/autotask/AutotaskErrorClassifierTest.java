package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.autotask.AutotaskErrorClassifier.Call;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AutotaskErrorClassifierTest {

    private static final URI TARGET = URI.create("https://webservices14.autotask.net/ATServicesRest/V1.0/Resources/query");

    @Test
    void a401IsAWrongSecretAndPermanent() {
        HelpdeskException e = AutotaskErrorClassifier.classify(Call.API, 401, "");
        assertThat(e.kind()).isEqualTo(Kind.SECRET_REJECTED);
        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("API Secret");
        assertThat(e.psaMessage()).isEmpty();
    }

    @Test
    void zoneInformationThatCannotBeDeterminedIsAnUnknownUser() {
        HelpdeskException e = AutotaskErrorClassifier.classify(Call.ZONE_DISCOVERY, 500,
                "{\"errors\":[\"Zone information could not be determined\"]}");
        assertThat(e.kind()).isEqualTo(Kind.USER_NOT_FOUND);
        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("API Username").contains("Zone information could not be determined");
        assertThat(e.psaMessage()).contains("Zone information could not be determined");
    }

    @Test
    void aBare500FromZoneDiscoveryIsAnUnknownUserButAnOutageIsNot() {
        // Django's client: "AT returns 500 if username is blank or incorrect", whatever the text.
        assertThat(AutotaskErrorClassifier.classify(Call.ZONE_DISCOVERY, 500, "").kind()).isEqualTo(Kind.USER_NOT_FOUND);
        HelpdeskException outage = AutotaskErrorClassifier.classify(Call.ZONE_DISCOVERY, 503,
                "<html><body><h2>Service Unavailable</h2></body></html>");
        assertThat(outage.kind()).isEqualTo(Kind.PSA_ERROR);
        assertThat(outage.retriable()).isTrue();
    }

    @Test
    void theSimulatorsOwnWordsAreClassifiedLikeAutotasks() {
        assertThat(AutotaskErrorClassifier.classify(Call.API, 500,
                "{\"errors\":[\"Unable to authenticate: the API user could not be found.\"]}").kind())
                .isEqualTo(Kind.USER_NOT_FOUND);
        assertThat(AutotaskErrorClassifier.classify(Call.API, 500,
                "{\"errors\":[\"The integration code (API tracking identifier) is invalid or not active for this database.\"]}")
                .kind()).isEqualTo(Kind.INTEGRATION_CODE_REJECTED);
        assertThat(AutotaskErrorClassifier.classify(Call.API, 500,
                "{\"errors\":[\"Impersonation is not allowed for the security level of the logged in API user.\"]}")
                .kind()).isEqualTo(Kind.PERMISSION_MISSING);
        assertThat(AutotaskErrorClassifier.classify(Call.API, 429,
                "{\"errors\":[\"The API request threshold of 10000 requests per 60 minutes has been exceeded for this database.\"]}")
                .kind()).isEqualTo(Kind.RATE_LIMITED);
    }

    @Test
    void a500NamingTheUserOnAnApiCallIsAnUnknownUser() {
        HelpdeskException e = AutotaskErrorClassifier.classify(Call.API, 500,
                "{\"errors\":[\"User name 'nobody@example.com' could not be found.\"]}");
        assertThat(e.kind()).isEqualTo(Kind.USER_NOT_FOUND);
        assertThat(e.retriable()).isFalse();
    }

    @Test
    void a500AboutTheIntegrationCodeIsARejectedIntegrationCode() {
        HelpdeskException e = AutotaskErrorClassifier.classify(Call.API, 500,
                "{\"errors\":[\"The integration code provided is invalid.\"]}");
        assertThat(e.kind()).isEqualTo(Kind.INTEGRATION_CODE_REJECTED);
        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("API Integration Code").contains("The integration code provided is invalid.");
        assertThat(AutotaskErrorClassifier.classify(Call.API, 500,
                "{\"errors\":[\"Invalid API tracking identifier\"]}").kind()).isEqualTo(Kind.INTEGRATION_CODE_REJECTED);
    }

    @Test
    void a500WithoutAdequatePermissionsIsAMissingPermissionWithTheSecurityLevelSteps() {
        HelpdeskException e = AutotaskErrorClassifier.classify(Call.API, 500,
                "{\"errors\":[\"The logged in Resource does not have the adequate permissions to query this entity.\"]}");
        assertThat(e.kind()).isEqualTo(Kind.PERMISSION_MISSING);
        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("does not have the adequate permissions");
        assertThat(e.steps()).anySatisfy(step -> assertThat(step).contains("API User (system)"))
                .anySatisfy(step -> assertThat(step).contains("Can login to Web Services API"))
                .anySatisfy(step -> assertThat(step).contains("Webhooks"));
    }

    @Test
    void a429IsRateLimitedAndRetriable() {
        HelpdeskException e = AutotaskErrorClassifier.classify(Call.API, 429,
                "{\"errors\":[\"API thread threshold of 3 threads has been exceeded\"]}");
        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retriable()).isTrue();
        assertThat(e.getMessage()).contains("thread threshold of 3 threads");
    }

    @Test
    void theThreadThresholdTextIsRateLimitedWhateverTheStatus() {
        assertThat(AutotaskErrorClassifier.classify(Call.API, 500,
                "{\"errors\":[\"API thread threshold of 3 threads has been exceeded\"]}").kind())
                .isEqualTo(Kind.RATE_LIMITED);
    }

    @Test
    void anyOtherServerErrorIsARetriablePsaErrorQuotingThePsa() {
        HelpdeskException e = AutotaskErrorClassifier.classify(Call.API, 503, "{\"errors\":[\"Service Unavailable\"]}");
        assertThat(e.kind()).isEqualTo(Kind.PSA_ERROR);
        assertThat(e.retriable()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.getMessage()).contains("HTTP 503").contains("Service Unavailable");
    }

    @Test
    void aspNetMessageBodiesAndHtmlPagesAreQuotedToo() {
        assertThat(AutotaskErrorClassifier.classify(Call.API, 405,
                "{\"Message\":\"The requested resource does not support http method 'GET'.\"}").getMessage())
                .contains("does not support http method 'GET'");
        HelpdeskException html = AutotaskErrorClassifier.classify(Call.API, 502, "<html><body>Bad Gateway</body></html>");
        assertThat(html.kind()).isEqualTo(Kind.PSA_ERROR);
        assertThat(html.getMessage()).contains("Bad Gateway");
    }

    @Test
    void otherClientErrorsArePermanentRejections() {
        HelpdeskException e = AutotaskErrorClassifier.classify(Call.API, 404, "");
        assertThat(e.kind()).isEqualTo(Kind.PSA_REJECTED);
        assertThat(e.retriable()).isFalse();
    }

    @Test
    void aTimeoutIsRetriable() {
        HelpdeskException e = AutotaskErrorClassifier.classifyTransport(TARGET, new HttpTimeoutException("request timed out"),
                Duration.ofSeconds(30));
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.retriable()).isTrue();
        assertThat(e.getMessage()).contains("30 s").contains("webservices14.autotask.net");
        assertThat(AutotaskErrorClassifier.classifyTransport(TARGET, new HttpConnectTimeoutException("connect timed out"),
                Duration.ofMillis(1500)).getMessage()).contains("1500 ms");
    }

    @Test
    void aRefusedConnectionOrUnknownHostIsUnreachableAndRetriable() {
        HelpdeskException refused = AutotaskErrorClassifier.classifyTransport(TARGET,
                new IOException("wrapped", new ConnectException("Connection refused")), Duration.ofSeconds(30));
        assertThat(refused.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(refused.retriable()).isTrue();
        assertThat(AutotaskErrorClassifier.classifyTransport(TARGET, new UnknownHostException("webservices14.autotask.net"),
                Duration.ofSeconds(30)).kind()).isEqualTo(Kind.UNREACHABLE);
    }

    @Test
    void longPsaMessagesAreCapped() {
        String said = AutotaskErrorClassifier.psaMessage("{\"errors\":[\"" + "x".repeat(2000) + "\"]}");
        assertThat(said).hasSizeLessThanOrEqualTo(501);
    }
}
