package horizon.helpdesk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every PSA call's one way onto the wire: an overall deadline for the whole answer, body included, and a cap on its
 * size. On Java 17 {@link HttpRequest#timeout} stops counting once headers arrive and {@code BodyHandlers.ofString}
 * reads without limit, so a PSA that stalls mid-body would hold a thread (and its rate-gate slot) forever; here the
 * call fails with {@link HttpTimeoutException} at the deadline and the exchange is cancelled.
 */
public final class BoundedExchange {

    /** The answer grew past the cap; Horizon stopped reading it. */
    public static final class ResponseTooLarge extends IOException {
        private final long limit;

        ResponseTooLarge(long limit) {
            super("the answer is larger than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private BoundedExchange() {
    }

    /**
     * Sends the request and returns the whole answer as UTF-8 text within {@code deadline}, or throws: an
     * {@link HttpTimeoutException} at the deadline, {@link ResponseTooLarge} past {@code maxBytes}, or the transport's
     * own IOException. The exchange is cancelled on every failure, so nothing keeps reading behind the caller's back.
     */
    public static HttpResponse<String> send(HttpClient client, HttpRequest request, Duration deadline, long maxBytes)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(request, info -> new CappedBody(maxBytes));
        try {
            return answer.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            answer.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + deadline.toMillis() + " ms");
        } catch (InterruptedException interrupted) {
            answer.cancel(true);
            throw interrupted;
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    /** Collects the body as UTF-8 text, cancelling the subscription once it passes the cap. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<String> {
        private final long maxBytes;
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        private CappedBody(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription newSubscription) {
            this.subscription = newSubscription;
            newSubscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + (long) buffer.remaining() > maxBytes) {
                    subscription.cancel();
                    result.completeExceptionally(new ResponseTooLarge(maxBytes));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
