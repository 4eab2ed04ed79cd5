package dev.momo.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Polls an HTTP endpoint of a running instance (its /metrics or its API) until a body shows what a test awaits. */
public final class HttpPolling {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private HttpPolling() {
    }

    /**
     * Polls {@code url} every half second until a 200 response contains {@code expected}. A 503 (a store still
     * restoring) or 404 (a model not known yet) is polled again; another status fails at once.
     *
     * @return the first body that contains {@code expected}
     * @throws AssertionError when {@code timeout} passes first, with the last body
     */
    public static String awaitBody(final String url, final String expected, final Duration timeout) throws Exception {
        final long deadline = System.nanoTime() + timeout.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            final HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            body = response.body();
            final int status = response.statusCode();
            if (status == 200 && body.contains(expected)) {
                return body;
            }
            if (status != 200 && status != 503 && status != 404) {
                throw new AssertionError("GET " + url + " returned " + status + ": " + body);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no " + expected + " at " + url + " within " + timeout + "; last body:\n" + body);
    }
}
