package horizon.widget;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The widget API's refusals as JSON {@code {error, message}}, answered here rather than by the error page (which
 * belongs to the page chain and its framing policy).
 */
@RestControllerAdvice(assignableTypes = {WidgetTokenController.class, WidgetEventController.class,
        WidgetCalendarController.class, WidgetTicketController.class})
class WidgetApiErrors {

    @ExceptionHandler(WidgetSignInRefused.class)
    ResponseEntity<Map<String, String>> refused(WidgetSignInRefused refused) {
        return answer(refused.reason().status(), refused.reason().code(), refused.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException unreadable) {
        return answer(400, "bad-request", "The request is not the JSON this expects.");
    }

    static ResponseEntity<Map<String, String>> answer(int status, String error, String message) {
        return ResponseEntity.status(status).body(Map.of("error", error, "message", message));
    }
}
