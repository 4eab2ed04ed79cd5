package dev.momo.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends API requests to other instances of the application with {@link HttpClient}, over HTTP/1.1 without
 * TLS. A request that fails (no connection, time-out, a body that is not a JSON object) is logged with the host
 * and path and completes empty, so that the caller can report the instance as unavailable.
 */
final class InstanceClient {

    /** Time-out for connecting and for the whole response. An instance slower than this counts as unavailable. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(InstanceClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final Duration timeout;
    private final String token;

    /** A client that sends no token. */
    InstanceClient(final Duration timeout) {
        this(timeout, null);
    }

    /** @param token bearer token sent with every request, the one all instances share; null for none */
    InstanceClient(final Duration timeout, final String token) {
        this.timeout = timeout;
        this.token = token;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * A response of another instance.
     *
     * @param status HTTP status code
     * @param body the JSON body
     */
    record Response(int status, JsonNode body) {
    }

    /**
     * Sends {@code GET pathAndQuery} to {@code host}. The future never completes exceptionally. It contains the
     * response, or nothing when the instance sent no JSON object in time.
     */
    CompletableFuture<Optional<Response>> get(final HostInfo host, final String pathAndQuery) {
        final String hostText = host.host().indexOf(':') >= 0 ? "[" + host.host() + "]" : host.host();
        final HttpRequest request;
        try {
            final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + hostText + ":"
                            + host.port() + pathAndQuery))
                    .timeout(timeout)
                    .header("Accept", "application/json")
                    .GET();
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            LOG.warn("Failed to forward GET {} to {}:{}: invalid address ({})", pathAndQuery, host.host(),
                    host.port(), e.getMessage());
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        LOG.warn("Failed to forward GET {} to {}:{}: {}", pathAndQuery, host.host(), host.port(),
                                error.getCause() == null ? error.toString() : error.getCause().toString());
                        return Optional.empty();
                    }
                    return parse(host, pathAndQuery, response);
                });
    }

    private static Optional<Response> parse(final HostInfo host, final String pathAndQuery,
                                          final HttpResponse<byte[]> response) {
        String problem;
        try {
            final JsonNode body = JSON.readTree(response.body());
            if (body != null && body.isObject()) {
                return Optional.of(new Response(response.statusCode(), body));
            }
            problem = "not a JSON object";
        } catch (IOException e) {
            problem = e.getMessage();
        }
        LOG.warn("Failed to forward GET {} to {}:{}: status {} with a body that is not a JSON object ({})",
                pathAndQuery, host.host(), host.port(), response.statusCode(), problem);
        return Optional.empty();
    }
}
