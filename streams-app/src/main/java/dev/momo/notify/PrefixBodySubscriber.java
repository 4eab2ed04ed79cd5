package dev.momo.notify;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Response body handler that reads the whole body but keeps only its first bytes, decoded as UTF-8
 * (malformed input replaced), so that a large error page from a receiver cannot fill the heap.
 * The body is still read to its end, so the connection can be reused.
 */
final class PrefixBodySubscriber implements HttpResponse.BodySubscriber<String> {

    private final int maxBytes;
    private final ByteArrayOutputStream prefix = new ByteArrayOutputStream();
    private final CompletableFuture<String> body = new CompletableFuture<>();

    PrefixBodySubscriber(final int maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public CompletionStage<String> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(final Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(final List<ByteBuffer> buffers) {
        for (final ByteBuffer buffer : buffers) {
            final int kept = Math.min(buffer.remaining(), maxBytes - prefix.size());
            if (kept > 0) {
                final byte[] bytes = new byte[kept];
                buffer.get(bytes);
                prefix.write(bytes, 0, kept);
            }
        }
    }

    @Override
    public void onError(final Throwable error) {
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        body.complete(prefix.toString(StandardCharsets.UTF_8));
    }
}
