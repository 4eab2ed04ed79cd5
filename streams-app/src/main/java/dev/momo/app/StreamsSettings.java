package dev.momo.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * Connection and engine settings of one Momo instance.
 *
 * @param applicationId Kafka Streams application id; instances with the same id share the work
 * @param bootstrapServers Kafka bootstrap servers
 * @param stateDir directory of the RocksDB stores
 * @param threads stream threads of this instance
 * @param overrides further Kafka Streams, consumer and producer properties, applied last
 */
public record StreamsSettings(
        String applicationId,
        String bootstrapServers,
        Path stateDir,
        int threads,
        Map<String, String> overrides) {

    public StreamsSettings {
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("application id is missing; set momo.application.id");
        }
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers are missing; set bootstrap.servers (host:port,...)");
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("stream threads must be between 1 and 64, got " + threads);
        }
        overrides = Map.copyOf(overrides);
    }
}
