package horizon.simulator.core.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** The escaping, substitution and URL checks the simulators' web pages share. */
class HtmlTest {

    @Test
    void escapesWhatCouldOpenAnElementOrCloseAnAttribute() {
        assertThat(Html.escape("<a href=\"x\" title='y'>Tom & Jerry</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("Zoë Müller")).isEqualTo("Zoë Müller");
    }

    @Test
    void jsonInAScriptElementCannotCloseIt() {
        String hostile = "</script><script>alert(1)</script> & \u2028";
        String json = Html.scriptJson(JsonNodeFactory.instance.objectNode().put("v", hostile));
        assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\u2028");
        JsonNode back = JsonMapper.builder().build().readTree(json);
        assertThat(back.get("v").asString()).isEqualTo(hostile);
    }

    @Test
    void substitutesKnownVariablesIgnoringCaseAndEncodesTheirValues() {
        assertThat(Html.substitute("https://x.example/t/[cw_id]?s=[CW_SCREEN]&keep=[other]",
                Map.of("cw_id", "12", "cw_screen", "Service Ticket&x")))
                .isEqualTo("https://x.example/t/12?s=Service+Ticket%26x&keep=[other]");
        assertThat(Html.substitute("https://x.example/[cw_id]", Map.of("cw_id", ""))).isEqualTo("https://x.example/");
    }

    @Test
    void acceptsOnlyAbsoluteWebUrls() {
        assertThat(Html.requireWebUrl("url", " https://h.example/p?t=[TicketID] ")).isEqualTo("https://h.example/p?t=[TicketID]");
        for (String bad : new String[] {"javascript:alert(1)", "/relative", "ftp://h.example/", "https://h.example/\"x", "", null}) {
            assertThatThrownBy(() -> Html.requireWebUrl("url", bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("url");
        }
    }

    @Test
    void originsAreSerializedAsBrowsersDo() {
        assertThat(Html.requireOrigin("origin", "HTTPS://Horizon.Example:443/")).isEqualTo("https://horizon.example");
        assertThat(Html.requireOrigin("origin", "http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
        assertThat(Html.requireOrigin("origin", "http://localhost:80")).isEqualTo("http://localhost");
        for (String bad : new String[] {"*", "null", "https://h.example/widgets", "https://h.example?x=1",
                "https://user@h.example", "file:///tmp", "h.example"}) {
            assertThatThrownBy(() -> Html.requireOrigin("origin", bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
