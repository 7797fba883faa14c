package horizon.simulator.autotask.conformance;

import java.util.List;
import java.util.Optional;

/**
 * Simulator bugs this suite found and reported, not yet fixed. They are not divergences: a case whose only complaints
 * are one of these is aborted with an assumption that names the bug (so it shows as skipped, not passed), and passes
 * on its own once the simulator is fixed. Remove a constant when its fix lands.
 */
enum KnownBug {
    ERROR_LOG_EXTRA_WEBHOOK_IDS("WebhookEventErrorLogs rows carry ticketWebhookID and ticketNoteWebhookID, which "
            + "WebhookEventErrorLogModel does not have (only accountWebhookID and contactWebhookID)") {
        @Override
        boolean covers(Finding f, Exchange x) {
            return f.key().equals("validation.response.body.schema.additionalProperties")
                    && x.path().contains("/WebhookEventErrorLogs")
                    && f.message().endsWith("not allowed by the schema: [\"ticketNoteWebhookID\",\"ticketWebhookID\"]");
        }
    };

    private final String description;

    KnownBug(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    abstract boolean covers(Finding finding, Exchange exchange);

    /** The one bug that explains every violation, if there is one. */
    static Optional<KnownBug> explainingAll(List<Finding> violations, Exchange exchange) {
        if (violations.isEmpty()) {
            return Optional.empty();
        }
        for (KnownBug bug : values()) {
            if (violations.stream().allMatch(f -> bug.covers(f, exchange))) {
                return Optional.of(bug);
            }
        }
        return Optional.empty();
    }
}
