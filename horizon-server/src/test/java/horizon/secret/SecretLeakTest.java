package horizon.secret;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.onboarding.SimulatorBackedTest;
import horizon.simulator.autotask.ApiUser;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.Routes;
import horizon.testsupport.WebSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Secrets typed into Horizon (passwords, API tokens, PSA credentials through the onboarding wizard) never appear in
 * clear in the log, in any page or API answer afterwards, or in any text or binary column of any table.
 *
 * <p>Forms are driven over HTTP like a browser would. The onboarding wizard is included whenever the application serves
 * /admin/onboarding, with the simulator's API user.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretLeakTest extends SimulatorBackedTest {

    @Test
    void secretsEnteredAnywhereNeverAppearInClear(CapturedOutput output) {
        TestAccount acme = fixtures().account("Leak");
        String unique = UUID.randomUUID().toString();
        Map<String, String> secrets = new LinkedHashMap<>();
        List<String> answers = new ArrayList<>();
        WebSession admin = web();
        admin.login(acme.admin().email(), acme.admin().password());

        // A new user's password, typed by the admin and then by the user signing in.
        String password = "canary-password-" + unique;
        secrets.put("new user's password", password);
        String email = "new-" + unique.substring(0, 8) + "@leak.test";
        admin.open("/admin/users");
        answers.add(admin.follow(admin.post("/admin/users", Map.of("email", email, "displayName", "New Agent",
                "password", password, "role", "AGENT"))).body());
        WebSession agent = web();
        assertThat(agent.login(email, password).redirectsTo("/login")).isFalse();
        answers.add(agent.open("/").body());

        // A password refused by validation, and a wrong password at sign-in.
        String refused = "canary-refused-" + unique;
        secrets.put("refused password", refused);
        answers.add(admin.post("/admin/users", Map.of("email", "not-an-email", "displayName", "X",
                "password", refused, "role", "AGENT")).body());
        String wrong = "canary-wrong-" + unique;
        secrets.put("wrong sign-in password", wrong);
        WebSession.Page failed = web().login(email, wrong);
        assertThat(failed.location()).endsWith("/login?error");

        // A personal API token: shown once on creation (by design), then never again.
        WebSession.Page created = admin.post("/admin/api-tokens", Map.of("name", "leak check"));
        String token = created.html().select("#issued-token code.token").text();
        assertThat(token).startsWith("hzn_");
        assertThat(created.html().select("main").text().split(java.util.regex.Pattern.quote(token), -1)).hasSize(2);
        secrets.put("API token", token);
        answers.add(apiGet("/api/v1/me", token).body());

        // PSA credentials through the onboarding wizard's Test Connection and Next.
        boolean onboarding = Routes.serves(context, "/admin/onboarding");
        if (onboarding) {
            ApiUser autotask = apiUser();
            secrets.put("Autotask API secret", autotask.secret());
            secrets.put("Autotask integration code", autotask.integrationCode());
            Map<String, String> form = Map.of("kind", "AUTOTASK", "userName", autotask.userName(),
                    "secret", autotask.secret(), "integrationCode", autotask.integrationCode());
            answers.add(admin.open("/admin/onboarding").body());
            WebSession.Page tested = admin.post("/admin/onboarding/test", form);
            assertThat(tested.html().select("#test-result-panel").attr("data-outcome")).isEqualTo("OK");
            answers.add(tested.body());
            WebSession.Page next = admin.post("/admin/onboarding/connect", form);
            assertThat(next.status()).isEqualTo(302);
            answers.add(admin.follow(next).body());

            // ConnectWise keys through the wizard's Test Connection, and through the REST API that replaces them.
            Map<String, String> connectWise = new LinkedHashMap<>(connectWise().credentials().values());
            secrets.put("ConnectWise private key", connectWise.get("privateKey"));
            connectWise.put("kind", "CONNECTWISE_MANAGE");
            WebSession.Page cwTested = admin.post("/admin/onboarding/test", connectWise);
            assertThat(cwTested.html().select("#test-result-panel").attr("data-outcome")).isEqualTo("OK");
            answers.add(cwTested.body());
            connectWise.remove("kind");
            String body = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(
                    Map.of("kind", "CONNECTWISE_MANAGE", "credentials", connectWise));
            // Another PSA's database: asked first (409), saved once confirmed.
            var asked = api("PUT", "/api/v1/helpdesk/connection", acme.admin().token(), body);
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(409);
            answers.add(asked.body());
            String confirm = tools.jackson.databind.json.JsonMapper.builder().build().readTree(asked.body())
                    .path("confirm").asString();
            var put = api("PUT", "/api/v1/helpdesk/connection", acme.admin().token(),
                    tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(Map.of("kind",
                            "CONNECTWISE_MANAGE", "credentials", connectWise, "confirmDatabase", confirm)));
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            answers.add(put.body());
            connectWise.put("privateKey", "canary-wrong-key-" + unique);
            secrets.put("wrong ConnectWise private key", connectWise.get("privateKey"));
            answers.add(api("POST", "/api/v1/helpdesk/connection/test", acme.admin().token(),
                    tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(
                            Map.of("kind", "CONNECTWISE_MANAGE", "credentials", connectWise))).body());
        }

        // Every page and API route as it looks afterwards.
        for (String path : Routes.accountGetPaths(context)) {
            answers.add(path.startsWith("/api/") ? apiGet(path, acme.admin().token()).body()
                    : admin.open(path).body());
        }

        String log = output.getAll();
        List<String> cells = everyTextAndBinaryCell();
        secrets.forEach((what, secret) -> {
            assertThat(log).as("log contains the %s", what).doesNotContain(secret);
            for (String answer : answers) {
                assertThat(answer).as("a page or API answer contains the %s", what).doesNotContain(secret);
            }
            assertThat(cells).as("a database column contains the %s", what)
                    .noneMatch(cell -> cell.contains(secret));
        });
        if (onboarding) {
            String envelopePrefix = "v1:" + context.getBean(SecretBox.class).keyId() + ":";
            assertThat(cells).as("the credentials are stored, sealed").anyMatch(c -> c.startsWith(envelopePrefix));
        }
    }

    /** The content of every character and binary column of every table in the public schema. */
    private List<String> everyTextAndBinaryCell() {
        List<Map<String, Object>> columns = jdbc.sql("""
                select table_name, column_name, data_type from information_schema.columns
                where table_schema = 'public'
                """).query().listOfRows();
        List<String> cells = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String type = String.valueOf(column.get("data_type")).toLowerCase(Locale.ROOT);
            boolean text = type.contains("char") || type.contains("text") || type.contains("clob")
                    || type.contains("json");
            boolean binary = type.contains("bytea") || type.contains("binary") || type.contains("blob");
            if (!text && !binary) {
                continue;
            }
            String sql = "select \"" + column.get("column_name") + "\" from \"" + column.get("table_name") + "\"";
            for (Object value : jdbc.sql(sql).query((rs, row) -> rs.getObject(1)).list()) {
                if (value instanceof byte[] bytes) {
                    cells.add(new String(bytes, StandardCharsets.ISO_8859_1));
                    cells.add(new String(bytes, StandardCharsets.UTF_8));
                } else if (value != null) {
                    cells.add(value.toString());
                }
            }
        }
        assertThat(cells).as("scanned cells").isNotEmpty();
        return cells;
    }
}
