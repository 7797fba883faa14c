package horizon.widget;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The widgets' beacon: {@code POST /widgets/api/events} with {@code {key, widget, event, signIn, ms, detail}}, sent
 * with or without a sign-in (a widget that cannot sign in must still say so). At most {@value #MAX_BYTES} bytes, and
 * {@link WidgetProperties#eventsPerMinute()} per account and node; the browser is named by its User-Agent header.
 */
@RestController
class WidgetEventController {

    static final int MAX_BYTES = 2048;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SigningIn signingIn;
    private final WidgetEvents events;
    private final WidgetFraming framing;

    WidgetEventController(SigningIn signingIn, WidgetEvents events, WidgetFraming framing) {
        this.signingIn = signingIn;
        this.events = events;
        this.framing = framing;
    }

    @PostMapping("/widgets/api/events")
    ResponseEntity<?> report(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            return WidgetApiErrors.answer(413, "too-large", "An event holds at most " + MAX_BYTES + " bytes.");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BYTES + 1);
        }
        if (body.length > MAX_BYTES) {
            return WidgetApiErrors.answer(413, "too-large", "An event holds at most " + MAX_BYTES + " bytes.");
        }
        JsonNode event;
        try {
            event = JSON.readTree(body);
        } catch (JacksonException notJson) {
            return WidgetApiErrors.answer(400, "bad-request", "An event is a JSON object.");
        }
        long accountId = signingIn.account(event.path("key").asString(""));
        framing.forAccount(response, accountId);
        JsonNode ms = event.path("ms");
        WidgetEvents.Report report = new WidgetEvents.Report(event.path("widget").asString(""),
                event.path("event").asString(""), event.path("signIn").asString(null),
                ms.isNumber() ? Long.valueOf(ms.asLong()) : null, event.path("detail").asString(null));
        WidgetEvents.Recorded recorded = events.record(accountId, report, request.getHeader("User-Agent"));
        if (recorded == WidgetEvents.Recorded.UNKNOWN) {
            return WidgetApiErrors.answer(400, "bad-request", "widget must be one of " + WidgetEvent.WIDGETS
                    + " and event one of " + WidgetEvent.EVENTS + ".");
        }
        if (recorded == WidgetEvents.Recorded.TOO_MANY) {
            return WidgetApiErrors.answer(429, "too-many", "Too many events for this account just now.");
        }
        return ResponseEntity.noContent().build();
    }
}
