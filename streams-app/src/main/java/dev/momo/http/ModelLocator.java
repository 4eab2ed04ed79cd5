package dev.momo.http;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Finds the instance that hosts a model: the active host of the model id's partition of the store
 * ({@link KafkaStreams#queryMetadataForKey}). Stores fed by topics keyed by model id keep each model in one
 * partition. Without an advertised address (see {@link HttpSettings}) the instance is alone and hosts every
 * partition.
 */
final class ModelLocator {

    /**
     * Where a model's entries are.
     *
     * @param partition the store partition, or -1 when this lone instance reads every local partition
     * @param host the active instance, null when it is this one
     */
    record Owner(int partition, HostInfo host) {

        boolean isLocal() {
            return host == null;
        }

        String address() {
            return host.host() + ":" + host.port();
        }
    }

    private final KafkaStreams streams;
    private final HostInfo self;

    ModelLocator(final KafkaStreams streams, final HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    /** Returns whether other instances may exist: false for a lone instance without an advertised address. */
    boolean forwards() {
        return self != null;
    }

    /**
     * Locates a model's partition of {@code store}.
     *
     * @param localScope whether the request was forwarded already, so that it must not go further
     * @throws ApiException 503 while the partition has no active instance, or when a forwarded request
     *     arrives at an instance that no longer hosts it
     */
    Owner locate(final String store, final String model, final boolean localScope) {
        if (self == null) {
            return new Owner(-1, null);
        }
        final KeyQueryMetadata metadata = streams.queryMetadataForKey(store, model, new StringSerializer());
        if (metadata == null) {
            throw new IllegalStateException("the topology has no store " + store + " fed by a source topic");
        }
        if (metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) || metadata.partition() < 0) {
            throw ApiException.unavailable("the location of model '" + model + "' is not known yet: the instance is"
                    + " starting or rebalancing; retry in " + ApiException.RETRY_AFTER_SECONDS + " s");
        }
        final HostInfo active = metadata.activeHost();
        if (active.equals(self)) {
            return new Owner(metadata.partition(), null);
        }
        if (active.equals(HostInfo.unavailable())) {
            throw ApiException.unavailable("no instance is active for partition " + metadata.partition() + " of model '"
                    + model + "' yet; retry in " + ApiException.RETRY_AFTER_SECONDS + " s");
        }
        if (localScope) {
            // The partition moved after the forwarding instance looked it up. The 503 goes back to the client.
            throw ApiException.unavailable("partition " + metadata.partition() + " of model '" + model + "' moved to "
                    + active.host() + ":" + active.port() + "; retry in " + ApiException.RETRY_AFTER_SECONDS + " s");
        }
        return new Owner(metadata.partition(), active);
    }

    /** Returns the other instances of the application, for requests that each instance serves in part. */
    List<HostInfo> others() {
        final List<HostInfo> hosts = new ArrayList<>();
        if (self != null) {
            for (final StreamsMetadata instance : streams.metadataForAllStreamsClients()) {
                if (!instance.hostInfo().equals(self)) {
                    hosts.add(instance.hostInfo());
                }
            }
        }
        return hosts;
    }
}
