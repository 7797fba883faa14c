package horizon.widget;

import java.util.List;
import org.springframework.context.ApplicationContext;

/**
 * The bench's way to the widget feature's package-private parts: the PSA web origins an account's widgets are framed
 * by, and a popup sign-in started as the popup's code exchange starts one (the popup itself, a first-party page with
 * Horizon's login, is the browser test's to prove; the widget bench measures what follows it). It lives in the
 * feature's package inside horizon-bench (one classpath, no modules).
 */
public final class BenchWidgetSignIns {

    private BenchWidgetSignIns() {
    }

    /** The PSA's web origins that may frame the account's widgets. */
    public static List<String> psaOrigins(ApplicationContext horizon, long accountId) {
        return horizon.getBean(WidgetHosts.class).of(accountId).map(WidgetHost::psaOrigins).orElse(List.of());
    }

    /** A popup sign-in of the user framed by {@code psaOrigin}: its refresh token, as the widget's cookie holds it. */
    public static String popupRefreshToken(ApplicationContext horizon, long accountId, long userId, String psaOrigin) {
        return horizon.getBean(WidgetTokens.class).start(accountId, userId, psaOrigin, WidgetSignIn.POPUP)
                .refreshToken();
    }

    /** The name of the widgets' refresh cookie. */
    public static String cookieName() {
        return WidgetTokenController.COOKIE;
    }
}
