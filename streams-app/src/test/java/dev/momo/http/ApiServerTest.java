package dev.momo.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiServer server;

    @BeforeEach
    void startServer() {
        server = new ApiServer(new HttpSettings("127.0.0.1", 0, null), List.of(
                ApiRoute.get("/api/echo/{name}", request -> {
                    final var body = JsonNodeFactory.instance.objectNode();
                    body.put("name", request.pathVariable("name"));
                    body.put("q", request.query().get("q").orElse(null));
                    return ApiResponse.ok(body);
                }),
                ApiRoute.get("/api/busy", request -> {
                    throw ApiException.unavailable("store is rebalancing; retry");
                }),
                ApiRoute.get("/api/broken", request -> {
                    throw new IllegalStateException("boom");
                })));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void get_answersJsonWithDecodedVariables() throws Exception {
        final HttpResponse<String> response = get("/api/echo/fraud%2Feu?q=a+b");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        final JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("name").asText()).isEqualTo("fraud/eu");
        assertThat(body.get("q").asText()).isEqualTo("a b");
    }

    @Test
    void unknownPath_is404WithKnownPaths() throws Exception {
        final HttpResponse<String> response = get("/api/nothing");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(error(response)).contains("/api/nothing").contains("/api/echo/{name}").contains("/api/openapi.json");
        assertThat(get("/api").statusCode()).isEqualTo(404);
        assertThat(error(get("/api"))).contains("/api/echo/{name}");
    }

    @Test
    void otherMethod_is405WithAllow() throws Exception {
        final HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri("/api/echo/x"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET");
        assertThat(error(response)).contains("POST").contains("use GET");
    }

    @Test
    void unavailable_is503WithRetryAfter() throws Exception {
        final HttpResponse<String> response = get("/api/busy");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("2");
        assertThat(error(response)).isEqualTo("store is rebalancing; retry");
    }

    @Test
    void handlerFailure_is500WithMessage() throws Exception {
        final HttpResponse<String> response = get("/api/broken");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(error(response)).contains("GET /api/broken").contains("boom");
    }

    @Test
    void badQuery_is400() throws Exception {
        final HttpResponse<String> response = get("/api/echo/x?q=1&q=2");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).contains("'q' is given more than once");
    }

    @Test
    void badPathEscape_is400() throws Exception {
        final HttpResponse<String> response = get("/api/echo/%C3%28");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).contains("not valid UTF-8");
    }

    @Test
    void server_bindsOnlyLoopbackAddress() throws Exception {
        assertThat(canConnect("127.0.0.1", server.port())).isTrue();
        // Linux routes all of 127.0.0.0/8 to the loopback interface, so 127.0.0.2 is a local address there.
        assertThat(canConnect("127.0.0.2", server.port())).isFalse();
    }

    @Test
    void secondStart_isRejected() {
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("started");
    }

    @Test
    void head_answersLikeGetWithoutBody() throws Exception {
        final HttpResponse<String> api = CLIENT.send(HttpRequest.newBuilder(uri("/api/echo/x"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        final HttpResponse<String> console = CLIENT.send(HttpRequest.newBuilder(uri("/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).isEmpty();
        assertThat(api.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    }

    @Test
    void consolePage_isServedWithAPolicyThatAllowsOnlyThisOrigin() throws Exception {
        final HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("console/js/main.js").doesNotContain("https://");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).startsWith("default-src 'self'"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(get("/console/no-such.js").statusCode()).isEqualTo(404);
        assertThat(get("/console/../pom.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void token_guardsTheApiButNotTheConsoleFiles() throws Exception {
        try (ApiServer guarded = new ApiServer(new HttpSettings("127.0.0.1", 0, null, "token-0123456789abcdef"), List.of(
                ApiRoute.get("/api/ping", request -> ApiResponse.ok(JsonNodeFactory.instance.objectNode()))))) {
            guarded.start();
            final String base = "http://127.0.0.1:" + guarded.port();

            final HttpResponse<String> missing = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/ping")).build(),
                    HttpResponse.BodyHandlers.ofString());
            final HttpResponse<String> lowerCaseScheme = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/ping"))
                    .header("Authorization", "bearer token-0123456789abcdef").build(), HttpResponse.BodyHandlers.ofString());
            final HttpResponse<String> prefix = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/ping"))
                    .header("Authorization", "Bearer token-0123456789").build(), HttpResponse.BodyHandlers.ofString());
            final HttpResponse<String> page = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(missing.statusCode()).isEqualTo(401);
            assertThat(error(missing)).contains("momo.http.token").contains("Authorization: Bearer");
            assertThat(lowerCaseScheme.statusCode()).isEqualTo(200);
            assertThat(prefix.statusCode()).isEqualTo(401);
            assertThat(page.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void takenPort_failsNamingAddress() {
        try (ApiServer other = new ApiServer(new HttpSettings("127.0.0.1", server.port(), null), List.of())) {
            assertThatThrownBy(other::start)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("127.0.0.1:" + server.port())
                    .hasMessageContaining("momo.http.port");
        }
    }

    private HttpResponse<String> get(final String pathAndQuery) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(final String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    private static String error(final HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        return JSON.readTree(response.body()).get("error").asText();
    }

    private static boolean canConnect(final String address, final int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(address), port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
