package horizon.web;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.mirror.MirrorWriter;
import horizon.mirror.MirroredEntity;
import horizon.testsupport.Fixtures.TestAccount;
import horizon.testsupport.HorizonTest;
import horizon.ticket.MirrorSeed;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The pages' Content-Security-Policy: on every page, no page framed, scripts only Horizon's files, and no page carrying
 * what that policy would refuse (an inline script, an inline handler, an htmx expression htmx would evaluate). The
 * widgets keep their own policy, which lets their PSA frame them.
 */
class ContentSecurityPolicyTest extends HorizonTest {

    private static final long TICKET = 8411;
    private static final List<String> PAGES = List.of("/admin", "/tickets", "/tickets/" + TICKET, "/calendar",
            "/calendar?span=week&team=true&zone=Europe/Berlin", "/admin/users", "/admin/onboarding",
            "/admin/helpdesk/configuration", "/admin/helpdesk/user-mapping", "/admin/helpdesk/picklists",
            "/admin/helpdesk/widget-status", "/admin/helpdesk/callback-status", "/admin/helpdesk/sync-runs",
            "/admin/helpdesk/callback-log");

    @Test
    void everyPageForbidsFramingAndRunsOnlyHorizonsOwnScriptFiles() {
        TestAccount acme = fixtures().account("Policy");
        context.getBean(MirrorWriter.class).upsert(acme.id(), MirroredEntity.TICKETS,
                List.of(MirrorSeed.ticket(TICKET, "Printer offline", "1", 10L, null, MirrorSeed.T0)));
        ProxiedClient admin = new ProxiedClient(baseUrl(), Map.of());
        assertPagePolicy("/login", admin.get("/login"));
        admin.signIn(acme.admin().email(), acme.admin().password());

        for (String path : PAGES) {
            assertPagePolicy(path, admin.get(path));
        }
        ProxiedClient agent = new ProxiedClient(baseUrl(), Map.of());
        agent.signIn(acme.agent().email(), acme.agent().password());
        assertPagePolicy("/ (an agent's home)", agent.get("/"));
        assertThat(admin.get("/js/horizon.js").status()).isEqualTo(200);
    }

    @Test
    void widgetPagesKeepTheirOwnPolicyThatLetsTheirPsaFrameThem() {
        ProxiedClient anyone = new ProxiedClient(baseUrl(), Map.of());
        ProxiedClient.Answer widget = anyone.get("/widgets/no-such-key/calendar");
        Map<String, String> policy = directives(widget.header("Content-Security-Policy"));
        assertThat(policy.get("frame-ancestors")).isEqualTo("'self'");
        assertThat(policy.get("script-src")).isEqualTo("'self'");
        assertThat(widget.header("X-Frame-Options")).isNull();
    }

    @Test
    void swaggerUiHasThePagesPolicyWithItsDataImages() {
        ProxiedClient anyone = new ProxiedClient(baseUrl(), Map.of());
        ProxiedClient.Answer docs = anyone.get("/api/docs");
        assertThat(docs.status()).isEqualTo(302);
        ProxiedClient.Answer ui = anyone.get(docs.location().replace(baseUrl(), ""));
        assertThat(ui.status()).isEqualTo(200);
        Map<String, String> policy = directives(ui.header("Content-Security-Policy"));
        assertThat(policy).containsEntry("script-src", "'self'").containsEntry("img-src", "'self' data:")
                .containsEntry("frame-ancestors", "'none'");
        assertNothingThePolicyRefuses("/api/docs", Jsoup.parse(ui.body()));
    }

    private static void assertPagePolicy(String path, ProxiedClient.Answer page) {
        assertThat(page.status()).as(path).isEqualTo(200);
        Map<String, String> policy = directives(page.header("Content-Security-Policy"));
        assertThat(policy).as(path)
                .containsEntry("default-src", "'self'")
                .containsEntry("script-src", "'self'")
                .containsEntry("style-src", "'self' 'unsafe-inline'")
                .containsEntry("object-src", "'none'")
                .containsEntry("base-uri", "'self'")
                .containsEntry("form-action", "'self'")
                .containsEntry("frame-ancestors", "'none'");
        assertNothingThePolicyRefuses(path, Jsoup.parse(page.body()));
    }

    private static void assertNothingThePolicyRefuses(String path, Document html) {
        assertThat(html.select("script:not([src])")).as(path + ": inline scripts").isEmpty();
        for (Element element : html.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase();
                assertThat(name).as(path + ": handler attribute on <" + element.tagName() + ">")
                        .doesNotStartWith("on").doesNotStartWith("hx-on");
                if (name.equals("hx-trigger") || name.equals("hx-vals")) {
                    assertThat(attribute.getValue()).as(path + ": an expression htmx would evaluate")
                            .doesNotContain("[").doesNotContain("js:");
                }
                if (name.equals("src") || name.equals("href") && element.tagName().equals("link")) {
                    assertThat(attribute.getValue()).as(path + ": loaded from another origin").doesNotContain("//");
                }
            }
        }
    }

    /** {@code default-src 'self'; frame-ancestors 'none'} as directive → sources. */
    private static Map<String, String> directives(String policy) {
        assertThat(policy).isNotNull();
        Map<String, String> directives = new LinkedHashMap<>();
        Arrays.stream(policy.split(";")).map(String::strip).filter(d -> !d.isEmpty()).forEach(directive -> {
            int space = directive.indexOf(' ');
            directives.put(directive.substring(0, space), directive.substring(space + 1).strip());
        });
        return directives;
    }
}
