package horizon.widget;

import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskWidgets;
import horizon.helpdesk.HelpdeskZone;
import java.util.List;

/**
 * The PSA an account's widgets are embedded in, as far as the widgets need it.
 *
 * @param accountId  the account
 * @param kind       its PSA
 * @param widgets    the PSA's adapter part for widgets
 * @param zone       where the PSA lives, from the account's stored connection
 * @param psaOrigins the PSA's web origins: the pages besides Horizon's own that may frame the widgets
 */
record WidgetHost(long accountId, HelpdeskKind kind, HelpdeskWidgets widgets, HelpdeskZone zone,
                  List<String> psaOrigins) {

    WidgetHost {
        psaOrigins = List.copyOf(psaOrigins);
    }

    boolean signsInMembers() {
        return widgets.signIn() == HelpdeskWidgets.SignIn.PSA_MEMBER;
    }
}
