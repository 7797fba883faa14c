package horizon.widget;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The framing policy of every {@code /widgets/**} response: {@code Content-Security-Policy} whose
 * {@code frame-ancestors} names Horizon itself ({@code 'self'}) and the account's PSA web origins, so a browser frames
 * a widget only inside the account's PSA or Horizon. The widget chains switch {@code X-Frame-Options} off (it cannot
 * name an origin) while the rest of Horizon keeps DENY. A widget key's pages get the account's origins before they run;
 * API answers start with {@code 'self'} and get the account's once the token or key says whose they are.
 */
@Component
class WidgetFraming {

    static final String HEADER = "Content-Security-Policy";
    /** Widget pages load only Horizon's own script, style and data. */
    private static final String PAGE = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors ";
    private static final String DATA = "default-src 'none'; frame-ancestors ";
    private static final Pattern KEY_PAGE = Pattern.compile("^/widgets/([^/]+)/(calendar|ticket|sign-in)$");

    private final WidgetKeys keys;
    private final WidgetHosts hosts;

    WidgetFraming(WidgetKeys keys, WidgetHosts hosts) {
        this.keys = keys;
        this.hosts = hosts;
    }

    /** The policy a request starts with: its account's for a widget key's page, {@code 'self'} only otherwise. */
    void onArrival(HttpServletRequest request, HttpServletResponse response) {
        Matcher page = KEY_PAGE.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (page.matches()) {
            String ancestors = keys.accountOf(page.group(1)).map(hosts::frameAncestors).orElse("'self'");
            response.setHeader(HEADER, PAGE + ancestors);
        } else {
            response.setHeader(HEADER, DATA + "'self'");
        }
    }

    /** Names the account's PSA origins on an answer once it is known whose it is. */
    void forAccount(HttpServletResponse response, long accountId) {
        response.setHeader(HEADER, DATA + hosts.frameAncestors(accountId));
    }
}
