package horizon.simulator.autotask.webhook;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * The bench's way to the Autotask simulator's own callout code, which is package-private: a callout body written by
 * {@link DotNetJson} (as Autotask's System.Text.Json writes it), its {@code EventTime} by {@link EventTimes}, and its
 * {@code X-Hook-Signature} by {@link HookSignature}. It lives in the simulator's package inside horizon-bench (one
 * classpath, no modules), so what the bench sends is byte for byte what the simulator would send.
 */
public final class BenchCallouts {

    /** {@code X-Hook-Signature}. */
    public static final String HEADER = HookSignature.HEADER;

    private BenchCallouts() {
    }

    /** The body's bytes, as the simulator writes a callout. */
    public static byte[] write(JsonNode payload) {
        return DotNetJson.write(payload);
    }

    /** {@code EventTime} as the simulator writes it. */
    public static String eventTime(Instant at) {
        return EventTimes.format(at);
    }

    /** The {@code X-Hook-Signature} value of {@code body} under the webhook's secret key. */
    public static String sign(String secretKey, byte[] body) {
        return HookSignature.sign(secretKey, body);
    }
}
