package horizon.callback;

import java.time.Duration;
import java.time.Instant;

/** Ten minutes of Callback Status's chart: calls received, rejected and failed, and processing delays. */
public record CallbackBucket(Instant start, long received, long rejected, long failed, Duration lagP50,
                             Duration lagMax) {
}
