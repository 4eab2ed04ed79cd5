package dev.momo.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A Prometheus server (Debian's {@code prometheus} binary) started for a test: bound to 127.0.0.1 on a free
 * port, with its configuration, data and log in a directory of the test, scraping given targets every
 * second and evaluating given rule files every second. {@link #close} stops the process it started, by its
 * handle, never by name.
 */
final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private PrometheusServer(final Process process, final int port, final Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts Prometheus and waits until it is ready.
     *
     * @param binary the prometheus executable
     * @param directory where the configuration, the TSDB and the log go
     * @param job scrape job name, as the rules expect it
     * @param target host:port of the /metrics endpoint to scrape
     * @param ruleFiles alerting rule files to load
     */
    static PrometheusServer start(final Path binary, final Path directory, final String job, final String target,
                                  final List<Path> ruleFiles) throws IOException, InterruptedException {
        final StringBuilder config = new StringBuilder()
                .append("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n")
                .append("rule_files:\n");
        ruleFiles.forEach(file -> config.append("  - \"").append(file.toAbsolutePath()).append("\"\n"));
        config.append("scrape_configs:\n  - job_name: ").append(job).append('\n')
                .append("    static_configs:\n      - targets: [\"").append(target).append("\"]\n");
        final Path configFile = directory.resolve("prometheus.yml");
        Files.writeString(configFile, config);

        final int port = freePort();
        final Path log = directory.resolve("prometheus.log");
        final Process process = new ProcessBuilder(binary.toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.console.templates=" + directory.resolve("consoles"),
                "--web.console.libraries=" + directory.resolve("console_libraries"))
                .directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        final PrometheusServer server = new PrometheusServer(process, port, log);
        try {
            server.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    int port() {
        return port;
    }

    /** Returns the JSON response of {@code GET /api/v1/query}, evaluated now. */
    JsonNode query(final String promQl) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8));
    }

    /** Returns the JSON response of {@code GET /api/v1/rules}. */
    JsonNode rules() throws IOException, InterruptedException {
        return get("/api/v1/rules");
    }

    /** Returns the JSON response of {@code GET /api/v1/targets}. */
    JsonNode targets() throws IOException, InterruptedException {
        return get("/api/v1/targets");
    }

    /** Returns the server's log so far, for failure messages. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Returns the local addresses of the sockets that listen on this server's port, from Linux's
     * {@code /proc/net/tcp} and {@code /proc/net/tcp6} as hexadecimal text (0100007F is 127.0.0.1,
     * 00000000 is every IPv4 address); empty when those files do not exist.
     */
    List<String> listeningAddresses() throws IOException {
        final String portHex = String.format(Locale.ROOT, "%04X", port);
        final List<String> addresses = new java.util.ArrayList<>();
        for (final String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            final Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (final String line : Files.readAllLines(file)) {
                final String[] fields = line.trim().split("\\s+");
                // fields: sl, local_address, rem_address, st (0A is LISTEN), ...
                if (fields.length > 3 && fields[3].equals("0A") && fields[1].endsWith(":" + portHex)) {
                    addresses.add(fields[1].substring(0, fields[1].indexOf(':')));
                }
            }
        }
        return addresses;
    }

    /** Stops the process: SIGTERM, then SIGKILL after 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private JsonNode get(final String path) throws IOException, InterruptedException {
        final HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        final JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 && !body.has("status")) {
            throw new IOException("GET " + path + " returned " + response.statusCode() + ": " + response.body());
        }
        return body;
    }

    private void awaitReady() throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                final HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // The server opens its port after loading the TSDB.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("prometheus was not ready within " + START_TIMEOUT.toSeconds() + " s:\n" + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
