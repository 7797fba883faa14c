package horizon.widget;

import horizon.widget.WidgetTokenRepository.Kind;
import horizon.widget.WidgetTokenRepository.StoredToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Issues, checks, rotates and revokes what widgets sign in with: one-time codes from the sign-in popup, access tokens
 * held in the widget's memory, refresh tokens in its cookie. Each is random text shown once and stored only as its
 * SHA-256, bound to one account, one Horizon user and the PSA origin the widget was framed by; none is ever logged.
 */
@Service
class WidgetTokens {

    static final String CODE_PREFIX = "hzwc_";
    static final String ACCESS_PREFIX = "hzwa_";
    static final String REFRESH_PREFIX = "hzwr_";

    private static final Logger log = LoggerFactory.getLogger(WidgetTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN_BODY = Pattern.compile("[A-Za-z0-9_-]{43}");

    /**
     * A sign-in as the widget receives it.
     *
     * @param family           the sign-in the tokens belong to (every rotation keeps it)
     * @param issuedAt         when
     * @param accessToken      for the widget's memory, sent as {@code Authorization: Bearer}
     * @param accessExpiresAt  when it stops working
     * @param refreshToken     for the {@code __Host-} cookie only
     * @param refreshExpiresAt when the cookie's token stops working unless used
     */
    record Issued(long accountId, long userId, String psaOrigin, String signIn, String family, Instant issuedAt,
                  String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt) {

        @Override
        public String toString() {
            return "Issued[accountId=" + accountId + ", userId=" + userId + ", psaOrigin=" + psaOrigin + "]";
        }
    }

    /** Who a valid access token stands for. */
    record Grant(long accountId, long userId, String psaOrigin, String signIn, String family) {
    }

    /** What a redeemed one-time code was issued for. */
    record Redeemed(long userId, String psaOrigin) {
    }

    private final WidgetTokenRepository tokens;
    private final WidgetProperties properties;
    private final Clock clock;

    WidgetTokens(WidgetTokenRepository tokens, WidgetProperties properties, Clock clock) {
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    /** A one-time code for the popup to hand the widget that opened it with {@code state}. */
    String issueCode(long accountId, long userId, String psaOrigin, String state) {
        String code = CODE_PREFIX + random();
        Instant now = clock.instant();
        tokens.insert(accountId, userId, psaOrigin, Kind.CODE, hash(code), null, hash(state), WidgetSignIn.POPUP.wire(),
                now, now.plus(properties.codeTtl()));
        log.info("widget sign-in code issued account={} user={}", accountId, userId);
        return code;
    }

    /**
     * Redeems a code once: it must be the account's, unexpired, unused, and come with the state and origin it was
     * issued for. A code is spent by the first try, right or wrong.
     */
    Optional<Redeemed> redeemCode(long accountId, String code, String state, String psaOrigin) {
        if (!shaped(code, CODE_PREFIX) || state == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<StoredToken> stored = tokens.find(Kind.CODE, hash(code))
                .filter(t -> t.accountId() == accountId && now.isBefore(t.expiresAt()));
        if (stored.isEmpty() || !tokens.markUsed(accountId, stored.get().id(), now)) {
            return Optional.empty();
        }
        StoredToken token = stored.get();
        if (!MessageDigest.isEqual(bytes(token.stateHash()), bytes(hash(state)))
                || !token.psaOrigin().equals(psaOrigin)) {
            log.info("widget sign-in code refused account={}: state or origin differ from the popup's", accountId);
            return Optional.empty();
        }
        return Optional.of(new Redeemed(token.userId(), token.psaOrigin()));
    }

    /** Starts a sign-in: a new family with its first access and refresh tokens. */
    Issued start(long accountId, long userId, String psaOrigin, WidgetSignIn signIn) {
        Issued issued = issue(accountId, userId, psaOrigin, random(), signIn.wire(), clock.instant());
        log.info("widget signed in account={} user={} origin={} signIn={}", accountId, userId, psaOrigin,
                signIn.wire());
        return issued;
    }

    /**
     * Rotates a refresh token of the account's, framed by the same origin: new access and refresh tokens of the same
     * sign-in. A token rotated within {@link WidgetProperties#refreshGrace()} still works (two widgets refreshing at
     * once); one rotated earlier is a replay, and revokes the whole sign-in.
     */
    Optional<Issued> refresh(long accountId, String refreshToken, String psaOrigin) {
        return refresh(accountId, refreshToken, psaOrigin, token -> true);
    }

    /**
     * {@link #refresh(long, String, String)} of a sign-in that also meets {@code condition}, judged on the stored
     * refresh token before anything changes: one that does not meet it is left as it was.
     */
    Optional<Issued> refresh(long accountId, String refreshToken, String psaOrigin, Predicate<StoredToken> condition) {
        if (!shaped(refreshToken, REFRESH_PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<StoredToken> stored = tokens.find(Kind.REFRESH, hash(refreshToken))
                .filter(t -> t.accountId() == accountId && t.revokedAt() == null && now.isBefore(t.expiresAt()));
        if (stored.isEmpty() || !stored.get().psaOrigin().equals(psaOrigin) || !condition.test(stored.get())) {
            return Optional.empty();
        }
        StoredToken token = stored.get();
        if (token.usedAt() != null && now.isAfter(token.usedAt().plus(properties.refreshGrace()))) {
            int revoked = tokens.revokeFamily(accountId, token.family(), now);
            log.warn("widget refresh token shown again after rotation account={} user={}: sign-in revoked ({} tokens)",
                    accountId, token.userId(), revoked);
            return Optional.empty();
        }
        if (token.usedAt() == null) {
            // false: another request rotated it this instant, which the grace allows as well
            tokens.markUsed(accountId, token.id(), now);
        }
        return Optional.of(issue(accountId, token.userId(), token.psaOrigin(), token.family(), token.signIn(), now));
    }

    /** The grant behind a valid access token; empty for anything else. */
    Optional<Grant> authenticate(String accessToken) {
        if (!shaped(accessToken, ACCESS_PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tokens.find(Kind.ACCESS, hash(accessToken))
                .filter(t -> t.revokedAt() == null && now.isBefore(t.expiresAt()))
                .map(t -> new Grant(t.accountId(), t.userId(), t.psaOrigin(), t.signIn(), t.family()));
    }

    /** Ends the sign-in a refresh token belongs to (every token of it); false when there was none to end. */
    boolean signOut(long accountId, String refreshToken) {
        if (!shaped(refreshToken, REFRESH_PREFIX)) {
            return false;
        }
        return tokens.find(Kind.REFRESH, hash(refreshToken)).filter(t -> t.accountId() == accountId)
                .map(t -> tokens.revokeFamily(accountId, t.family(), clock.instant()) > 0).orElse(false);
    }

    /** Removes tokens that expired over a day ago, account by account; how many. */
    int removeExpired() {
        Instant before = clock.instant().minus(java.time.Duration.ofDays(1));
        int removed = 0;
        for (long accountId : tokens.accountsWithTokens()) {
            removed += tokens.deleteExpired(accountId, before);
        }
        return removed;
    }

    private Issued issue(long accountId, long userId, String psaOrigin, String family, String signIn, Instant now) {
        String access = ACCESS_PREFIX + random();
        String refresh = REFRESH_PREFIX + random();
        Instant accessExpires = now.plus(properties.accessTtl());
        Instant refreshExpires = now.plus(properties.refreshTtl());
        tokens.insert(accountId, userId, psaOrigin, Kind.REFRESH, hash(refresh), family, null, signIn, now,
                refreshExpires);
        tokens.insert(accountId, userId, psaOrigin, Kind.ACCESS, hash(access), family, null, signIn, now,
                accessExpires);
        return new Issued(accountId, userId, psaOrigin, signIn, family, now, access, accessExpires, refresh,
                refreshExpires);
    }

    private static boolean shaped(String token, String prefix) {
        return token != null && token.startsWith(prefix)
                && TOKEN_BODY.matcher(token.substring(prefix.length())).matches();
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static byte[] bytes(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.US_ASCII);
    }
}
