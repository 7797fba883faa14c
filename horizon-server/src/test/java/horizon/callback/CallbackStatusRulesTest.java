package horizon.callback;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HookState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules Callback Status writes on the page, one case each. */
class CallbackStatusRulesTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");
    private static final WebhookRegistration REGISTERED = new WebhookRegistration(true, AT, AT, null);
    private static final HookState HEALTHY = new HookState("Tickets", "7", true, true, true, "https://h/hooks",
            List.of("status"), List.of("29682894"));

    private final List<String> reasons = new ArrayList<>();

    @Test
    void allWellIsGreen() {
        assertThat(judge(REGISTERED, List.of(HEALTHY), 0, 0, 0, null)).isEqualTo(CallbackHealth.GREEN);
        assertThat(reasons).isEmpty();
    }

    @Test
    void neverRegisteredIsRed() {
        assertThat(judge(null, List.of(), 0, 0, 0, null)).isEqualTo(CallbackHealth.RED);
        assertThat(reasons).containsExactly("Horizon's webhooks have not been registered yet.");
    }

    @Test
    void aFailedRegistrationIsRedWithThePsasWords() {
        var failed = new WebhookRegistration(false, AT, null, "Webhook permission missing: Open the API User level");
        assertThat(judge(failed, List.of(), 0, 0, 0, null)).isEqualTo(CallbackHealth.RED);
        assertThat(reasons).singleElement().asString().contains("Webhook permission missing");
    }

    @Test
    void aSwitchedOffMissingOrUnreadyWebhookIsRed() {
        HookState off = new HookState("Contacts", "8", true, false, true, null, List.of(), List.of());
        HookState unready = new HookState("Companies", "9", true, true, false, null, List.of(), List.of());
        HookState gone = HookState.missing(new horizon.helpdesk.RegisteredHook("Ticket notes", "10", "g", "s"));
        assertThat(judge(REGISTERED, List.of(HEALTHY, off, unready, gone), 0, 0, 0, null))
                .isEqualTo(CallbackHealth.RED);
        assertThat(reasons).containsExactly("Webhook Contacts is switched off.", "Webhook Companies is not ready.",
                "Webhook Ticket notes is missing from the PSA.");
    }

    @Test
    void pollingFindingFiveChangesIsRedAndFewerAmber() {
        assertThat(judge(REGISTERED, List.of(HEALTHY), 5, 0, 0, null)).isEqualTo(CallbackHealth.RED);
        reasons.clear();
        assertThat(judge(REGISTERED, List.of(HEALTHY), 1, 0, 0, null)).isEqualTo(CallbackHealth.AMBER);
        assertThat(reasons).containsExactly("Polling found 1 change in the last hour that no callback brought in.");
    }

    @Test
    void rejectedOrFailedCallsAndAWaitingBacklogAreAmber() {
        assertThat(judge(REGISTERED, List.of(HEALTHY), 0, 2, 0, null)).isEqualTo(CallbackHealth.AMBER);
        reasons.clear();
        assertThat(judge(REGISTERED, List.of(HEALTHY), 0, 0, 1, null)).isEqualTo(CallbackHealth.AMBER);
        reasons.clear();
        assertThat(judge(REGISTERED, List.of(HEALTHY), 0, 0, 0, Duration.ofSeconds(61)))
                .isEqualTo(CallbackHealth.AMBER);
        assertThat(reasons).containsExactly("The oldest waiting call arrived 61 s ago.");
        reasons.clear();
        assertThat(judge(REGISTERED, List.of(HEALTHY), 0, 0, 0, Duration.ofSeconds(30)))
                .isEqualTo(CallbackHealth.GREEN);
    }

    private CallbackHealth judge(WebhookRegistration registration, List<HookState> hooks, long polled, long rejected,
                                 long failed, Duration oldest) {
        return CallbackStatus.judge(registration, hooks, null, polled, rejected, failed, oldest, reasons);
    }
}
