package benchnoop;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook bench's yardstick, {@code POST /hooks/noop/{key}}: reads the body as Horizon's door does (at most 1 MiB
 * and one byte) and the headers, and answers 200 "OK" as text, doing nothing else. Same server, same filters (the
 * {@code /hooks/**} chain is public), same bodies: the difference to {@code /hooks/{psa}/{accountKey}} is what the
 * door costs. A literal segment wins over {@code {psa}}, so the door never sees these calls.
 *
 * <p>Outside the {@code horizon} package on purpose: Horizon's component scan never finds it; the webhook benches add
 * it to their own Spring context as an extra source.
 */
@RestController
public class NoopHookController {

    private static final int LIMIT = 1024 * 1024;

    @PostMapping("/hooks/noop/{key}")
    ResponseEntity<String> receive(@PathVariable String key, HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(LIMIT + 1);
        }
        int headers = 0;
        for (var names = request.getHeaderNames(); names.hasMoreElements(); ) {
            headers += request.getHeader(names.nextElement()).length();
        }
        request.getParameterMap();
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).header("X-Noop-Read", body.length + "/" + headers)
                .body("OK");
    }
}
