package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import horizon.helpdesk.HelpdeskException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which zone API URLs Horizon sends credentials to, on fixed vectors. */
class AllowedZoneHostsTest {

    private static final AllowedZoneHosts DEFAULTS = AllowedZoneHosts.of(AllowedZoneHosts.DEFAULT);

    @Test
    void byDefaultHttpsHostsUnderAutotaskNetAreAllowed() {
        assertThat(DEFAULTS.refusal("https://webservices15.autotask.net/ATServicesRest/")).isEmpty();
        assertThat(DEFAULTS.refusal("https://webservices2.autotask.net/atservicesrest/")).isEmpty();
        assertThat(DEFAULTS.refusal("https://WebServices14.AutoTask.net/ATServicesRest/")).isEmpty();
        assertThat(DEFAULTS.refusal("https://webservices15.autotask.net:443/ATServicesRest/")).isEmpty();
    }

    @Test
    void byDefaultEverythingElseIsRefusedAndTheReasonSaysWhy() {
        assertThat(DEFAULTS.refusal("http://webservices15.autotask.net")).hasValue("it is plain http, not https");
        assertThat(DEFAULTS.refusal("http://webservices15.autotask.net/ATServicesRest/"))
                .hasValue("it is plain http, not https");
        assertThat(DEFAULTS.refusal("https://evil.example")).hasValue("its host evil.example is not one of the "
                + "allowed zone hosts");
        assertThat(DEFAULTS.refusal("https://autotask.net.evil.example/ATServicesRest/"))
                .hasValue("its host autotask.net.evil.example is not one of the allowed zone hosts");
        assertThat(DEFAULTS.refusal("https://evilautotask.net/")).hasValueSatisfying(reason ->
                assertThat(reason).contains("evilautotask.net is not one"));
        assertThat(DEFAULTS.refusal("https://autotask.net/")).as("the domain itself is no zone host").isPresent();
        assertThat(DEFAULTS.refusal("https://webservices15.autotask.net@evil.example/"))
                .hasValue("it names no plain host");
        assertThat(DEFAULTS.refusal("https://x@webservices15.autotask.net/")).hasValue("it names no plain host");
        assertThat(DEFAULTS.refusal("ftp://webservices15.autotask.net/")).hasValue("it is not an https URL");
        assertThat(DEFAULTS.refusal("not a url")).hasValue("it is not a valid URL");
        assertThat(DEFAULTS.refusal("http://localhost:41234/ATServicesRest/")).isPresent();
        assertThat(DEFAULTS.refusal("http://127.0.0.1:41234/ATServicesRest/")).isPresent();
    }

    @Test
    void loopbackIsAllowedOnlyWhereConfiguredAndPlainHttpOnlyWhenWrittenSo() {
        AllowedZoneHosts simulator = AllowedZoneHosts.of(List.of("*.autotask.net", "http://127.0.0.1",
                "http://localhost"));
        assertThat(simulator.refusal("http://127.0.0.1:41234/ATServicesRest/")).isEmpty();
        assertThat(simulator.refusal("http://localhost:41234/ATServicesRest/")).isEmpty();
        assertThat(simulator.refusal("https://webservices15.autotask.net/ATServicesRest/")).isEmpty();
        assertThat(simulator.refusal("http://webservices15.autotask.net/ATServicesRest/"))
                .hasValue("it is plain http, not https");
        assertThat(simulator.refusal("http://127.0.0.2:41234/")).isPresent();

        AllowedZoneHosts httpsLoopback = AllowedZoneHosts.of(List.of("localhost"));
        assertThat(httpsLoopback.refusal("https://localhost:8443/ATServicesRest/")).isEmpty();
        assertThat(httpsLoopback.refusal("http://localhost:8080/ATServicesRest/"))
                .hasValue("it is plain http, not https");
    }

    @Test
    void aRefusedZoneIsAPermanentValidationFailureNamingTheUrlAndTheSetting() {
        HelpdeskException refused = DEFAULTS.refused("http://webservices15.autotask.net/ATServicesRest/",
                "it is plain http, not https");
        assertThat(refused.kind()).isEqualTo(HelpdeskException.Kind.VALIDATION);
        assertThat(refused.retriable()).isFalse();
        assertThat(refused.title()).isEqualTo("Zone refused");
        assertThat(refused.getMessage()).isEqualTo("Autotask's zone discovery answered the API URL "
                + "http://webservices15.autotask.net/ATServicesRest/, and Horizon does not send the API user's "
                + "credentials there: it is plain http, not https. Check horizon.autotask.discovery-url; if this is a "
                + "genuine Autotask zone, add its host to horizon.autotask.allowed-zone-hosts (now *.autotask.net).");
    }

    @Test
    void aMalformedEntryStopsTheStartNamingTheSetting() {
        for (List<String> wrong : List.of(List.of("https://webservices15.autotask.net/ATServicesRest/"),
                List.of("127.0.0.1:8080"), List.of("*autotask.net"), List.of("ftp://autotask.net"), List.of(" "))) {
            assertThatThrownBy(() -> AllowedZoneHosts.of(wrong)).as(wrong.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("horizon.autotask.allowed-zone-hosts");
        }
    }

    @Test
    void thePropertiesDefaultToAutotaskNetAndRefuseAMalformedEntry() {
        AutotaskProperties defaults = new AutotaskProperties(null, null, null, null);
        assertThat(defaults.allowedZoneHosts()).containsExactly("*.autotask.net");
        assertThatThrownBy(() -> defaults.withAllowedZoneHosts(List.of("http://127.0.0.1/path")))
                .hasMessageContaining("horizon.autotask.allowed-zone-hosts");
    }
}
