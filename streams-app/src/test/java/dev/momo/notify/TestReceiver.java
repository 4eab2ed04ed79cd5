package dev.momo.notify;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Webhook receiver for tests: a JDK {@link HttpServer} on 127.0.0.1 and a free port that records every
 * request and replies with the scripted replies, then with a fallback reply (200 unless changed).
 */
final class TestReceiver implements AutoCloseable {

    /** A request as the receiver saw it; {@code receivedNanos} is {@link System#nanoTime()} on arrival. */
    record Request(String method, URI uri, Headers headers, String body, long receivedNanos) {
    }

    /**
     * A reply: status, body and headers, sent after {@code delayMillis} and after {@code gate} opens
     * (if it is not null).
     */
    record Reply(int status, String body, Map<String, String> headers, long delayMillis, CountDownLatch gate) {

        static Reply status(final int status) {
            return new Reply(status, "", Map.of(), 0, null);
        }

        static Reply status(final int status, final String body) {
            return new Reply(status, body, Map.of(), 0, null);
        }

        Reply withHeader(final String name, final String value) {
            return new Reply(status, body, Map.of(name, value), delayMillis, gate);
        }

        Reply afterMillis(final long delay) {
            return new Reply(status, body, headers, delay, gate);
        }

        Reply after(final CountDownLatch latch) {
            return new Reply(status, body, headers, delayMillis, latch);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private volatile Reply fallback = Reply.status(200);

    TestReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // Handlers sleep or wait in some tests, so each exchange gets its own thread.
        server.setExecutor(executor);
        server.start();
    }

    /** Returns the URL of the path (and query) on this receiver. */
    URI url(final String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    /** Queues replies for the next requests, in order. */
    void reply(final Reply... replies) {
        script.addAll(List.of(replies));
    }

    /** Sets the reply for every request after the scripted ones. */
    void replyAlways(final Reply reply) {
        fallback = reply;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until the receiver has seen at least {@code count} requests; returns whether it did in time. */
    boolean awaitRequests(final int count, final Duration limit) throws InterruptedException {
        final long deadline = System.nanoTime() + limit.toNanos();
        while (requests.size() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders(), body, System.nanoTime()));
            final Reply scripted = script.poll();
            final Reply reply = scripted == null ? fallback : scripted;

            if (reply.gate() != null && !reply.gate().await(10, TimeUnit.SECONDS)) {
                return;
            }
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }

            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            final byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up (time-out or close) before the reply, so no reply is possible.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
