package dev.momo.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.momo.schema.DriftAlert;
import dev.momo.serde.JsonRecordWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only file of alerts that a webhook did not receive, one JSON object per line:
 * <pre>{@code
 * {"failedAt":"2024-05-01T10:00:00Z","webhook":"pager","url":"https://pager.example.com/momo",
 *  "attempts":5,"error":"HTTP 503: busy","alert":{...every DriftAlert field...}}
 * }</pre>
 * {@code attempts} is 0 for an alert that was never sent (full queue, or still queued at close).
 *
 * <p>Thread-safe: writers of the same file in this JVM, from any number of notifiers, take one lock
 * per path, so lines never interleave. A line that cannot be written is logged at ERROR in full,
 * so that the alert is not lost.
 */
final class DeadLetterFile {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterFile.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Path path;
    private final Object lock;

    /**
     * Creates the parent directories of the file if they are missing.
     *
     * @throws IllegalArgumentException if the directories cannot be created
     */
    DeadLetterFile(final Path path) {
        this.path = path.toAbsolutePath().normalize();
        this.lock = LOCKS.computeIfAbsent(this.path, ignored -> new Object());
        try {
            Files.createDirectories(this.path.getParent());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the directory of the dead-letter file " + this.path
                    + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    /** Appends one line. Returns false, after logging the line, if the file cannot be written. */
    boolean append(final String webhook, final String url, final int attempts, final String error,
            final DriftAlert alert) {
        final ObjectNode line = JSON.createObjectNode();
        line.put("failedAt", Instant.now().toString());
        line.put("webhook", webhook);
        line.put("url", url);
        line.put("attempts", attempts);
        line.put("error", error);
        line.set("alert", JsonRecordWriter.toJsonNode(alert));

        final String text;
        try {
            text = JSON.writeValueAsString(line) + "\n";
        } catch (JsonProcessingException e) {
            // Writing a tree of standard nodes into a String has no failure path.
            throw new IllegalStateException("failed to write a dead-letter line for alert " + alert.getAlertId(), e);
        }

        synchronized (lock) {
            try {
                Files.writeString(path, text, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                return true;
            } catch (IOException e) {
                LOG.error("Failed to write to dead-letter file {}: {}; the lost line is {}", path, e.toString(), text.strip());
                return false;
            }
        }
    }
}
