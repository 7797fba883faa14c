package horizon.helpdesk.connectwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskZone;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ConnectWise widget parts that need no site: web origins, ticket links, and hand-overs refused before a call. */
class ConnectWiseWidgetsTest {

    private final ConnectWiseWidgets widgets = new ConnectWiseWidgets(null);

    @Test
    void aCloudSitesPagesAreServedFromItsWebNameAndAnOnPremiseOnesFromItsHost() {
        HelpdeskZone cloud = new HelpdeskZone("ConnectWise v2025_1 at api-na.myconnectwise.net",
                "https://api-na.myconnectwise.net/v2025_1/apis/3.0/", "https://api-na.myconnectwise.net/");
        assertThat(widgets.webOrigins(cloud)).containsExactly("https://na.myconnectwise.net");
        assertThat(widgets.ticketLink(cloud, 42)).hasToString("https://na.myconnectwise.net/v2025_1/services/"
                + "system_io/Service/fv_sr100_request.rails?service_recid=42");

        HelpdeskZone onPremise = new HelpdeskZone("ConnectWise v4_6_release at cw.example.com:8443",
                "https://cw.example.com:8443/v4_6_release/apis/3.0/", "https://CW.example.com:8443/");
        assertThat(widgets.webOrigins(onPremise)).containsExactly("https://cw.example.com:8443");
        HelpdeskZone defaultPort = new HelpdeskZone("x", "https://cw.example.com:443/v4_6_release/apis/3.0/",
                "https://cw.example.com:443/");
        assertThat(widgets.webOrigins(defaultPort)).containsExactly("https://cw.example.com");
    }

    @Test
    void aHandOverWithoutAUsableHashOrOfAnotherCompanyIsRefusedWithoutAskingConnectWise() {
        var credentials = ConnectWiseCredentials.of(ConnectWiseSite.ON_PREMISE, "cw.example.com", "acme", "pub",
                "priv");
        for (Map<String, String> handedOver : java.util.List.of(
                Map.of("memberid", "jsmith", "companyid", "acme"),
                Map.of("memberHash", "with space", "memberid", "jsmith", "companyid", "acme"),
                Map.of("memberHash", "abc", "companyid", "acme"),
                Map.of("memberHash", "abc", "memberid", "jsmith", "companyid", "globex"))) {
            // the api is null: a call would fail otherwise than with this refusal
            assertThatThrownBy(() -> widgets.confirmMember(credentials, handedOver))
                    .isInstanceOfSatisfying(HelpdeskException.class, e -> {
                        assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.AUTHENTICATION);
                        assertThat(e.title()).isEqualTo("Member not confirmed");
                    });
        }
    }
}
