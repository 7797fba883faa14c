package horizon.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
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
 * this node's memory only and is gone after one successful use or once any user exists.
 */
@Component
public class FirstAdminSetup {

    private static final Logger log = LoggerFactory.getLogger(FirstAdminSetup.class);

    private final Accounts accounts;
    private final PublicUrl publicUrl;
    private final boolean demo;
    private final AtomicReference<String> token = new AtomicReference<>();

    FirstAdminSetup(Accounts accounts, PublicUrl publicUrl, @Value("${horizon.demo.enabled:false}") boolean demo) {
        this.accounts = accounts;
        this.publicUrl = publicUrl;
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void offerSetupWhenEmpty() {
        if (demo || accounts.anyUserExists()) {
            return;
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        token.set(fresh);
        // The one deliberate exception to "no secrets in logs": the operator must read this link to create the first
        // admin, and it stops working after one use.
        log.warn("Horizon has no users yet. Create the first account and admin at {}/setup?token={} "
                + "(one-time link, valid until used)", publicUrl.get(), fresh);
    }

    /** Whether the setup page is open at all: a token was issued, is unused, and still no user exists. */
    public boolean open() {
        return token.get() != null && !accounts.anyUserExists();
    }

    boolean matches(String candidate) {
        String expected = token.get();
        if (expected == null || candidate == null || accounts.anyUserExists()) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** Creates the first account and admin if the token is right, then retires the token. */
    synchronized HorizonUser complete(String candidate, String accountName, String email, String displayName,
                                      String password) {
        if (!matches(candidate)) {
            throw new InvalidInput("token", "This setup link is no longer valid. Sign in instead.");
        }
        HorizonUser admin = accounts.openAccount(accountName, email, displayName, password);
        token.set(null);
        log.info("First admin created through /setup; the setup link is now invalid");
        return admin;
    }
}
