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
import java.util.List;
import org.junit.jupiter.api.Test;

class AutotaskErrorClassifierTest {

    private static final URI TARGET = URI.create("https://webservices14.autotask.net/ATServicesRest/V1.0/Resources/query");

    @Test
    void a401IsAWrongSecretAndPermanent() {
        HelpdeskException e = AutotaskErrorClassifier.classify(Call.API, 401, "");
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.AUTHENTICATION);
        assertThat(e.title()).isEqualTo("Secret wrong");
        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("API Secret");
        assertThat(e.psaMessage()).isEmpty();
    }

    @Test
    void zoneInformationThatCannotBeDeterminedIsAnUnknownUser() {
        HelpdeskException e = AutotaskErrorClassifier.classify(Call.ZONE_DISCOVERY, 500,
                "{\"errors\":[\"Zone information could not be determined\"]}");
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.AUTHENTICATION);
        assertThat(e.title()).isEqualTo("API user not found");
        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("API Username").contains("Zone information could not be determined");
        assertThat(e.psaMessage()).contains("Zone information could not be determined");
    }

    @Test
    void aBare500FromZoneDiscoveryIsAnUnknownUserButAnOutageIsNot() {
        // Django's client: "AT returns 500 if username is blank or incorrect", whatever the text.
        assertThat(AutotaskErrorClassifier.classify(Call.ZONE_DISCOVERY, 500, ""))
                .extracting(HelpdeskException::kind, HelpdeskException::title)
                .containsExactly(HelpdeskException.Kind.AUTHENTICATION, "API user not found");
        HelpdeskException outage = AutotaskErrorClassifier.classify(Call.ZONE_DISCOVERY, 503,
                "<html><body><h2>Service Unavailable</h2></body></html>");
        assertThat(outage.kind()).isEqualTo(HelpdeskException.Kind.TRANSIENT);
        assertThat(outage.title()).isEqualTo("Helpdesk error");
        assertThat(outage.retriable()).isTrue();
    }

    @Test
    void theSimulatorsOwnWordsAreClassifiedLikeAutotasks() {
        assertThat(AutotaskErrorClassifier.classify(Call.API, 500,
                "{\"errors\":[\"Unable to authenticate: the API user could not be found.\"]}"))
                .extracting(HelpdeskException::kind, HelpdeskException::title).containsExactly(HelpdeskException.Kind.AUTHENTICATION, "API user not found");
        assertThat(AutotaskErrorClassifier.classify(Call.API, 500,
                "{\"errors\":[\"The integration code (API tracking identifier) is invalid or not active for this database.\"]}")
)
                .extracting(HelpdeskException::kind, HelpdeskException::title)
                .containsExactly(HelpdeskException.Kind.AUTHENTICATION, "Integration code rejected");
        assertThat(AutotaskErrorClassifier.classify(Call.API, 500,
                "{\"errors\":[\"Impersonation is not allowed for the security level of the logged in API user.\"]}")
)
                .extracting(HelpdeskException::kind, HelpdeskException::title)
                .containsExactly(HelpdeskException.Kind.PERMISSION, "Permission missing");
        assertThat(AutotaskErrorClassifier.classify(Call.API, 429,
                "{\"errors\":[\"The API request threshold of 10000 requests per 60 minutes has been exceeded for this database.\"]}")
                .kind()).isEqualTo(HelpdeskException.Kind.RATE_LIMITED);
    }

    @Test
    void a500NamingTheUserOnAnApiCallIsAnUnknownUser() {
        HelpdeskException e = AutotaskErrorClassifier.classify(Call.API, 500,
                "{\"errors\":[\"User name 'nobody@example.com' could not be found.\"]}");
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.AUTHENTICATION);
        assertThat(e.title()).isEqualTo("API user not found");
        assertThat(e.retriable()).isFalse();
    }

    @Test
    void a500AboutTheIntegrationCodeIsARejectedIntegrationCode() {
        HelpdeskException e = AutotaskErrorClassifier.classify(Call.API, 500,
                "{\"errors\":[\"The integration code provided is invalid.\"]}");
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.AUTHENTICATION);
        assertThat(e.title()).isEqualTo("Integration code rejected");
        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("API Integration Code").contains("The integration code provided is invalid.");
        assertThat(AutotaskErrorClassifier.classify(Call.API, 500,
                "{\"errors\":[\"Invalid API tracking identifier\"]}"))
                .extracting(HelpdeskException::kind, HelpdeskException::title)
                .containsExactly(HelpdeskException.Kind.AUTHENTICATION, "Integration code rejected");
    }

    @Test
    void a500WithoutAdequatePermissionsIsAMissingPermissionWithTheSecurityLevelSteps() {
        HelpdeskException e = AutotaskErrorClassifier.classify(Call.API, 500,
                "{\"errors\":[\"The logged in Resource does not have the adequate permissions to query this entity.\"]}");
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.PERMISSION);
        assertThat(e.title()).isEqualTo("Permission missing");
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
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.RATE_LIMITED);
        assertThat(e.retriable()).isTrue();
        assertThat(e.getMessage()).contains("thread threshold of 3 threads");
    }

    @Test
    void theThreadThresholdTextIsRateLimitedWhateverTheStatus() {
        assertThat(AutotaskErrorClassifier.classify(Call.API, 500,
                "{\"errors\":[\"API thread threshold of 3 threads has been exceeded\"]}").kind())
                .isEqualTo(HelpdeskException.Kind.RATE_LIMITED);
    }

    @Test
    void anyOtherServerErrorIsARetriablePsaErrorQuotingThePsa() {
        HelpdeskException e = AutotaskErrorClassifier.classify(Call.API, 503, "{\"errors\":[\"Service Unavailable\"]}");
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.TRANSIENT);
        assertThat(e.title()).isEqualTo("Helpdesk error");
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
        assertThat(html.kind()).isEqualTo(HelpdeskException.Kind.TRANSIENT);
        assertThat(html.title()).isEqualTo("Helpdesk error");
        assertThat(html.getMessage()).contains("Bad Gateway");
    }

    @Test
    void otherClientErrorsArePermanentRejections() {
        HelpdeskException e = AutotaskErrorClassifier.classify(Call.API, 404, "");
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.NOT_FOUND);
        assertThat(e.retriable()).isFalse();
    }

    @Test
    void aTimeoutIsRetriable() {
        HelpdeskException e = AutotaskErrorClassifier.classifyTransport(TARGET, new HttpTimeoutException("request timed out"),
                Duration.ofSeconds(30));
        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.TRANSIENT);
        assertThat(e.title()).isEqualTo("Timed out");
        assertThat(e.retriable()).isTrue();
        assertThat(e.getMessage()).contains("30 s").contains("webservices14.autotask.net");
        assertThat(AutotaskErrorClassifier.classifyTransport(TARGET, new HttpConnectTimeoutException("connect timed out"),
                Duration.ofMillis(1500)).getMessage()).contains("1500 ms");
    }

    @Test
    void aRefusedConnectionOrUnknownHostIsUnreachableAndRetriable() {
        HelpdeskException refused = AutotaskErrorClassifier.classifyTransport(TARGET,
                new IOException("wrapped", new ConnectException("Connection refused")), Duration.ofSeconds(30));
        assertThat(refused.kind()).isEqualTo(HelpdeskException.Kind.TRANSIENT);
        assertThat(refused.title()).isEqualTo("Helpdesk unreachable");
        assertThat(refused.retriable()).isTrue();
        assertThat(AutotaskErrorClassifier.classifyTransport(TARGET, new UnknownHostException("webservices14.autotask.net"),
                Duration.ofSeconds(30)))
                .extracting(HelpdeskException::kind, HelpdeskException::title)
                .containsExactly(HelpdeskException.Kind.TRANSIENT, "Helpdesk unreachable");
    }

    @Test
    void longPsaMessagesAreCapped() {
        String said = AutotaskErrorClassifier.psaMessage("{\"errors\":[\"" + "x".repeat(2000) + "\"]}");
        assertThat(said).hasSizeLessThanOrEqualTo(501);
    }

    @Test
    void a500CarryingABusinessRuleIsAPermanentRejectionInAutotasksWords() {
        String rule = "When assigning a Resource, you must assign both a assignedResourceID and assignedResourceRoleID.";
        HelpdeskException e = AutotaskErrorClassifier.classify(Call.API, 500, "{\"errors\":[\"" + rule + "\"]}");
        assertThat(e.kind()).isEqualTo(Kind.VALIDATION);
        assertThat(e.retriable()).isFalse();
        assertThat(e.psaMessage()).hasValue(rule);
        assertThat(e.getMessage()).contains(rule);
        assertThat(AutotaskErrorClassifier.classify(Call.API, 500, "{\"errors\":[\"The Resource 29682 is not "
                + "assigned the Role 29683 in any queue. A Resource and Role pair must belong to at least one queue.\"]}")
                .kind()).isEqualTo(Kind.VALIDATION);
    }

    @Test
    void a500RefusingTheResourceToImpersonateIsAPermanentRejectionInAutotasksWords() {
        String inactive = "The ImpersonationResourceId 29684 does not reference an active Resource.";
        HelpdeskException e = AutotaskErrorClassifier.classify(Call.API, 500, "{\"errors\":[\"" + inactive + "\"]}");
        assertThat(e.kind()).isEqualTo(Kind.VALIDATION);
        assertThat(e.retriable()).isFalse();
        assertThat(e.psaMessage()).hasValue(inactive);
        assertThat(AutotaskErrorClassifier.classify(Call.API, 500, "{\"errors\":[\"The ImpersonationResourceId 4 "
                + "references an API User (API-only), which cannot be impersonated.\"]}").kind())
                .isEqualTo(Kind.VALIDATION);
    }

    @Test
    void a500ForAnUpdateOfNoRecordIsNotFound() {
        HelpdeskException e = AutotaskErrorClassifier.classify(Call.API, 500,
                "{\"errors\":[\"No matching records found for Ticket id 987654.\"]}");
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.retriable()).isFalse();
        assertThat(e.psaMessage()).hasValue("No matching records found for Ticket id 987654.");
    }

    @Test
    void a500WithoutAReasonStaysRetriable() {
        for (String body : List.of("", "{\"errors\":[\"An unexpected error has occurred. Please try again later.\"]}",
                "{\"errors\":[\"Something went wrong\"]}")) {
            HelpdeskException e = AutotaskErrorClassifier.classify(Call.API, 500, body);
            assertThat(e.kind()).as(body).isEqualTo(Kind.TRANSIENT);
            assertThat(e.retriable()).as(body).isTrue();
        }
    }
}
