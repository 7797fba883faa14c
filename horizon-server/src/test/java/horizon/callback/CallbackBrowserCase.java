package horizon.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import horizon.helpdesk.configuration.ConnectionTestOutcome;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.helpdesk.configuration.SyncSettings;
import horizon.onboarding.SimulatorBackedTest;
import horizon.testsupport.Browser;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.SimulatedPsa;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The callback pages' browser tests: an account connected to the ConnectWise simulator, whose webhooks call this
 * Horizon over real HTTP, in the context every simulator-backed browser test shares.
 */
abstract class CallbackBrowserCase extends SimulatorBackedTest {

    static final Duration WAIT = Duration.ofSeconds(120);
    /** Polling that never comes during a test: what arrives, arrives by callback. */
    static final SyncSettings NO_POLLING = new SyncSettings(true, true, true, true, true, true, 30, 86_400);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SimulatedPsa psa() {
        return connectWise();
    }

    /** A new account connected to the PSA, its backfill finished and its webhooks registered. */
    TestAccount connected(String label) {
        HelpdeskConnections connections = context.getBean(HelpdeskConnections.class);
        TestAccount account = fixtures().account(label);
        assertThat(connections.saveSettings(account.id(), NO_POLLING)).isEmpty();
        ConnectionTestOutcome outcome = connections.test(psa().kind(), psa().credentials());
        assertThat(outcome.ok()).as("connection test: %s", outcome.failure()).isTrue();
        connections.connect(account.id(), psa().kind(), psa().credentials(), outcome.result());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> jdbc.sql("""
                        select count(*) from sync_runs where account_id = :id and kind = 'BACKFILL'
                           and state = 'SUCCEEDED'""").param("id", account.id()).query(Long.class).single() == 1);
        WebhookStore webhooks = context.getBean(WebhookStore.class);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> webhooks.registration(account.id())
                .map(WebhookRegistration::succeeded).orElse(false));
        return account;
    }

    /** Creates a ticket in the PSA and waits for its callback to be processed; returns that call. */
    LoggedCall ticketCreatedInThePsa(TestAccount account, String title) {
        long ticketId = psa().createTicket(title);
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> inbox().about(account.id(), ticketId, null, 10).stream()
                        .filter(call -> call.state() == InboxState.PROCESSED).findFirst().orElse(null),
                        call -> call != null);
    }

    /** Sends the genuine call's body, one id changed, with its signature: the door must turn it away. */
    HttpResponse<String> forged(TestAccount account, LoggedCall genuine) throws Exception {
        Map<String, String> headers = JSON.readValue(genuine.headers(),
                new TypeReference<TreeMap<String, String>>() { });
        String body = genuine.payload().replace(Long.toString(genuine.externalId()),
                Long.toString(genuine.externalId() + 1_000_000));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/hooks/connectwise/"
                        + account.accountKey()))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach((name, value) -> {
            if (name.startsWith("x-") || name.equals("content-type")) {
                request.header(name, value);
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    InboxRepository inbox() {
        return context.getBean(InboxRepository.class);
    }

    long calls(long accountId) {
        return inbox().count(accountId, InboxRepository.Filter.ALL);
    }

    static void show(Browser browser, By by) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'start'})",
                browser.find(by));
    }
}
