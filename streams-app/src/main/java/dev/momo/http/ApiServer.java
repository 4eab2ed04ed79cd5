package dev.momo.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of the JSON API and the web console, on the JDK's {@code com.sun.net.httpserver} (module
 * jdk.httpserver). It binds only the address of its {@link HttpSettings}. Paths under {@code /api/} go to the
 * first route whose method and path template match, and every response is {@code application/json;
 * charset=utf-8}. Other paths, and the OpenAPI document, are {@link StaticFiles}, sent with a content security
 * policy that allows this origin only.
 *
 * <p>Errors: an unknown path is 404, a known path with another method 405 (with an {@code Allow} header), a
 * handler's {@link ApiException} its own status (503 with {@code Retry-After}), and any other exception 500.
 * Every error body is {@code {"error": "..."}}. With a token in the settings, an API request without
 * {@code Authorization: Bearer TOKEN} is 401; the console's files and the OpenAPI document need none, because
 * they contain no data.
 *
 * <p>Requests run on a pool of {@value #THREADS} daemon threads. {@link #close()} stops accepting requests
 * and waits at most one second for those in progress.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final int THREADS = 8;
    private static final int STOP_DELAY_SECONDS = 1;

    private static final String API_PREFIX = "/api/";
    private static final String BEARER = "Bearer ";
    /** Everything from this origin only; inline styles because Chart.js sizes its canvases with them. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:;"
            + " style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    private final HttpSettings settings;
    private final List<ApiRoute> routes;
    private final StaticFiles files = new StaticFiles();
    private HttpServer server;
    private ExecutorService executor;

    /** Creates a server for the routes. {@link #start()} binds it. */
    public ApiServer(final HttpSettings settings, final List<ApiRoute> routes) {
        this.settings = settings;
        this.routes = List.copyOf(routes);
    }

    /**
     * Binds the address of the settings and starts serving requests.
     *
     * @throws UncheckedIOException naming the address when it cannot be bound
     * @throws IllegalStateException if the server was started before
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("HTTP server on " + settings.host() + ":" + settings.port()
                    + " was started already");
        }
        final HttpServer created;
        try {
            created = HttpServer.create(new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to bind the HTTP server to " + settings.host() + ":"
                    + settings.port() + " (" + e.getMessage() + "); choose a free " + HttpSettings.PORT_KEY
                    + " or another " + HttpSettings.HOST_KEY, e);
        }
        final AtomicInteger threadCount = new AtomicInteger();
        executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            final Thread thread = new Thread(runnable, "momo-http-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        created.setExecutor(executor);
        created.createContext("/", this::exchange);
        created.start();
        server = created;
        LOG.info("Web console and JSON API listening on http://{}:{} (advertised address: {})", settings.host(), port(),
                settings.advertised() == null ? "none, a single instance that reads its local stores" : settings.applicationServer());
    }

    /** Returns the bound port, which differs from the configured one when that is 0. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("HTTP server is not started");
        }
        return server.getAddress().getPort();
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.stop(STOP_DELAY_SECONDS);
        executor.shutdownNow();
        LOG.info("HTTP API on {}:{} stopped", settings.host(), server.getAddress().getPort());
        server = null;
    }

    private void exchange(final HttpExchange exchange) {
        final String requested = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        // HEAD is GET without the body (RFC 9110, section 9.3.2).
        final boolean head = requested.equals("HEAD");
        final String method = head ? "GET" : requested;
        final String rawPath = exchange.getRequestURI().getRawPath();
        final String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        if (!(path.startsWith(API_PREFIX) || path.equals("/api")) || path.equals(StaticFiles.OPENAPI_PATH)) {
            sendFile(exchange, method, path, head);
            return;
        }
        ApiResponse response;
        String allow = null;
        try {
            if (settings.token() != null && !authorized(exchange)) {
                LOG.debug("Refused {} {} from {}: no valid bearer token", method, path, exchange.getRemoteAddress());
                throw new ApiException(401, "this API needs the bearer token that " + HttpSettings.TOKEN_KEY
                        + " sets: send the header 'Authorization: Bearer TOKEN'");
            }
            final List<String> segments = PathSegments.split(path);
            final List<ApiRoute> matching = new ArrayList<>();
            Map<String, String> variables = null;
            ApiRoute route = null;
            for (final ApiRoute candidate : routes) {
                final Optional<Map<String, String>> match = candidate.path().match(segments);
                if (match.isPresent()) {
                    matching.add(candidate);
                    if (route == null && candidate.method().equals(method)) {
                        route = candidate;
                        variables = match.get();
                    }
                }
            }
            if (matching.isEmpty()) {
                throw ApiException.notFound("no API path " + path + "; known paths are " + knownPaths());
            }
            if (route == null) {
                allow = String.join(", ", matching.stream().map(ApiRoute::method).distinct().toList());
                throw new ApiException(405, "method " + method + " is not allowed on " + path + "; use " + allow);
            }
            final QueryParameters query = QueryParameters.parse(exchange.getRequestURI().getRawQuery());
            response = route.handler().handle(new ApiRequest(method, path, variables, query));
        } catch (ApiException e) {
            response = ApiResponse.error(e.status(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Failed to handle {} {}", method, path, e);
            response = ApiResponse.error(500, "internal error while handling " + method + " " + path + ": " + e
                    + "; see the server log");
        }
        send(exchange, response, allow, head);
    }

    /** Returns whether the request carries the configured token, compared in constant time. */
    private boolean authorized(final HttpExchange exchange) {
        final String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        final byte[] given = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, settings.token().getBytes(StandardCharsets.UTF_8));
    }

    private void sendFile(final HttpExchange exchange, final String method, final String path, final boolean head) {
        try (exchange) {
            final Optional<StaticFiles.File> file = method.equals("GET") ? files.find(path) : Optional.empty();
            final byte[] body = file.map(StaticFiles.File::bytes).orElse(
                    (method.equals("GET") ? "Not found: " + path + "\n" : "Method " + method + " is not allowed on "
                            + path + "; use GET\n").getBytes(StandardCharsets.UTF_8));
            final var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", file.map(StaticFiles.File::contentType).orElse("text/plain; charset=utf-8"));
            // The files change only with a new version of Momo: revalidate rather than reuse a stale console.
            headers.set("Cache-Control", "no-cache");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            if (!method.equals("GET")) {
                headers.set("Allow", "GET");
            }
            sendBody(exchange, file.isPresent() ? 200 : method.equals("GET") ? 404 : 405, body, head);
        } catch (IOException e) {
            LOG.debug("Failed to send {} {}: {}", method, path, e.toString());
        } catch (RuntimeException e) {
            LOG.error("Failed to serve {} {}", method, path, e);
        }
    }

    /** Sends the status and the body; for HEAD its length only, as the JDK server expects. */
    private static void sendBody(final HttpExchange exchange, final int status, final byte[] body, final boolean head)
            throws IOException {
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void send(final HttpExchange exchange, final ApiResponse response, final String allow, final boolean head) {
        try (exchange) {
            final byte[] body = JSON.writeValueAsBytes(response.body());
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            if (response.status() == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"momo\"");
            }
            if (response.status() == 503) {
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(ApiException.RETRY_AFTER_SECONDS));
            }
            if (allow != null) {
                exchange.getResponseHeaders().set("Allow", allow);
            }
            sendBody(exchange, response.status(), body, head);
        } catch (JsonProcessingException e) {
            LOG.error("Failed to write the JSON response to {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI(), e);
        } catch (IOException e) {
            // The client closed the connection, so no one reads the response.
            LOG.debug("Failed to send the response to {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(),
                    e.toString());
        }
    }

    private String knownPaths() {
        final TreeSet<String> paths = new TreeSet<>(routes.stream().map(route -> route.path().toString()).toList());
        paths.add(StaticFiles.OPENAPI_PATH);
        return String.join(", ", paths);
    }
}
