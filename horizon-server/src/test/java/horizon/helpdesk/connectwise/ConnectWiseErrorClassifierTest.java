package horizon.helpdesk.connectwise;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.connectwise.ConnectWiseErrorClassifier.Call;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each way ConnectWise says no, from fixed answers: kind, retriability, heading, steps and ConnectWise's words. */
class ConnectWiseErrorClassifierTest {

    private static final URI TARGET = URI.create("https://api-na.myconnectwise.net/v2025_1/apis/3.0/service/tickets");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void a401IsKeysRejected() {
        HelpdeskException e = ConnectWiseErrorClassifier.classify(Call.API, 401,
                "{\"code\":\"Unauthorized\",\"message\":\"Password and username combination was incorrect.\","
                        + "\"errors\":null}");
        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.retriable()).isFalse();
        assertThat(e.title()).isEqualTo("Keys rejected");
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.psaMessage()).contains("Password and username combination was incorrect.");
        assertThat(e.getMessage()).contains("Password and username combination was incorrect.");
        assertThat(e.steps()).anyMatch(step -> step.contains("System › Members › API Members"));
    }

    @Test
    void a401NamingTheClientIdIsClientIdRejected() {
        HelpdeskException e = ConnectWiseErrorClassifier.classify(Call.API, 401,
                "{\"code\":\"InvalidClientId\",\"message\":\"The clientId '3f0b' is not registered or has been "
                        + "disabled.\",\"errors\":null}");
        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.retriable()).isFalse();
        assertThat(e.title()).isEqualTo("clientId rejected");
        assertThat(e.psaMessage().orElseThrow()).contains("is not registered or has been disabled.");
        assertThat(e.steps()).anyMatch(step -> step.contains("developer.connectwise.com/ClientID"))
                .anyMatch(step -> step.contains("horizon.connectwise.client-id"));
    }

    @Test
    void a403OfTheSecurityRoleNamesWhatItLacks() {
        HelpdeskException e = ConnectWiseErrorClassifier.classify(Call.API, 403,
                "{\"code\":\"NotAuthorized\",\"message\":\"The security role 'API Integration' does not allow this: "
                        + "it lacks 'Time Entry' (Time & Expense) access.\",\"errors\":null}");
        assertThat(e.kind()).isEqualTo(Kind.PERMISSION);
        assertThat(e.retriable()).isFalse();
        assertThat(e.title()).isEqualTo("Security role lacks Time Entry (Time & Expense)");
        assertThat(e.getMessage()).contains("The security role 'API Integration' does not allow this");
        assertThat(e.steps()).anyMatch(step -> step.contains("System › Security Roles"))
                .anyMatch(step -> step.contains("Inquire") && step.contains("Service Desk")
                        && step.contains("Time & Expense") && step.contains("Member Maintenance"));
    }

    @Test
    void a403InOtherWordsStillNamesTheSecurityRole() {
        HelpdeskException e = ConnectWiseErrorClassifier.classify(Call.API, 403,
                "{\"code\":\"Forbidden\",\"message\":\"You do not have access to this record.\"}");
        assertThat(e.kind()).isEqualTo(Kind.PERMISSION);
        assertThat(e.title()).isEqualTo("Security role lacks a permission");
        assertThat(e.psaMessage()).contains("You do not have access to this record.");
    }

    @Test
    void sslIsRequiredMeansTheSiteAddressIsWrong() {
        HelpdeskException e = ConnectWiseErrorClassifier.classify(Call.API, 403,
                "{\"code\":\"Security\",\"message\":\"SSL is required.\",\"errors\":null}");
        assertThat(e.kind()).isEqualTo(Kind.VALIDATION);
        assertThat(e.retriable()).isFalse();
        assertThat(e.title()).isEqualTo("Site address rejected");
        assertThat(e.getMessage()).contains("api-").contains("SSL is required.");
    }

    @Test
    void a404OfCompanyInfoIsAnUnknownCompany() {
        HelpdeskException e = ConnectWiseErrorClassifier.classify(Call.COMPANY_INFO, 404,
                "{\"code\":\"NotFound\",\"message\":\"Company 'nosuch' was not found.\",\"errors\":null}");
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.retriable()).isFalse();
        assertThat(e.title()).isEqualTo("Company unknown");
        assertThat(e.psaMessage()).contains("Company 'nosuch' was not found.");
    }

    @Test
    void a404OfTheApiIsNotFound() {
        HelpdeskException e = ConnectWiseErrorClassifier.classify(Call.API, 404,
                "{\"code\":\"NotFound\",\"message\":\"Ticket 123 not found\",\"errors\":null}");
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.retriable()).isFalse();
        assertThat(e.psaMessage()).contains("Ticket 123 not found");
    }

    @Test
    void a409IsAConflict() {
        HelpdeskException e = ConnectWiseErrorClassifier.classify(Call.API, 409,
                "{\"code\":\"Conflict\",\"message\":\"Ticket 5 cannot be deleted because it has time entries.\"}");
        assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
        assertThat(e.retriable()).isFalse();
    }

    @Test
    void a400IsRejectedWithEachFieldErrorQuoted() {
        HelpdeskException e = ConnectWiseErrorClassifier.classify(Call.API, 400,
                "{\"code\":\"InvalidObject\",\"message\":\"ticket object is invalid\",\"errors\":[{\"code\":"
                        + "\"MissingRequiredField\",\"message\":\"The company field is required.\",\"resource\":"
                        + "\"ticket\",\"field\":\"company\"}]}");
        assertThat(e.kind()).isEqualTo(Kind.VALIDATION);
        assertThat(e.retriable()).isFalse();
        assertThat(e.psaMessage()).contains("ticket object is invalid The company field is required.");
    }

    @Test
    void aDuplicateCallbackIsAConflictHorizonCanAdopt() {
        HelpdeskException e = ConnectWiseErrorClassifier.classify(Call.API, 400,
                "{\"code\":\"InvalidObject\",\"message\":\"callbackEntry object is invalid\",\"errors\":[{\"code\":"
                        + "\"ObjectExists\",\"message\":\"A matching callback entry already exists\",\"resource\":"
                        + "\"callbackEntry\",\"field\":\"objectId\"}]}");
        assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
        assertThat(e.title()).isEqualTo(ConnectWiseErrorClassifier.ALREADY_EXISTS);
        assertThat(e.psaMessage()).contains("callbackEntry object is invalid A matching callback entry already exists");
    }

    @Test
    void a429IsRateLimitedAndRetriable() {
        HelpdeskException e = ConnectWiseErrorClassifier.classify(Call.API, 429,
                "{\"error\":\"ConnectWiseAPI\",\"message\":\"Too many requests. Please try again in 30 seconds.\"}");
        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retriable()).isTrue();
        assertThat(e.psaMessage()).contains("Too many requests. Please try again in 30 seconds.");
    }

    @Test
    void a5xxIsTransientAndQuotesAnHtmlPage() {
        HelpdeskException e = ConnectWiseErrorClassifier.classify(Call.API, 503,
                "<html><body><h2>Service Unavailable</h2></body></html>");
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.retriable()).isTrue();
        assertThat(e.psaMessage().orElseThrow()).contains("Service Unavailable");
    }

    @Test
    void aRedirectIsNotFollowedAndPointsAtTheSiteAddress() {
        HelpdeskException e = ConnectWiseErrorClassifier.classify(Call.COMPANY_INFO, 302, "");
        assertThat(e.kind()).isEqualTo(Kind.VALIDATION);
        assertThat(e.title()).isEqualTo("Site address rejected");
    }

    @Test
    void aLongPsaMessageIsCapped() {
        String longText = "x".repeat(2000);
        HelpdeskException e = ConnectWiseErrorClassifier.classify(Call.API, 400,
                "{\"code\":\"InvalidObject\",\"message\":\"" + longText + "\"}");
        assertThat(e.psaMessage().orElseThrow()).hasSize(501).endsWith("…");
    }

    @Test
    void aTimeoutIsTimedOutAndRetriable() {
        HelpdeskException e = ConnectWiseErrorClassifier.classifyTransport(TARGET,
                new HttpTimeoutException("no complete answer within 60000 ms"), TIMEOUT);
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.retriable()).isTrue();
        assertThat(e.title()).isEqualTo("Timed out");
        assertThat(e.getMessage()).contains("https://api-na.myconnectwise.net").contains("60 s");
        assertThat(e.httpStatus()).isZero();
    }

    @Test
    void aRefusedConnectionIsAnUnreachableSite() {
        HelpdeskException e = ConnectWiseErrorClassifier.classifyTransport(TARGET,
                new ConnectException("Connection refused"), TIMEOUT);
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.title()).isEqualTo("Site unreachable");
        assertThat(e.getMessage()).contains("Connection refused");
    }

    @Test
    void anUnknownHostIsAnUnreachableSite() {
        HelpdeskException e = ConnectWiseErrorClassifier.classifyTransport(TARGET,
                new IOException(new UnknownHostException("cw.nowhere.example")), TIMEOUT);
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.title()).isEqualTo("Site unreachable");
        assertThat(e.getMessage()).contains("cw.nowhere.example");
    }

    // an answer too large is classified from a real cut-off answer: ConnectWiseReaderSimulatorTest
}
