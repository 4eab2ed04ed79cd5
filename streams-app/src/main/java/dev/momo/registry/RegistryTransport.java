package dev.momo.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one Confluent Schema Registry API request, with retries and fail-over across the base URLs.
 *
 * <p>One round tries each base URL once, starting with the last one that responded. A connection error,
 * a time-out, HTTP 429 or a 5xx status moves on to the next URL; any other response ends the request.
 * After a round in which every URL failed, the transport waits {@code retryBackoff * 2^(round - 1)}, at
 * most {@code maxRetryBackoff}, and starts another round, up to {@code maxRetries} more rounds. Every
 * request of this client is idempotent (a schema registers once under its id however often it is sent),
 * so retrying a request whose response was lost is safe. HTTP 429 is retried although it is a 4xx
 * status, because it means "too many requests, try later" (RFC 6585); Confluent Cloud sends it.
 *
 * <p>Uses the JDK 17 {@link HttpClient} with HTTP/1.1, no redirects, and the trust store of the settings.
 * Thread-safe.
 */
final class RegistryTransport {

    /** Media type of request and response bodies in the Confluent API, version 1. */
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** Accept header of Confluent's own client: the versioned type first, plain JSON as a fallback. */
    static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; q=0.9,"
            + " application/json; q=0.5";

    /** Characters of a response body that a message keeps. */
    static final int BODY_EXCERPT_CHARS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(RegistryTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Request: method, path (percent-encoded, starting with '/') and JSON body or null. */
    record Request(String method, String rawPath, String body) {

        /** Returns {@code METHOD /path}, for messages. */
        String describe() {
            return method + " " + rawPath;
        }
    }

    /** Result of one exchange with one URL: an HTTP response, or a failure without one. */
    private sealed interface Outcome permits Reply, Failure {
    }

    private record Reply(int status, String body, String location) implements Outcome {
    }

    private record Failure(String description, boolean retryable, Throwable cause) implements Outcome {
    }

    private final RegistrySettings settings;
    private final HttpClient client;
    /** Index of the endpoint that responded last, where the next request starts. */
    private final AtomicInteger preferred = new AtomicInteger();

    RegistryTransport(final RegistrySettings settings) {
        this.settings = settings;
        final HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        settings.trustStore().ifPresent(store -> builder.sslContext(TrustStores.sslContext(store)));
        this.client = builder.build();
    }

    /**
     * Sends the request and returns the parsed JSON body of its 2xx response.
     *
     * @throws RegistryException for an error response, a body that is not JSON, or no response after
     *     the last round. The message names the URL, request, status, error code and what to do.
     */
    JsonNode send(final Request request) {
        final List<RegistryEndpoint> endpoints = settings.endpoints();
        final int rounds = settings.maxRetries() + 1;
        int attempts = 0;
        RegistryEndpoint lastEndpoint = null;
        Outcome last = null;

        for (int round = 1; round <= rounds; round++) {
            if (round > 1) {
                waitBeforeRound(round, request);
            }
            final int first = preferred.get();
            for (int offset = 0; offset < endpoints.size(); offset++) {
                final int index = (first + offset) % endpoints.size();
                final RegistryEndpoint endpoint = endpoints.get(index);
                attempts++;
                final Outcome outcome = exchange(endpoint, request);
                if (outcome instanceof Reply reply && !isRetryable(reply.status())) {
                    preferred.set(index);
                    return RegistryResponses.handle(endpoint, request, reply.status(), reply.body(), reply.location(),
                            JSON);
                }
                if (outcome instanceof Failure failure && !failure.retryable()) {
                    throw RegistryResponses.transportFailure(endpoint, request, failure.description(), attempts,
                            failure.cause());
                }
                LOG.warn("Schema Registry request {} to {} failed on attempt {} (round {} of {}): {}",
                        request.describe(), endpoint.url(), attempts, round, rounds, describe(outcome));
                lastEndpoint = endpoint;
                last = outcome;
            }
        }

        if (last instanceof Reply reply) {
            throw RegistryResponses.exhausted(lastEndpoint, request, reply.status(), reply.body(), attempts,
                    urls(endpoints), JSON);
        }
        final Failure failure = (Failure) last;
        throw RegistryResponses.unreachable(lastEndpoint, request, failure.description(), attempts, urls(endpoints),
                failure.cause());
    }

    /** Returns the wait before round {@code round} (2 or more). */
    Duration backoffBefore(final int round) {
        Duration wait = settings.retryBackoff();
        for (int i = 2; i < round && wait.compareTo(settings.maxRetryBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxRetryBackoff()) <= 0 ? wait : settings.maxRetryBackoff();
    }

    private void waitBeforeRound(final int round, final Request request) {
        final Duration wait = backoffBefore(round);
        if (wait.isZero()) {
            return;
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("Schema Registry request " + request.describe()
                    + " was interrupted while waiting to retry; the thread is shutting down", RegistryException.NO_RESPONSE,
                    RegistryException.NO_ERROR_CODE, e);
        }
    }

    private Outcome exchange(final RegistryEndpoint endpoint, final Request request) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.resolve(request.rawPath()))
                .timeout(settings.readTimeout())
                .header("Accept", ACCEPT)
                .header("User-Agent", "momo");
        if (request.body() == null) {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", CONTENT_TYPE)
                    .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        }
        endpoint.credentials().authorization().ifPresent(value -> builder.header("Authorization", value));

        final CompletableFuture<HttpResponse<String>> future =
                client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        // The request time-out stops at the response headers; this limit also covers connecting and the body.
        final long limitMillis = settings.connectTimeout().plus(settings.readTimeout()).toMillis();
        try {
            final HttpResponse<String> response = future.get(limitMillis, TimeUnit.MILLISECONDS);
            return new Reply(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null));
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Failure("no complete response within " + limitMillis + " ms", true, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new Failure("interrupted while waiting for the response", false, e);
        } catch (ExecutionException e) {
            return failure(e.getCause() == null ? e : e.getCause());
        }
    }

    private Failure failure(final Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new Failure("connection timed out after " + settings.connectTimeout().toMillis() + " ms", true, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new Failure("request timed out after " + settings.readTimeout().toMillis() + " ms", true, cause);
        }
        if (cause instanceof ConnectException) {
            return new Failure("connection failed (" + cause + ")", true, cause);
        }
        if (cause instanceof SSLHandshakeException && hasCause(cause, CertificateException.class)) {
            // An untrusted or mismatched certificate stays so however often the request is repeated.
            return new Failure("TLS handshake failed because the server's certificate is not trusted (" + cause.getMessage()
                    + "). Set " + RegistrySettings.TRUSTSTORE_LOCATION_KEY + " to a trust store that holds the registry's"
                    + " certificate or its CA, and check that the certificate names the host of the URL", false, cause);
        }
        if (cause instanceof SSLException) {
            return new Failure("TLS failed (" + cause + ")", true, cause);
        }
        if (cause instanceof IOException) {
            return new Failure("I/O error (" + cause + ")", true, cause);
        }
        return new Failure("the HTTP client failed (" + cause + ")", false, cause);
    }

    private static boolean isRetryable(final int status) {
        return status == 429 || (status >= 500 && status < 600);
    }

    private static boolean hasCause(final Throwable error, final Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(final Outcome outcome) {
        if (outcome instanceof Reply reply) {
            return "HTTP " + reply.status() + RegistryResponses.errorSummary(reply.body(), JSON);
        }
        return ((Failure) outcome).description();
    }

    private static String urls(final List<RegistryEndpoint> endpoints) {
        return endpoints.stream().map(endpoint -> endpoint.url().toString()).collect(Collectors.joining(", "));
    }
}
