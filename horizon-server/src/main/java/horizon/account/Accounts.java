package horizon.account;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opens accounts and adds, enables and disables their users; owns the rules for e-mails and passwords. */
@Service
public class Accounts {

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountRepository accounts;
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final Clock clock;

    Accounts(AccountRepository accounts, UserRepository users, PasswordEncoder passwords, Clock clock) {
        this.accounts = accounts;
        this.users = users;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** Creates an account and its first admin. */
    @Transactional
    public HorizonUser openAccount(String accountName, String adminEmail, String adminName, String password) {
        String name = required("accountName", accountName, "Enter the account (company) name", 200);
        checkUser(adminEmail, adminName, password);
        Account account = accounts.insert(newAccountKey(), name, clock.instant());
        HorizonUser admin = insertUser(account.id(), adminEmail, adminName, password, Role.ADMIN);
        log.info("Account {} opened with admin user {}", account.id(), admin.id());
        return admin;
    }

    @Transactional
    public HorizonUser addUser(long accountId, String email, String displayName, String password, Role role) {
        checkUser(email, displayName, password);
        if (role == null) {
            throw new InvalidInput("role", "Choose a role");
        }
        HorizonUser user = insertUser(accountId, email, displayName, password, role);
        log.info("Account {} added {} user {}", accountId, role, user.id());
        return user;
    }

    public boolean setEnabled(long accountId, long userId, boolean enabled) {
        boolean changed = users.updateEnabled(accountId, userId, enabled);
        if (changed) {
            log.info("Account {} {} user {}", accountId, enabled ? "enabled" : "disabled", userId);
        }
        return changed;
    }

    /** Sets a new password (demo mode prints a fresh one on every start). */
    public boolean changePassword(long accountId, long userId, String password) {
        checkPassword(password);
        return users.updatePassword(accountId, userId, passwords.encode(password));
    }

    public Optional<Account> account(long accountId) {
        return accounts.findById(accountId);
    }

    public Optional<HorizonUser> userByEmail(String email) {
        return users.findByEmail(normalizeEmail(email));
    }

    public boolean anyUserExists() {
        return users.count() > 0;
    }

    static String normalizeEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private HorizonUser insertUser(long accountId, String email, String displayName, String password, Role role) {
        String normalized = normalizeEmail(email);
        if (users.findByEmail(normalized).isPresent()) {
            throw new InvalidInput("email", "A Horizon user with this e-mail already exists");
        }
        return users.insert(accountId, normalized, displayName.strip(), passwords.encode(password), role,
                clock.instant());
    }

    private static void checkUser(String email, String displayName, String password) {
        String normalized = normalizeEmail(email);
        if (normalized.isEmpty() || normalized.length() > 320 || !EMAIL.matcher(normalized).matches()) {
            throw new InvalidInput("email", "Enter a valid e-mail address, like name@example.com");
        }
        required("displayName", displayName, "Enter the person's name", 200);
        checkPassword(password);
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInput("password", "Use a password of at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            // bcrypt only reads the first 72 bytes; refusing is better than silently ignoring the rest
            throw new InvalidInput("password", "Use a password of at most 72 bytes");
        }
    }

    private static String required(String field, String value, String message, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, message);
        }
        if (value.strip().length() > max) {
            throw new InvalidInput(field, "Use at most " + max + " characters");
        }
        return value.strip();
    }

    private static String newAccountKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
