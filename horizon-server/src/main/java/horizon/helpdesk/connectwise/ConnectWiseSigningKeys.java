package horizon.helpdesk.connectwise;

import horizon.helpdesk.BoundedExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The keys ConnectWise signs callbacks with, fetched from the key URL a payload names once the caller has checked it
 * is on the account's own site: no credentials (the key URL needs none, and it is not an API call, so it does not
 * take a rate-gate slot), no redirects, 3 s for the whole answer, 64 KiB at most. The last 1,000 keys are kept by
 * URL, the least recently used dropped first, so a burst of callbacks costs one fetch.
 */
@Component
class ConnectWiseSigningKeys {

    static final Duration DEADLINE = Duration.ofSeconds(3);
    static final long MAX_BYTES = 64 * 1024;
    static final int KEPT = 1_000;

    /** A key that could not be fetched; the message says why, for the Callback Log. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final ConnectWiseHttp http;
    private final Duration deadline;
    private final Map<String, CompletableFuture<String>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, String> keys = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > KEPT;
        }
    };

    @Autowired
    ConnectWiseSigningKeys(ConnectWiseHttp http) {
        this(http, DEADLINE);
    }

    /** With another deadline, for tests of a stalled key URL. */
    ConnectWiseSigningKeys(ConnectWiseHttp http, Duration deadline) {
        this.http = http;
        this.deadline = deadline;
    }

    /** The key last fetched from this URL, if it is still kept. */
    Optional<String> cached(URI keyUrl) {
        synchronized (keys) {
            return Optional.ofNullable(keys.get(keyUrl.toString()));
        }
    }

    /**
     * Fetches the key afresh and keeps it, replacing what was kept for the URL. Calls that ask while a fetch of the
     * same URL is under way wait for its answer instead of fetching again, so a burst of calls signed with a new key
     * costs one fetch.
     *
     * @throws Unavailable when the URL does not answer 200 with {@code {"signing_key": "…"}} in time and size
     */
    String fetch(URI keyUrl) throws Unavailable {
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = inFlight.putIfAbsent(keyUrl.toString(), mine);
        if (running != null) {
            try {
                return running.get(deadline.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException failed) {
                throw failed.getCause() instanceof Unavailable unavailable ? unavailable
                        : new Unavailable("Fetching the signing key failed: " + failed.getCause());
            } catch (TimeoutException late) {
                throw new Unavailable("The signing key URL did not answer within " + deadline.toMillis() + " ms");
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new Unavailable("Fetching the signing key was interrupted");
            }
        }
        try {
            String key = fetchNow(keyUrl);
            mine.complete(key);
            return key;
        } catch (Unavailable | RuntimeException failed) {
            mine.completeExceptionally(failed);
            throw failed;
        } finally {
            inFlight.remove(keyUrl.toString(), mine);
        }
    }

    private String fetchNow(URI keyUrl) throws Unavailable {
        HttpResponse<String> response;
        try {
            response = http.fetchUnauthenticated(keyUrl, deadline, MAX_BYTES);
        } catch (BoundedExchange.ResponseTooLarge tooLarge) {
            throw new Unavailable("The signing key URL answered with more than " + MAX_BYTES / 1024 + " KiB");
        } catch (HttpTimeoutException late) {
            throw new Unavailable("The signing key URL did not answer within " + deadline.toMillis() + " ms");
        } catch (IOException | IllegalArgumentException failed) {
            throw new Unavailable("The signing key URL could not be reached (" + failed.getClass().getSimpleName()
                    + (failed.getMessage() == null ? "" : ": " + failed.getMessage()) + ")");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Unavailable("Fetching the signing key was interrupted");
        }
        if (response.statusCode() != 200) {
            // a 3xx is not followed: it could lead anywhere
            throw new Unavailable("The signing key URL answered HTTP " + response.statusCode());
        }
        String key;
        try {
            JsonNode answer = http.json().readTree(response.body());
            key = answer.path("signing_key").isString() ? answer.path("signing_key").stringValue() : "";
        } catch (JacksonException notJson) {
            key = "";
        }
        if (key.isEmpty()) {
            throw new Unavailable("The signing key URL answered without a signing_key");
        }
        synchronized (keys) {
            keys.put(keyUrl.toString(), key);
        }
        return key;
    }
}
