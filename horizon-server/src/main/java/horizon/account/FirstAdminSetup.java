package horizon.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import horizon.web.PublicUrl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Guards the /setup page of a fresh installation: when no user exists at start, a one-time token is printed to the log,
 * and only whoever holds it (the operator reading the log) can create the first account and admin. The token lives in
 * this node's memory only and is gone after one successful use, once any user exists, or after
 * {@code horizon.setup.link-ttl} (an hour): a link found later in an old log opens nothing. Restarting the node prints a
 * new one.
 */
@Component
public class FirstAdminSetup {

    private static final Logger log = LoggerFactory.getLogger(FirstAdminSetup.class);

    private record Link(String token, Instant expiresAt) {
    }

    private final Accounts accounts;
    private final PublicUrl publicUrl;
    private final boolean demo;
    private final Duration ttl;
    private final Clock clock;
    private final AtomicReference<Link> link = new AtomicReference<>();

    FirstAdminSetup(Accounts accounts, PublicUrl publicUrl, @Value("${horizon.demo.enabled:false}") boolean demo,
                    @Value("${horizon.setup.link-ttl:1h}") Duration ttl, Clock clock) {
        this.accounts = accounts;
        this.publicUrl = publicUrl;
        this.demo = demo;
        this.ttl = ttl;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void offerSetupWhenEmpty() {
        if (demo || accounts.anyUserExists()) {
            return;
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant expiresAt = clock.instant().plus(ttl);
        link.set(new Link(fresh, expiresAt));
        // The one deliberate exception to "no secrets in logs": the operator must read this link to create the first
        // admin, and it stops working after one use or when it expires.
        log.warn("Horizon has no users yet. Create the first account and admin at {}/setup?token={} "
                + "(one-time link, valid until used or until {}; restart Horizon for a new one)", publicUrl.get(),
                fresh, expiresAt);
    }

    /** Whether the setup page is open at all: a token was issued, is unused, and still no user exists. */
    public boolean open() {
        Link current = link.get();
        return current != null && clock.instant().isBefore(current.expiresAt()) && !accounts.anyUserExists();
    }

    boolean matches(String candidate) {
        Link current = link.get();
        if (current == null || candidate == null || accounts.anyUserExists()) {
            return false;
        }
        boolean same = MessageDigest.isEqual(current.token().getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
        if (same && !clock.instant().isBefore(current.expiresAt())) {
            log.warn("The setup link expired at {}; restart Horizon to print a new one", current.expiresAt());
            return false;
        }
        return same;
    }

    /** Creates the first account and admin if the token is right and unexpired, then retires the token. */
    synchronized HorizonUser complete(String candidate, String accountName, String email, String displayName,
                                      String password) {
        if (!matches(candidate)) {
            throw new InvalidInput("token", "This setup link is no longer valid. Sign in instead.");
        }
        HorizonUser admin = accounts.openAccount(accountName, email, displayName, password);
        link.set(null);
        log.info("First admin created through /setup; the setup link is now invalid");
        return admin;
    }
}
