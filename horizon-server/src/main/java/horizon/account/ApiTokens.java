package horizon.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Issues, checks and revokes personal API tokens; only their SHA-256 is stored, so a token is shown once. */
@Service
public class ApiTokens {

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
    /** Marks Horizon tokens so secret scanners and people recognise them. */
    static final String PREFIX = "hzn_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiTokenRepository tokens;
    private final UserRepository users;
    private final Clock clock;

    ApiTokens(ApiTokenRepository tokens, UserRepository users, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
    }

    public IssuedToken issue(long accountId, long userId, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInput("name", "Name the token after where it is used, e.g. \"reporting script\"");
        }
        if (name.strip().length() > 100) {
            throw new InvalidInput("name", "Use at most 100 characters");
        }
        HorizonUser owner = users.findInAccount(accountId, userId)
                .orElseThrow(() -> new InvalidInput("userId", "No such user in this account"));
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String plaintext = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiToken token = tokens.insert(accountId, owner, name.strip(), hash(plaintext), clock.instant());
        log.info("Account {} issued API token {} to user {}", accountId, token.id(), userId);
        return new IssuedToken(token, plaintext);
    }

    /** The signed-in user a bearer token stands for, if the token is active and its user enabled. */
    public Optional<SignedInUser> authenticate(String plaintext) {
        if (plaintext == null || !plaintext.startsWith(PREFIX) || plaintext.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(plaintext);
        Optional<HorizonUser> owner = tokens.findActiveOwner(hash);
        owner.ifPresent(user -> tokens.markUsed(hash, clock.instant()));
        return owner.map(HorizonUser::signedIn);
    }

    public List<ApiToken> inAccount(long accountId) {
        return tokens.findByAccount(accountId);
    }

    public boolean revoke(long accountId, long tokenId) {
        boolean revoked = tokens.revoke(accountId, tokenId, clock.instant());
        if (revoked) {
            log.info("Account {} revoked API token {}", accountId, tokenId);
        }
        return revoked;
    }

    /** Revokes a user's active tokens of one name (demo mode replaces its token on every start). */
    public int revokeNamed(long accountId, long userId, String name) {
        return tokens.revokeByName(accountId, userId, name, clock.instant());
    }

    static String hash(String plaintext) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(plaintext.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
