package horizon.callback;

import java.time.Duration;
import java.time.Instant;

/** One call as the Callback Log and the API show it. */
public record LoggedCall(long id, Instant receivedAt, String psa, String recordType, String entity, Long externalId,
                         String action, String sequence, String ticketNumber, String hookReference,
                         String signature, int httpStatus, InboxState state, InboxOutcome outcome, String reason,
                         int attempts, Instant processedAt, String payload, String headers) {

    /** From arrival to the end of processing; null while queued or for a call rejected at the door. */
    public Duration processingDelay() {
        return processedAt == null ? null : Duration.between(receivedAt, processedAt);
    }

    /** The result as one word: the outcome of a processed call, else its state. */
    public String result() {
        return outcome != null ? outcome.name().toLowerCase() : state.name().toLowerCase();
    }
}
