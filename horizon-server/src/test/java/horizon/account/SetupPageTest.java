package horizon.account;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.testsupport.HorizonTest;
import horizon.testsupport.WebSession;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import horizon.testsupport.ShiftedClock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A fresh installation (no users) offers /setup with the one-time token from the log, exactly once. */
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
@Import(ShiftedClock.InPlace.class)
class SetupPageTest extends HorizonTest {

    private static final Pattern LINK = Pattern.compile("/setup\\?token=([A-Za-z0-9_-]+)");

    @DynamicPropertySource
    static void emptyStore(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> HorizonTest.H2_URL.replace("mem:horizon", "mem:fresh-install"));
    }

    @Autowired
    ShiftedClock clock;

    @Test
    void theLoggedOneTimeLinkCreatesTheFirstAdminOnceWithinItsHour(CapturedOutput output) {
        Matcher link = LINK.matcher(output.getOut());
        assertThat(link.find()).as("setup link in the log").isTrue();
        String token = link.group(1);
        assertThat(output.getOut()).contains("Horizon has no users yet", "restart Horizon for a new one");

        // Found in an old log after its hour, the link opens nothing.
        clock.shift(Duration.ofMinutes(61));
        try {
            assertThat(web().get("/setup?token=" + token).redirectsTo("/login")).isTrue();
            assertThat(output.getOut()).contains("The setup link expired");
        } finally {
            clock.reset();
        }

        WebSession web = web();
        assertThat(web.get("/setup").redirectsTo("/login")).isTrue();
        assertThat(web.get("/setup?token=wrong").redirectsTo("/login")).isTrue();
        WebSession.Page form = web.get("/setup?token=" + token);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.html().select("input[name=token]").val()).isEqualTo(token);

        WebSession.Page tooShort = web.post("/setup", Map.of("token", token, "accountName", "First MSP",
                "displayName", "Pat Admin", "email", "pat@first.test", "password", "short"));
        assertThat(tooShort.status()).isEqualTo(200);
        assertThat(tooShort.html().select("#setup-error").text()).contains("at least 12 characters");
        assertThat(tooShort.html().select("#accountName").val()).isEqualTo("First MSP");
        assertThat(tooShort.body()).doesNotContain("value=\"short\"");
        assertThat(context.getBean(Accounts.class).anyUserExists()).isFalse();

        WebSession.Page done = web.post("/setup", Map.of("token", token, "accountName", "First MSP",
                "displayName", "Pat Admin", "email", "Pat@First.test", "password", "a-long-enough-password"));
        assertThat(done.location()).endsWith("/login?setupDone");

        WebSession admin = web();
        WebSession.Page signedIn = admin.login("pat@first.test", "a-long-enough-password");
        assertThat(signedIn.location()).as(signedIn.toString()).doesNotContain("/login");
        assertThat(admin.open("/").html().select("#account-name").text()).isEqualTo("First MSP");

        // The token is spent: the page is gone and a replay creates nothing.
        WebSession other = web();
        assertThat(other.get("/setup?token=" + token).redirectsTo("/login")).isTrue();
        other.get("/login"); // a CSRF token, so the replay is refused for the spent token and not for CSRF
        WebSession.Page replay = other.post("/setup", Map.of("token", token, "accountName", "Intruder",
                "displayName", "Eve", "email", "eve@evil.test", "password", "another-long-password"));
        assertThat(replay.redirectsTo("/login")).isTrue();
        assertThat(jdbc.sql("select count(*) from accounts").query(Long.class).single()).isEqualTo(1);
        assertThat(output.getOut()).doesNotContain("a-long-enough-password");
    }
}
