package dev.momo.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;

/**
 * Schema Registry for tests: an HTTP server on 127.0.0.1 that serves the Confluent Schema Registry REST
 * API as Confluent's API reference documents it, with the media type
 * {@code application/vnd.schemaregistry.v1+json} and error bodies {@code {"error_code": ..., "message": ...}}.
 *
 * <p>Served: {@code GET /}, {@code GET /schemas/ids/{id}}, {@code GET /subjects},
 * {@code GET /subjects/{subject}/versions}, {@code GET /subjects/{subject}/versions/{version}},
 * {@code POST /subjects/{subject}/versions}, {@code POST /subjects/{subject}},
 * {@code POST /compatibility/subjects/{subject}/versions/{version}} (with {@code ?verbose=true}),
 * {@code GET} and {@code PUT /config} and {@code /config/{subject}} (with {@code ?defaultToGlobal=true}).
 * Error codes: 40401 subject not found, 40402 version not found, 40403 schema not found, 40408 no
 * subject-level compatibility, 409 with 40901 incompatible schema, 42201 invalid schema, 42202 invalid
 * version, 42203 invalid compatibility level, 401 unauthorized, 404 unknown path, 405 wrong method,
 * 415 unsupported request media type. Only Avro schemas; {@link FakeRegistryStore} has the rules.
 *
 * <p>Tests start it on a free port, optionally with https, a base path and credentials, register
 * schemas directly or over HTTP, inject failures ({@link #failNext}, {@link #delayNext}) and read the
 * requests that arrived ({@link #requests()}). Close it after use.
 *
 * <pre>{@code
 * try (FakeSchemaRegistry registry = FakeSchemaRegistry.start()) {
 *     registry.failNext(1, 500, 50001, "Error in the backend data store");
 *     ... point the client at registry.baseUrl() ...
 * }
 * }</pre>
 */
public final class FakeSchemaRegistry implements AutoCloseable {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> REQUEST_TYPES = Set.of(CONTENT_TYPE, "application/vnd.schemaregistry+json",
            "application/json", "application/octet-stream");

    /** One request as it arrived: method, raw path with any base path, raw query, headers and body. */
    public record RecordedRequest(String method, String path, String query, Map<String, String> headers, String body) {

        /** Returns the first value of a header, ignoring the case of its name. */
        public Optional<String> header(final String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /** Injected behaviour of the next request: a delay, then an error response or the normal response. */
    private record Fault(Duration delay, int status, int errorCode, String message) {
    }

    /** Options of the server; {@link #start()} creates it. */
    public static final class Builder {
        private String basePath = "";
        private SSLContext tls;
        private String authorization;

        private Builder() {
        }

        /** Serves the API under {@code path}, such as {@code /apis/ccompat/v7}, as Apicurio Registry does. */
        public Builder basePath(final String path) {
            this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return this;
        }

        /** Serves https with the server certificate of {@code context} instead of http. */
        public Builder https(final SSLContext context) {
            this.tls = context;
            return this;
        }

        /** Requires HTTP Basic credentials on every request. */
        public Builder basicAuth(final String user, final String password) {
            final String pair = user + ":" + password;
            this.authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** Requires a bearer token on every request. */
        public Builder bearerToken(final String token) {
            this.authorization = "Bearer " + token;
            return this;
        }

        public FakeSchemaRegistry start() {
            return new FakeSchemaRegistry(this);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final String basePath;
    private final String authorization;
    private final FakeRegistryStore store = new FakeRegistryStore();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new ArrayList<>();

    private FakeSchemaRegistry(final Builder builder) {
        this.basePath = builder.basePath;
        this.authorization = builder.authorization;
        try {
            final InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
            if (builder.tls == null) {
                server = HttpServer.create(address, 0);
            } else {
                final HttpsServer https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(builder.tls));
                server = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake Schema Registry on 127.0.0.1", e);
        }
        // A thread per request, so that a delayed request does not hold up the next one.
        executor = Executors.newCachedThreadPool(task -> {
            final Thread thread = new Thread(task, "fake-schema-registry");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        baseUrl = (builder.tls == null ? "http" : "https") + "://127.0.0.1:" + server.getAddress().getPort() + basePath;
    }

    /** Starts a plain http registry on a free port of 127.0.0.1, without base path or credentials. */
    public static FakeSchemaRegistry start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Returns the URL that clients use, such as {@code http://127.0.0.1:40123}, with the base path if any. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Registers a schema as {@code POST /subjects/{subject}/versions} would, without HTTP, and returns its id.
     *
     * @throws IllegalStateException with the error code and message if the registry rejects it
     */
    public synchronized int register(final String subject, final Schema schema) {
        return register(subject, schema.toString());
    }

    /** Registers a schema given as Avro JSON text; see {@link #register(String, Schema)}. */
    public synchronized int register(final String subject, final String schemaText) {
        try {
            return store.register(subject, schemaText, List.of());
        } catch (FakeRegistryStore.ApiError e) {
            throw new IllegalStateException("error " + e.errorCode + ": " + e.getMessage(), e);
        }
    }

    /** Returns the subjects with at least one version, in alphabetical order. */
    public synchronized Set<String> subjects() {
        return store.subjects();
    }

    /** Returns the schema ids of the versions of {@code subject}, oldest first, or an empty list. */
    public synchronized List<Integer> schemaIds(final String subject) {
        return store.versionIds(subject);
    }

    /** Returns the schema text that {@code GET /schemas/ids/{id}} returns, if the id exists. */
    /** Returns the GUID the server gives schema {@code id}, for the {@code __value_schema_id} header. */
    public String guid(final int id) {
        return FakeRegistryStore.guidOf(id);
    }

    public synchronized Optional<String> schemaText(final int id) {
        return store.byId(id).map(FakeRegistryStore.Stored::text);
    }

    /** Sets the global compatibility level, such as {@code NONE} or {@code FULL_TRANSITIVE}. */
    public synchronized void setCompatibility(final String level) {
        store.setLevel(null, level);
    }

    /** Sets the compatibility level of one subject. */
    public synchronized void setCompatibility(final String subject, final String level) {
        store.setLevel(subject, level);
    }

    /** Makes the next {@code count} requests fail with {@code status} and the error body. */
    public synchronized void failNext(final int count, final int status, final int errorCode, final String message) {
        for (int i = 0; i < count; i++) {
            faults.add(new Fault(Duration.ZERO, status, errorCode, message));
        }
    }

    /** Makes the next {@code count} requests wait {@code delay} before the usual response. */
    public synchronized void delayNext(final int count, final Duration delay) {
        for (int i = 0; i < count; i++) {
            faults.add(new Fault(delay, 0, 0, null));
        }
    }

    /** Returns the requests that arrived so far, oldest first. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Returns how many requests arrived with {@code method} and a path that ends with {@code pathSuffix}. */
    public synchronized long requestCount(final String method, final String pathSuffix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().endsWith(pathSuffix)).count();
    }

    /** Stops the server at once; delayed requests are cut off. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String body = readBody(exchange);
            final Fault fault = record(exchange, body);
            if (fault != null && !fault.delay().isZero()) {
                try {
                    Thread.sleep(fault.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (fault != null && fault.status() != 0) {
                sendError(exchange, fault.status(), fault.errorCode(), fault.message());
                return;
            }
            respond(exchange, body);
        }
    }

    private synchronized Fault record(final HttpExchange exchange, final String body) {
        final Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(headers), body));
        return faults.poll();
    }

    private void respond(final HttpExchange exchange, final String body) throws IOException {
        final String expected = authorization;
        if (expected != null && !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate",
                    expected.startsWith("Basic") ? "Basic realm=\"SchemaRegistry\"" : "Bearer");
            sendError(exchange, 401, 401, "Unauthorized");
            return;
        }
        final String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!body.isEmpty() && contentType != null
                && !REQUEST_TYPES.contains(contentType.split(";")[0].trim().toLowerCase(Locale.ROOT))) {
            sendError(exchange, 415, 415, "HTTP 415 Unsupported Media Type");
            return;
        }
        final String rawPath = exchange.getRequestURI().getRawPath();
        if (!rawPath.startsWith(basePath)) {
            sendError(exchange, 404, 404, "HTTP 404 Not Found");
            return;
        }

        final FakeRegistryRoutes.Response response;
        try {
            final JsonNode json = body.isEmpty() ? null : JSON.readTree(body);
            synchronized (this) {
                response = FakeRegistryRoutes.route(store, exchange.getRequestMethod(),
                        rawPath.substring(basePath.length()), exchange.getRequestURI().getRawQuery(), json);
            }
        } catch (JsonProcessingException e) {
            sendError(exchange, 400, 400, "Unrecognized JSON: " + e.getOriginalMessage());
            return;
        } catch (FakeRegistryStore.ApiError e) {
            sendError(exchange, e.status, e.errorCode, e.getMessage());
            return;
        }
        send(exchange, 200, response.json());
    }

    private static String readBody(final HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void sendError(final HttpExchange exchange, final int status, final int errorCode,
                                  final String message) throws IOException {
        final ObjectNode error = JSON.createObjectNode();
        error.put("error_code", errorCode);
        error.put("message", message);
        send(exchange, status, error.toString());
    }

    private static void send(final HttpExchange exchange, final int status, final String json) throws IOException {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
