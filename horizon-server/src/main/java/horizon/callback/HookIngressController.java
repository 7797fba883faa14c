package horizon.callback;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /hooks/{psa}/{accountKey}}: where PSAs call. The body is read as raw bytes, never more than the limit
 * and one byte, before anything else; the door does the rest.
 */
@RestController
class HookIngressController {

    private final CallbackDoor door;
    private final CallbackProperties properties;

    HookIngressController(CallbackDoor door, CallbackProperties properties) {
        this.door = door;
        this.properties = properties;
    }

    @PostMapping("/hooks/{psa}/{accountKey}")
    ResponseEntity<String> receive(@PathVariable String psa, @PathVariable String accountKey,
                                   HttpServletRequest request) throws IOException {
        int limit = properties.maxBodyBytes();
        byte[] body;
        boolean truncated;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(limit + 1);
            truncated = body.length > limit;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        Map<String, String> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> query.put(name, values.length == 0 ? "" : values[0]));
        CallbackDoor.Answer answer = door.receive(psa, accountKey, body, truncated, headers, query);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status())
                .contentType(MediaType.TEXT_PLAIN);
        if (answer.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(answer.retryAfter().toSeconds()));
        }
        return response.body(answer.message());
    }
}
