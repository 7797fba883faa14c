package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskWidgets;
import horizon.helpdesk.HelpdeskZone;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Autotask's widget parts: the zone's web origin, the ticket link, no member hand-over. */
class AutotaskWidgetsTest {

    private final AutotaskWidgets widgets = new AutotaskWidgets();
    private final HelpdeskZone zone = new HelpdeskZone("America East 2",
            "https://webservices14.autotask.net/ATServicesRest/", "https://ww14.autotask.net/");

    @Test
    void widgetsAreFramedByTheZonesWebHostAndLinkToItsTicketPage() {
        assertThat(widgets.signIn()).isEqualTo(HelpdeskWidgets.SignIn.POPUP);
        assertThat(widgets.webOrigins(zone)).containsExactly("https://ww14.autotask.net");
        assertThat(widgets.ticketLink(zone, 7)).hasToString("https://ww14.autotask.net/Autotask/AutotaskExtend/"
                + "ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=7");
        assertThatThrownBy(() -> widgets.confirmMember(HelpdeskCredentials.of(Map.of()), Map.of()))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
