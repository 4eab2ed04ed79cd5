package dev.momo.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.momo.topology.StoreNames;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauge {@code momo_reference_profile_age_seconds{model, version}}: at scrape time, the wall clock minus
 * the {@code createdAt} of every profile in the global reference store of each bound {@link KafkaStreams}.
 * Every instance contains all profiles (the store is global), so every instance reports every model version.
 *
 * <p>Only the {@code createdAt} field is read, with a streaming parser that stops there: it is the fourth
 * field of the JSON that {@code ProfileJson} writes, so a profile of megabytes costs a few hundred bytes
 * of parsing. The result is kept per stored array, and the in-memory store returns the same array until
 * the profile changes. Keys are {@code modelId/modelVersion}, split at the last '/'. A profile without a
 * readable {@code createdAt} has no series. While the application is not running, the store cannot be
 * queried and the gauge has no series.
 */
final class ReferenceAges {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceAges.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final Set<KafkaStreams> streams = new CopyOnWriteArraySet<>();
    private final Map<byte[], Optional<Instant>> createdAt = Collections.synchronizedMap(new WeakHashMap<>());
    private final Clock clock;

    ReferenceAges(final PrometheusRegistry registry, final Clock clock) {
        this.clock = clock;
        GaugeWithCallback.builder().name("momo_reference_profile_age_seconds")
                .help("Time since the reference profile of a model version was built (its createdAt), in seconds")
                .labelNames("model", "version")
                .callback(callback -> ages().forEach((key, age) -> callback.call(age, key.get(0), key.get(1))))
                .register(registry);
    }

    void add(final KafkaStreams instance) {
        streams.add(instance);
    }

    void remove(final KafkaStreams instance) {
        streams.remove(instance);
    }

    /** Returns the ages in seconds by model and version, once per model version whatever the bound instances. */
    private Map<List<String>, Double> ages() {
        final Map<List<String>, Double> ages = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
                ? a.get(1).compareTo(b.get(1)) : a.get(0).compareTo(b.get(0)));
        final long now = clock.millis();
        for (final KafkaStreams instance : streams) {
            final ReadOnlyKeyValueStore<String, byte[]> store;
            try {
                store = instance.store(StoreQueryParameters.fromNameAndType(StoreNames.REFERENCES,
                        QueryableStoreTypes.keyValueStore()));
            } catch (InvalidStateStoreException e) {
                LOG.debug("Reference store not queryable while the application is {}: {}", instance.state(),
                        e.getMessage());
                continue;
            }
            try (KeyValueIterator<String, byte[]> entries = store.all()) {
                entries.forEachRemaining(entry -> {
                    final int slash = entry.key == null ? -1 : entry.key.lastIndexOf('/');
                    final Optional<Instant> created = entry.value == null ? Optional.empty()
                            : createdAt.computeIfAbsent(entry.value, ReferenceAges::readCreatedAt);
                    if (slash > 0 && created.isPresent()) {
                        ages.put(List.of(entry.key.substring(0, slash), entry.key.substring(slash + 1)),
                                (now - created.get().toEpochMilli()) / 1000.0);
                    }
                });
            } catch (InvalidStateStoreException e) {
                LOG.debug("Reference store closed during a scrape: {}", e.getMessage());
            }
        }
        return ages;
    }

    /**
     * Reads the top-level {@code createdAt} of a profile: ISO-8601 text, or epoch seconds as a number
     * (how Jackson's JavaTimeModule writes an Instant with timestamps on). Empty when there is none or it
     * does not parse.
     */
    static Optional<Instant> readCreatedAt(final byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                final String field = parser.currentName();
                final JsonToken value = parser.nextToken();
                if (!"createdAt".equals(field)) {
                    parser.skipChildren();
                } else if (value == JsonToken.VALUE_STRING) {
                    return Optional.of(Instant.parse(parser.getText()));
                } else if (value != null && value.isNumeric()) {
                    return Optional.of(Instant.ofEpochMilli(Math.round(parser.getDoubleValue() * 1000)));
                } else {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        } catch (IOException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
