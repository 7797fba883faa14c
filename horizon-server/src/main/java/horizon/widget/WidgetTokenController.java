package horizon.widget;

import horizon.widget.WidgetSignInRefused.Reason;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The token exchange: a widget trades the PSA's member hand-over, the popup's one-time code, or its refresh cookie for
 * a short-lived access token (answered in the body, for the page's memory only) and a rotated refresh token (in the
 * {@code __Host-} cookie, {@code Secure; HttpOnly; SameSite=None; Partitioned}, so a browser that blocks third-party
 * cookies still keeps it, in the PSA site's partition).
 *
 * <p>Only Horizon's own pages may call it: the request must carry {@value #SAME_ORIGIN_HEADER} (a header other sites
 * cannot send without a CORS preflight Horizon never answers) and, where the browser names one, Horizon's Origin.
 */
@RestController
@RequestMapping("/widgets/api")
class WidgetTokenController {

    static final String COOKIE = "__Host-horizon-widget";
    static final String SAME_ORIGIN_HEADER = "X-Horizon-Widget";
    private static final int MAX_FIELD = 1024;

    /**
     * What a widget sends to sign in.
     *
     * @param grant  {@code psa-member}, {@code code} or {@code refresh}
     * @param key    the widget key of the page
     * @param origin the PSA origin framing the widget (Horizon's own when it is not framed)
     * @param code   the popup's one-time code ({@code code})
     * @param state  the state the widget opened the popup with ({@code code})
     * @param member the fields the PSA's page handed over ({@code psa-member})
     */
    record TokenRequest(String grant, String key, String origin, String code, String state,
                        Map<String, Object> member) {
    }

    /** A sign-in as the widget keeps it: the access token and who it is. */
    record TokenAnswer(String accessToken, long expiresIn, String signIn, String user) {
        @Override
        public String toString() {
            return "TokenAnswer[signIn=" + signIn + "]";
        }
    }

    /** What a widget sends to sign out. */
    record SignOutRequest(String key) {
    }

    private final SigningIn signingIn;
    private final WidgetHosts hosts;
    private final WidgetFraming framing;

    WidgetTokenController(SigningIn signingIn, WidgetHosts hosts, WidgetFraming framing) {
        this.signingIn = signingIn;
        this.hosts = hosts;
        this.framing = framing;
    }

    @PostMapping("/token")
    TokenAnswer token(@RequestBody TokenRequest body, HttpServletRequest request, HttpServletResponse response) {
        requireOwnPage(request);
        String key = text(body.key());
        framing.forAccount(response, signingIn.account(key));
        String origin = text(body.origin());
        SigningIn.Session session;
        String grant = text(body.grant());
        if (grant.equals("psa-member")) {
            session = signingIn.member(key, origin, member(body.member()), cookie(request));
        } else if (grant.equals("code")) {
            session = signingIn.code(key, origin, text(body.code()), text(body.state()));
        } else if (grant.equals("refresh")) {
            try {
                session = signingIn.refresh(key, origin, cookie(request));
            } catch (WidgetSignInRefused refused) {
                if (refused.reason() == Reason.NOT_CONFIRMED) {
                    clearCookie(response);
                }
                throw refused;
            }
        } else {
            throw new WidgetSignInRefused(Reason.BAD_REQUEST, "Unknown grant.");
        }
        WidgetTokens.Issued issued = session.tokens();
        response.addHeader("Set-Cookie", COOKIE + "=" + issued.refreshToken() + "; Path=/; Max-Age="
                + Duration.between(issued.issuedAt(), issued.refreshExpiresAt()).toSeconds()
                + "; Secure; HttpOnly; SameSite=None; Partitioned");
        response.setHeader("Cache-Control", "no-store");
        return new TokenAnswer(issued.accessToken(),
                Duration.between(issued.issuedAt(), issued.accessExpiresAt()).toSeconds(), issued.signIn(),
                session.user().displayName());
    }

    /** Ends the sign-in behind the cookie, everywhere it was refreshed, and drops the cookie. */
    @PostMapping("/sign-out")
    ResponseEntity<Void> signOut(@RequestBody SignOutRequest body, HttpServletRequest request,
                                 HttpServletResponse response) {
        requireOwnPage(request);
        signingIn.signOut(text(body.key()), cookie(request));
        clearCookie(response);
        return ResponseEntity.noContent().build();
    }

    private void requireOwnPage(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (request.getHeader(SAME_ORIGIN_HEADER) == null || (origin != null && !origin.equals(hosts.ownOrigin()))) {
            throw new WidgetSignInRefused(Reason.ORIGIN_NOT_ALLOWED, "Only Horizon's widget pages sign in here.");
        }
    }

    private static String cookie(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return "";
        }
        for (Cookie cookie : request.getCookies()) {
            if (cookie.getName().equals(COOKIE)) {
                return cookie.getValue();
            }
        }
        return "";
    }

    private static void clearCookie(HttpServletResponse response) {
        response.addHeader("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=None; Partitioned");
    }

    /** The PSA's hand-over as text fields, each bounded; anything else is dropped. */
    private static Map<String, String> member(Map<String, Object> handedOver) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (handedOver == null) {
            return fields;
        }
        handedOver.forEach((name, value) -> {
            if (name.length() <= 50 && value != null && !(value instanceof Map) && !(value instanceof Iterable)) {
                String text = String.valueOf(value);
                if (text.length() > MAX_FIELD) {
                    throw new WidgetSignInRefused(Reason.BAD_REQUEST, "The member hand-over is too long.");
                }
                fields.put(name, text);
            }
        });
        return fields;
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
