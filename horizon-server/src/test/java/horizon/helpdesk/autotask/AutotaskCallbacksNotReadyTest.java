package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HookTarget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A database whose webhook field list offers none of the fields Horizon subscribes to: the webhook stays not ready, and
 * register says so instead of returning a webhook that would never call. No PSA offers that, so the API is a stub.
 */
class AutotaskCallbacksNotReadyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Answers like Autotask with a fieldID picklist that names only a field Horizon does not want. */
    static final class StubApi extends AutotaskApi {
        final List<String> posts = new ArrayList<>();

        StubApi() {
            super(null, null, null);
        }

        @Override
        JsonNode get(HelpdeskCredentials credentials, String path) {
            if (path.endsWith("WebhookFields/entityInformation/fields")) {
                return JSON.readTree("{\"fields\":[{\"name\":\"fieldID\",\"isPickList\":true,\"picklistValues\":"
                        + "[{\"value\":\"99\",\"label\":\"somethingElse\",\"isActive\":true}]}]}");
            }
            if (path.endsWith("/Fields") || path.endsWith("/ExcludedResources")) {
                return JSON.readTree("{\"items\":[]}");
            }
            return JSON.readTree("{\"item\":{\"id\":5,\"isActive\":true,\"isReady\":false,"
                    + "\"webhookGUID\":\"g\",\"webhookUrl\":\"https://h/hooks/autotask/a\"}}");
        }

        @Override
        JsonNode post(HelpdeskCredentials credentials, String path, JsonNode body) {
            posts.add(path);
            if (path.equals("Resources/query")) {
                return JSON.readTree("{\"items\":[{\"id\":29682898}]}");
            }
            if (path.endsWith("/query")) {
                return JSON.readTree("{\"items\":[]}");
            }
            return JSON.readTree("{\"itemId\":5}");
        }

        @Override
        JsonNode emptyObject() {
            return JSON.createObjectNode();
        }
    }

    @Test
    void aWebhookWithoutAnyFieldIsNotReadyAndRegisterSaysSo() {
        StubApi api = new StubApi();
        AutotaskCallbacks callbacks = new AutotaskCallbacks(api);

        assertThatThrownBy(() -> callbacks.register(AutotaskCredentials.of("u", "s", "c"),
                new HookTarget("https://h/hooks/autotask/a", "https://h/hooks/autotask/a", "Horizon"), List.of()))
                .isInstanceOfSatisfying(HelpdeskException.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(HelpdeskException.Kind.VALIDATION);
                    assertThat(failure.title()).isEqualTo("Webhook not ready");
                    assertThat(failure.getMessage()).contains("Tickets webhook (id 5)").contains("ready");
                });
        assertThat(api.posts).doesNotContain("TicketWebhooks/5/Fields");
    }
}
