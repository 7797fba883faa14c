package horizon.widget;

import horizon.account.HorizonUser;
import horizon.account.SignedInUser;
import horizon.account.UserRepository;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.configuration.HelpdeskConnections;
import horizon.mapping.MappingHelpdeskUsers;
import horizon.widget.WidgetSignInRefused.Reason;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The ways a widget signs in, each ending in a new sign-in of one Horizon user framed by one allowed origin: the PSA's
 * member confirmed by the PSA, the popup's one-time code, or the refresh cookie of an earlier sign-in. Nothing here
 * knows a PSA: the account's adapter confirms members.
 */
@Service
class SigningIn {

    /** A sign-in: the tokens for the widget, and the Horizon user they stand for. */
    record Session(WidgetTokens.Issued tokens, HorizonUser user) {
    }

    private static final Logger log = LoggerFactory.getLogger(SigningIn.class);
    private static final Pattern STATE = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    private final WidgetKeys keys;
    private final WidgetHosts hosts;
    private final WidgetTokens tokens;
    private final HelpdeskConnections connections;
    private final MappingHelpdeskUsers mappings;
    private final UserRepository users;
    private final PerAccountRate memberSignIns;
    private final ConfirmedMembers confirmedMembers;

    SigningIn(WidgetKeys keys, WidgetHosts hosts, WidgetTokens tokens, HelpdeskConnections connections,
              MappingHelpdeskUsers mappings, UserRepository users, WidgetProperties properties, Clock clock) {
        this.keys = keys;
        this.hosts = hosts;
        this.tokens = tokens;
        this.connections = connections;
        this.mappings = mappings;
        this.users = users;
        this.memberSignIns = new PerAccountRate(properties.memberSignInsPerMinute(), clock);
        this.confirmedMembers = new ConfirmedMembers(properties.memberReconfirmAfter(), clock);
    }

    /** The account a widget key names. */
    long account(String key) {
        return keys.accountOf(key).orElseThrow(() -> new WidgetSignInRefused(Reason.UNKNOWN_WIDGET,
                "This widget address is not Horizon's. Copy it again from Helpdesk Widget Status."));
    }

    /**
     * Signs in the member the PSA's page handed over, once the PSA confirms it: only where the account's PSA hands
     * over members, only from the PSA's own web origin, and only for a member mapped to an enabled Horizon user.
     * A widget whose refresh cookie belongs to a member sign-in this node confirmed within
     * {@link WidgetProperties#memberReconfirmAfter()}, of the very member the hand-over names, continues that sign-in
     * without asking the PSA (a page load of the PSA would otherwise cost a PSA request and its latency each time).
     */
    Session member(String key, String origin, Map<String, String> handedOver, String refreshToken) {
        long accountId = account(key);
        WidgetHost host = hosts.of(accountId).orElseThrow(() -> notConnected());
        if (!host.signsInMembers()) {
            throw new WidgetSignInRefused(Reason.BAD_REQUEST, host.kind().displayName() + " hands widgets no member; "
                    + "sign in to Horizon instead.");
        }
        if (!host.psaOrigins().contains(origin)) {
            throw new WidgetSignInRefused(Reason.ORIGIN_NOT_ALLOWED, "Only " + host.kind().displayName()
                    + "'s own pages may sign a member in.");
        }
        Optional<Session> continued = continuedMember(accountId, host, origin, handedOver, refreshToken);
        if (continued.isPresent()) {
            return continued.get();
        }
        if (!memberSignIns.admit(accountId)) {
            throw new WidgetSignInRefused(Reason.TOO_MANY, "Too many sign-ins for this account just now; try again "
                    + "in a minute.");
        }
        HelpdeskCredentials credentials;
        try {
            credentials = connections.credentials(accountId).orElseThrow(SigningIn::notConnected);
        } catch (WidgetSignInRefused refused) {
            throw refused;
        } catch (RuntimeException unreadable) {
            throw new WidgetSignInRefused(Reason.PSA_UNAVAILABLE, "Horizon cannot open its " + host.kind()
                    .displayName() + " credentials; ask your Horizon admin to check Helpdesk Configuration.");
        }
        long helpdeskUserId;
        try {
            helpdeskUserId = host.widgets().confirmMember(credentials, handedOver);
        } catch (HelpdeskException failure) {
            log.info("widget member sign-in not confirmed account={} psa={} kind={} title=\"{}\"", accountId,
                    host.kind(), failure.kind(), failure.title());
            throw new WidgetSignInRefused(failure.kind() == HelpdeskException.Kind.AUTHENTICATION
                    ? Reason.NOT_CONFIRMED : Reason.PSA_UNAVAILABLE, failure.getMessage());
        }
        HorizonUser user = mappings.horizonUserOf(accountId, helpdeskUserId).filter(HorizonUser::enabled)
                .orElseThrow(() -> new WidgetSignInRefused(Reason.NOT_MAPPED, "Your " + host.kind().displayName()
                        + " member " + handedOver.getOrDefault("memberid", "") + " is not mapped to an active "
                        + "Horizon user. Ask your Horizon admin to map it under Helpdesk User Mapping."));
        WidgetTokens.Issued issued = tokens.start(accountId, user.id(), origin, WidgetSignIn.PSA_MEMBER);
        confirmedMembers.confirmed(accountId, issued.family());
        return new Session(issued, user);
    }

    private Optional<Session> continuedMember(long accountId, WidgetHost host, String origin,
                                              Map<String, String> handedOver, String refreshToken) {
        Optional<String> named = host.widgets().namedMember(handedOver);
        if (named.isEmpty() || refreshToken.isEmpty()) {
            return Optional.empty();
        }
        return tokens.refresh(accountId, refreshToken, origin, token ->
                        WidgetSignIn.PSA_MEMBER.wire().equals(token.signIn())
                                && confirmedMembers.fresh(accountId, token.family())
                                && mappings.helpdeskUserOf(accountId, token.userId())
                                .filter(u -> named.get().equalsIgnoreCase(u.username())).isPresent())
                .map(issued -> new Session(issued, enabledUser(accountId, issued.userId())));
    }

    /** Exchanges the popup's one-time code (with the state the widget opened the popup with) for a sign-in. */
    Session code(String key, String origin, String code, String state) {
        long accountId = account(key);
        requireAllowed(accountId, origin);
        WidgetTokens.Redeemed redeemed = tokens.redeemCode(accountId, code, state, origin)
                .orElseThrow(() -> new WidgetSignInRefused(Reason.NOT_CONFIRMED, "The sign-in code is used, expired "
                        + "or not for this widget; sign in again."));
        HorizonUser user = enabledUser(accountId, redeemed.userId());
        return new Session(tokens.start(accountId, user.id(), origin, WidgetSignIn.POPUP), user);
    }

    /** Continues an earlier sign-in from the refresh cookie (rotating it). */
    Session refresh(String key, String origin, String refreshToken) {
        long accountId = account(key);
        requireAllowed(accountId, origin);
        WidgetTokens.Issued issued = tokens.refresh(accountId, refreshToken, origin)
                .orElseThrow(() -> new WidgetSignInRefused(Reason.NOT_CONFIRMED, "Sign in to Horizon."));
        return new Session(issued, enabledUser(accountId, issued.userId()));
    }

    /**
     * A one-time code for the popup to hand the widget that opened it: the signed-in user must belong to the widget's
     * account, and the origin that frames the widget must be one the account allows.
     */
    String popupCode(SignedInUser user, String key, String origin, String state) {
        long accountId = account(key);
        if (user.accountId() != accountId) {
            throw new WidgetSignInRefused(Reason.NOT_MAPPED, "You are signed in to Horizon as " + user.email()
                    + ", who belongs to another Horizon account than this widget. Sign out of Horizon and sign in "
                    + "with your account for this helpdesk.");
        }
        if (state == null || !STATE.matcher(state).matches()) {
            throw new WidgetSignInRefused(Reason.BAD_REQUEST, "Open this window from the widget's Sign in button.");
        }
        requireAllowed(accountId, origin);
        return tokens.issueCode(accountId, user.userId(), origin, state);
    }

    /** Ends the sign-in behind a refresh cookie. */
    boolean signOut(String key, String refreshToken) {
        return tokens.signOut(account(key), refreshToken);
    }

    private void requireAllowed(long accountId, String origin) {
        if (!hosts.allows(accountId, origin)) {
            throw new WidgetSignInRefused(Reason.ORIGIN_NOT_ALLOWED, "This page may not show the account's widgets: "
                    + "Horizon allows only its own pages and its helpdesk's.");
        }
    }

    private HorizonUser enabledUser(long accountId, long userId) {
        Optional<HorizonUser> user = users.findInAccount(accountId, userId).filter(HorizonUser::enabled);
        return user.orElseThrow(() -> new WidgetSignInRefused(Reason.NOT_CONFIRMED, "Your Horizon user is disabled."));
    }

    private static WidgetSignInRefused notConnected() {
        return new WidgetSignInRefused(Reason.NOT_CONNECTED, "Horizon is not connected to a helpdesk yet.");
    }
}
