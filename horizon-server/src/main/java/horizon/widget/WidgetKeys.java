package horizon.widget;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Each account's public widget key: the part of a widget URL that says whose widget it is. Not a secret (it stands in
 * the PSA's pages), but random, so accounts cannot be listed by trying keys; it never gives data by itself.
 */
@Service
public class WidgetKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private final WidgetKeyRepository keys;
    private final Clock clock;
    /** Keys never change once made, so a node remembers the ones it has looked up. */
    private final Map<String, Long> accounts = new ConcurrentHashMap<>();

    WidgetKeys(WidgetKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The account's key, made on first use. */
    public String keyOf(long accountId) {
        Optional<String> known = keys.keyOf(accountId);
        if (known.isPresent()) {
            return known.get();
        }
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            keys.insert(accountId, key, clock.instant());
            return key;
        } catch (DuplicateKeyException madeMeanwhile) {
            return keys.keyOf(accountId).orElseThrow(() -> madeMeanwhile);
        }
    }

    /** The account a key names; empty for anything that is not a key Horizon made. */
    public Optional<Long> accountOf(String key) {
        if (key == null || !SHAPE.matcher(key).matches()) {
            return Optional.empty();
        }
        Long cached = accounts.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Long> found = keys.accountOf(key);
        found.ifPresent(id -> accounts.put(key, id));
        return found;
    }
}
