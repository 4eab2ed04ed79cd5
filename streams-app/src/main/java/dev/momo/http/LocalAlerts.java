package dev.momo.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.momo.alerting.AlertHistory;
import dev.momo.topology.AlertView;
import dev.momo.topology.StoreNames;
import java.util.ArrayList;
import java.util.List;
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
 * Reads the alerts stored on this instance: the active tasks' parts of the {@value AlertView#STORE} store,
 * through interactive queries. Standby replicas are not read, so across instances each alert is read once
 * unless its partition moves during a query.
 */
final class LocalAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(LocalAlerts.class);

    private final KafkaStreams streams;

    LocalAlerts(final KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * The local alerts of one model.
     *
     * @param alerts the alerts that pass the filter, newest first, at most the filter's limit
     * @param any whether the model has any alert here, filtered out or not
     */
    record ModelAlerts(List<JsonNode> alerts, boolean any) {
    }

    /**
     * Returns one model's alerts from the store of {@code partition}, the partition of the model id, or
     * from every local store when {@code partition} is negative.
     *
     * @throws ApiException 503 while the store is not queryable (starting or rebalancing)
     */
    ModelAlerts ofModel(final String model, final int partition, final AlertFilter filter) {
        final StoreQueryParameters<ReadOnlyKeyValueStore<String, byte[]>> all = StoreQueryParameters
                .fromNameAndType(AlertView.STORE, QueryableStoreTypes.<String, byte[]>keyValueStore());
        final StoreQueryParameters<ReadOnlyKeyValueStore<String, byte[]>> parameters = partition < 0 ? all
                : all.withPartition(partition);
        final List<AlertHistory> matching = new ArrayList<>();
        boolean any = false;
        try (KeyValueIterator<String, byte[]> entries = store(parameters)
                .prefixScan(AlertView.modelPrefix(model), new StringSerializer())) {
            while (entries.hasNext()) {
                final AlertHistory history = decode(entries.next());
                any = true;
                if (history != null && filter.matches(history.latest())) {
                    matching.add(history);
                }
            }
        } catch (InvalidStateStoreException e) {
            throw notReady(e);
        }
        return new ModelAlerts(toJson(matching, filter.limit()), any);
    }

    /**
     * Returns the alerts of every model stored here that pass the filter, newest first, at most its limit.
     *
     * @throws ApiException 503 while the store is not queryable (starting or rebalancing)
     */
    List<JsonNode> all(final AlertFilter filter) {
        final List<AlertHistory> matching = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> entries = store(StoreQueryParameters
                .fromNameAndType(AlertView.STORE, QueryableStoreTypes.<String, byte[]>keyValueStore())).all()) {
            while (entries.hasNext()) {
                final AlertHistory history = decode(entries.next());
                if (history != null && filter.matches(history.latest())) {
                    matching.add(history);
                }
            }
        } catch (InvalidStateStoreException e) {
            throw notReady(e);
        }
        return toJson(matching, filter.limit());
    }

    /**
     * Returns whether the global reference store has a profile of {@code model}, of any version. A topology
     * without that store has no references.
     */
    boolean hasReference(final String model) {
        final ReadOnlyKeyValueStore<String, byte[]> references;
        try {
            references = streams.store(StoreQueryParameters.fromNameAndType(StoreNames.REFERENCES,
                    QueryableStoreTypes.<String, byte[]>keyValueStore()));
        } catch (UnknownStateStoreException e) {
            return false;
        } catch (InvalidStateStoreException e) {
            throw notReady(e);
        }
        final String prefix = model + '/';
        try (KeyValueIterator<String, byte[]> keys = references.prefixScan(prefix, new StringSerializer())) {
            while (keys.hasNext()) {
                // Keys are modelId/version (ReferenceKeys) and versions have no '/', so "a/b/v1" belongs to
                // model "a/b", not "a".
                if (keys.next().key.indexOf('/', prefix.length()) < 0) {
                    return true;
                }
            }
        } catch (InvalidStateStoreException e) {
            throw notReady(e);
        }
        return false;
    }

    private ReadOnlyKeyValueStore<String, byte[]> store(
            final StoreQueryParameters<ReadOnlyKeyValueStore<String, byte[]>> parameters) {
        try {
            return streams.store(parameters);
        } catch (UnknownStateStoreException e) {
            throw new IllegalStateException("the topology has no store " + AlertView.STORE
                    + "; add it with AlertView.addTo", e);
        }
    }

    private static AlertHistory decode(final KeyValue<String, byte[]> entry) {
        try {
            return AlertHistory.decode(entry.value);
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipped stored alert history '{}' that does not decode: {}",
                    entry.key.replace('\u0000', '/'), e.getMessage());
            return null;
        }
    }

    private static List<JsonNode> toJson(final List<AlertHistory> histories, final int limit) {
        histories.sort(AlertJson.NEWEST_HISTORY_FIRST);
        return histories.stream().limit(limit).map(history -> (JsonNode) AlertJson.alert(history)).toList();
    }

    private static ApiException notReady(final InvalidStateStoreException e) {
        return ApiException.unavailable("alert store is not queryable yet (" + e.getMessage() + "); the instance"
                + " is starting or rebalancing, retry in " + ApiException.RETRY_AFTER_SECONDS + " s");
    }
}
