package horizon.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: an e-mail that failed to sign in {@code horizon.sign-in.max-failures} times (5) within
 * {@code horizon.sign-in.window} (15 minutes) is refused, right password or not, until its oldest failure in the
 * window ages out. Counted in the database, so every node refuses it alike; a successful sign-in clears the count.
 * Addresses are kept as their SHA-256 only.
 */
@Component
public class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;

    SignInThrottle(JdbcClient jdbc, Clock clock, @Value("${horizon.sign-in.max-failures:5}") int maxFailures,
                   @Value("${horizon.sign-in.window:15m}") Duration window) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** Whether this e-mail may try to sign in now. */
    public boolean allows(String email) {
        Instant since = clock.instant().minus(window);
        long failures = jdbc.sql("select count(*) from sign_in_failures where email_hash = :hash and failed_at > :since")
                .param("hash", hash(email)).param("since", Timestamps.column(since)).query(Long.class).single();
        return failures < maxFailures;
    }

    /** A wrong password or unknown e-mail: counted against the address. */
    public void failed(String email) {
        Instant now = clock.instant();
        String hash = hash(email);
        jdbc.sql("delete from sign_in_failures where email_hash = :hash and failed_at <= :before")
                .param("hash", hash).param("before", Timestamps.column(now.minus(window))).update();
        jdbc.sql("insert into sign_in_failures (email_hash, failed_at) values (:hash, :at)")
                .param("hash", hash).param("at", Timestamps.column(now)).update();
        if (!allows(email)) {
            log.warn("sign-in refused for an e-mail for {} after {} failures", window, maxFailures);
        }
    }

    /** Signed in: the address's failures are forgotten. */
    public void succeeded(String email) {
        jdbc.sql("delete from sign_in_failures where email_hash = :hash").param("hash", hash(email)).update();
    }

    /** How long the refusal lasts, for the page's message. */
    public Duration window() {
        return window;
    }

    private static String hash(String email) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Accounts.normalizeEmail(email).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
