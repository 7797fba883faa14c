package horizon.simulator.autotask.webhook;

import java.nio.charset.StandardCharsets;

/**
 * One event waiting for delivery to a webhook's URL.
 *
 * @param sequenceNumber the payload's SequenceNumber
 * @param body           the exact bytes sent and signed
 */
record Callout(long sequenceNumber, byte[] body) {

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
