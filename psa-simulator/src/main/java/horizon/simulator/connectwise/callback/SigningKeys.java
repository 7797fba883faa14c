package horizon.simulator.connectwise.callback;

import horizon.simulator.core.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * The keys ConnectWise signs callbacks with. Each payload names its key by URL ({@code Metadata.key_url}); the key
 * rotates every {@link #ROTATE_EVERY} (scaled) or on demand, and an old key stays fetchable for {@link #KEPT_FOR}
 * (scaled) after it was replaced, then its URL answers 404, so a receiver must fetch by the URL each payload names.
 */
public final class SigningKeys {
    public static final Duration ROTATE_EVERY = Duration.ofMinutes(30);
    public static final Duration KEPT_FOR = Duration.ofHours(2);

    /** One key: its id (in the key URL), its secret, and when it was replaced (null while current). */
    public record Key(String id, String signingKey, Instant created, Instant retired) {
    }

    private final SimClock clock;
    private final Random random;
    private final Map<String, Key> keys = new LinkedHashMap<>();
    private Key current;

    public SigningKeys(SimClock clock, long seed) {
        this.clock = clock;
        this.random = new Random(seed ^ 0x5167L);
        this.current = newKey();
    }

    /** The key to sign with now, rotating it when it is older than {@link #ROTATE_EVERY}. */
    public synchronized Key current() {
        if (!clock.now().isBefore(current.created().plus(clock.scaled(ROTATE_EVERY)))) {
            rotate();
        }
        return current;
    }

    /** Replaces the current key now. */
    public synchronized Key rotate() {
        Instant now = clock.now();
        keys.put(current.id(), new Key(current.id(), current.signingKey(), current.created(), now));
        current = newKey();
        return current;
    }

    /** A key by id while it is current or recently retired. */
    public synchronized Optional<Key> find(String id) {
        current();
        Key key = keys.get(id);
        if (key == null) {
            return Optional.empty();
        }
        if (key.retired() != null && !clock.now().isBefore(key.retired().plus(clock.scaled(KEPT_FOR)))) {
            return Optional.empty();
        }
        return Optional.of(key);
    }

    private Key newKey() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = UUID.nameUUIDFromBytes(bytes).toString();
        StringBuilder secret = new StringBuilder();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 32; i++) {
            secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        Key key = new Key(id, secret.toString(), clock.now(), null);
        keys.put(id, key);
        return key;
    }
}
