package horizon.helpdesk.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.connectwise.ConnectWisePsa;
import horizon.onboarding.SimulatorBackedTest;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.WebSession;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Helpdesk Configuration when replaced credentials reach another ConnectWise company's site: the page asks, saves
 * nothing until the admin confirms, and then stores them.
 */
class DatabaseChangePageTest extends SimulatorBackedTest {

    private static ConnectWisePsa other;

    @Autowired
    HelpdeskConnections connections;

    @AfterAll
    static void stop() {
        if (other != null) {
            other.close();
        }
    }

    @Test
    void credentialsOfAnotherCompanyAreSavedOnlyAfterTheAdminConfirmsAFreshMirror() {
        other = ConnectWisePsa.another(4242);
        TestAccount acme = fixtures().account("Moving company");
        ConnectionTestOutcome tested = connections.test(HelpdeskKind.CONNECTWISE_MANAGE, connectWise().credentials());
        connections.connect(acme.id(), HelpdeskKind.CONNECTWISE_MANAGE, connectWise().credentials(), tested.result());
        WebSession admin = web();
        admin.login(acme.admin().email(), acme.admin().password());

        WebSession.Page asked = admin.post("/admin/helpdesk/configuration/credentials",
                other.credentials().values());

        Document page = asked.html();
        assertThat(page.select("#database-change-question").text()).startsWith("These credentials reach ConnectWise "
                + "company horizonsim at 127.0.0.1:").contains("Saving them starts a fresh mirror");
        assertThat(connections.credentials(acme.id())).contains(connectWise().credentials());
        assertThat(asked.body()).doesNotContain(other.credentials().value("privateKey"));

        String database = page.select("#database-change input[name=database]").attr("value");
        Document saved = admin.follow(admin.post("/admin/helpdesk/configuration/credentials/confirm",
                Map.of("database", database))).html();

        assertThat(saved.select("#message").text()).isEqualTo("New credentials tested and saved.");
        assertThat(connections.credentials(acme.id())).contains(other.credentials());
        // Nothing waits any more: confirming again saves nothing.
        Document again = admin.follow(admin.post("/admin/helpdesk/configuration/credentials/confirm",
                Map.of("database", database))).html();
        assertThat(again.select("#error").text()).startsWith("Nothing waits to be confirmed");
    }
}
