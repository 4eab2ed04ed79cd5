package dev.momo.http;

import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.DriftMetric;
import dev.momo.topology.MetricView;
import dev.momo.topology.ProfileLookup;
import dev.momo.topology.StoreNames;
import dev.momo.view.VersionActivity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.UnknownStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this instance's part of the drift-metric view ({@value MetricView#STORE}) and the global reference
 * profiles, through interactive queries. Only active tasks are read. A partition argument of -1 reads every
 * local partition (a lone instance); otherwise only the model's partition.
 */
final class LocalMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(LocalMetrics.class);

    private final KafkaStreams streams;

    LocalMetrics(final KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * One version known here.
     *
     * @param model model id
     * @param version model version
     * @param activity its traffic, from the drift metrics
     */
    record Version(String model, String version, VersionActivity activity) {
    }

    /** Returns every version with drift metrics on this instance, or those of {@code model} when it is not null. */
    List<Version> versions(final String model, final int partition) {
        final List<Version> versions = new ArrayList<>();
        final String prefix = model == null ? MetricView.ACTIVITY_PREFIX : MetricView.activityKey(model, "");
        scan(prefix, partition, entry -> {
            final String[] modelVersion = MetricView.splitActivityKey(entry.key);
            try {
                versions.add(new Version(modelVersion[0], modelVersion[1], VersionActivity.decode(entry.value)));
            } catch (IllegalArgumentException e) {
                LOG.warn("Skipped the stored activity of model {} version {}: {}", modelVersion[0], modelVersion[1],
                        e.getMessage());
            }
        });
        return versions;
    }

    /** Returns the latest record of every check of a version, or of one feature when {@code feature} is not null. */
    List<DriftMetric> latest(final String model, final String version, final String feature, final int partition) {
        return records(feature == null ? MetricView.latestPrefix(model, version)
                : MetricView.latestPrefix(model, version, feature), partition);
    }

    /** Returns the kept history of every check of one feature, in key order: by check, window, partition. */
    List<DriftMetric> history(final String model, final String version, final String feature, final int partition) {
        return records(MetricView.historyPrefix(model, version, feature), partition);
    }

    /** Returns the latest record that carries the feature's distribution, or null. */
    DriftMetric distribution(final String model, final String version, final String feature, final int partition) {
        final List<DriftMetric> found = new ArrayList<>(1);
        final String key = MetricView.distributionKey(model, version, feature);
        // A prefix scan finds the key in whichever local partition contains it; keys longer than it are other features.
        scan(key, partition, entry -> {
            if (entry.key.equals(key)) {
                decodeInto(entry, found);
            }
        });
        return found.isEmpty() ? null : found.get(0);
    }

    /** Returns the reference profile of a version, or null when none is published or it is unusable. */
    ReferenceProfile profile(final String model, final String version) {
        final ProfileLookup lookup = references();
        return lookup == null ? null : lookup.find(model, version);
    }

    /** Returns model id and version of every published reference profile. */
    List<String[]> referencedVersions() {
        final ProfileLookup lookup = references();
        return lookup == null ? List.of() : lookup.modelVersions();
    }

    private ProfileLookup references() {
        try {
            return new ProfileLookup(streams.store(StoreQueryParameters.fromNameAndType(StoreNames.REFERENCES,
                    QueryableStoreTypes.<String, byte[]>keyValueStore())));
        } catch (UnknownStateStoreException e) {
            return null;
        } catch (InvalidStateStoreException e) {
            throw notReady(e);
        }
    }

    private List<DriftMetric> records(final String prefix, final int partition) {
        final List<DriftMetric> records = new ArrayList<>();
        scan(prefix, partition, entry -> decodeInto(entry, records));
        return records;
    }

    private static void decodeInto(final KeyValue<String, byte[]> entry, final List<DriftMetric> records) {
        try {
            records.add(MetricView.decode(entry.value));
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipped stored drift metric '{}': {}", entry.key.replace('\u0000', '/'), e.getMessage());
        }
    }

    private void scan(final String prefix, final int partition, final Consumer<KeyValue<String, byte[]>> action) {
        final StoreQueryParameters<ReadOnlyKeyValueStore<String, byte[]>> all = StoreQueryParameters
                .fromNameAndType(MetricView.STORE, QueryableStoreTypes.<String, byte[]>keyValueStore());
        final ReadOnlyKeyValueStore<String, byte[]> store;
        try {
            store = streams.store(partition < 0 ? all : all.withPartition(partition));
        } catch (UnknownStateStoreException e) {
            throw new IllegalStateException("the topology has no store " + MetricView.STORE
                    + "; add it with MetricView.addTo", e);
        } catch (InvalidStateStoreException e) {
            throw notReady(e);
        }
        try (KeyValueIterator<String, byte[]> entries = store.prefixScan(prefix, new StringSerializer())) {
            entries.forEachRemaining(action);
        } catch (InvalidStateStoreException e) {
            throw notReady(e);
        }
    }

    private static ApiException notReady(final InvalidStateStoreException e) {
        return ApiException.unavailable("metric store is not queryable yet (" + e.getMessage() + "); the instance"
                + " is starting or rebalancing, retry in " + ApiException.RETRY_AFTER_SECONDS + " s");
    }
}
