package horizon.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import horizon.simulator.autotask.ApiClient;
import horizon.simulator.autotask.AutotaskSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    @Test
    void printsZonesAndCredentialsThatWork() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AutotaskSimulator sim = SimulatorMain.start(new String[]{"autotask", "--port", "0", "--seed", "42", "--tickets",
                "200", "--latency-ms", "0", "--budget", "500", "--activity-per-minute", "0"}, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("zone webservices2", "zone webservices14 (database)", "control API", "curl -s");
            String user = group(text, "username:\\s+(\\S+)");
            String secret = group(text, "secret:\\s+(\\S+)");
            String code = group(text, "integration code:\\s+(\\S+)");
            String apiUrl = group(text, "zone webservices14 \\(database\\): (\\S+)");
            ApiClient api = new ApiClient(apiUrl).header("UserName", user).header("Secret", secret).header("ApiIntegrationCode", code);
            var r = api.query("Tickets", Map.of("filter", List.of(Map.of("op", "exist", "field", "id"))));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("items").size()).isEqualTo(200);
            assertThat(api.get("V1.0/ThresholdInformation").json().get("externalRequestThreshold").asInt()).isEqualTo(500);
        }
    }

    @Test
    void rejectsUnknownOptions() {
        assertThatThrownBy(() -> SimulatorMain.start(new String[]{"autotask", "--bogus", "1"}, System.out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorMain.start(new String[]{"halopsa"}, System.out))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }
}
