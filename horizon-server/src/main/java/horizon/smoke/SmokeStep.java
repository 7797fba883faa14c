package horizon.smoke;

/**
 * One step of a smoke test as it stands.
 *
 * @param state  RUNNING, PASSED, FAILED or SKIPPED (a step after a failed one)
 * @param millis how long it took, once ended
 * @param detail what it found, or what went wrong and in the PSA's words
 */
public record SmokeStep(String name, String state, Long millis, String detail) {

    static SmokeStep waiting(String name) {
        return new SmokeStep(name, "WAITING", null, null);
    }
}
