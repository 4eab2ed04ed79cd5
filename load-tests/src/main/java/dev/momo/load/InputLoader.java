package dev.momo.load;

import dev.momo.schema.InferenceEvent;
import dev.momo.serde.AvroSerializer;
import dev.momo.serde.SchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the benchmark's inference events before any application starts, so that the timed runs
 * read a topic that is already complete.
 *
 * <p>Event {@code i} goes to partition {@code i % partitions}, which gives every partition the same
 * count (up to one event) whatever the key. The key is the model id, as a model server would send it.
 * The partition is set explicitly, because the default partitioner would put all events of the one
 * model on a single partition. Event {@code i} has event time and record timestamp {@code firstEventTime + i} ms.
 */
final class InputLoader {

    private static final Logger LOG = LoggerFactory.getLogger(InputLoader.class);
    private static final long PROGRESS_EVERY = 100_000;

    /**
     * Summary of the published events.
     *
     * @param perPartition events per partition, indexed by partition
     * @param valueBytes total size of the serialized values
     */
    record Published(long[] perPartition, long valueBytes) {
    }

    private InputLoader() {
    }

    /**
     * Publishes {@code events} events and waits until the broker acknowledged all of them.
     *
     * @param seed seed of the feature values; the same seed gives the same events
     */
    static Published publish(final String bootstrapServers, final String topic, final int partitions, final long events,
                          final long seed, final long firstEventTime, final SchemaRegistryClient registry) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);

        final SplittableRandom random = new SplittableRandom(seed);
        final byte[] key = SyntheticModel.MODEL_ID.getBytes(StandardCharsets.UTF_8);
        final long[] perPartition = new long[partitions];
        final long startNanos = System.nanoTime();
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer());
             AvroSerializer<InferenceEvent> serializer = new AvroSerializer<>(registry)) {
            for (long i = 0; i < events; i++) {
                final long eventTime = firstEventTime + i;
                final InferenceEvent event = SyntheticModel.event(i, SyntheticModel.draw(random), eventTime);
                final byte[] value = serializer.serialize(topic, event);
                final int partition = (int) (i % partitions);
                producer.send(new ProducerRecord<>(topic, partition, eventTime, key, value), (metadata, error) -> {
                    if (error != null) {
                        LOG.error("Failed to publish an event to {}-{}", topic, partition, error);
                    }
                });
                perPartition[partition]++;
                bytes += value.length;
                if ((i + 1) % PROGRESS_EVERY == 0) {
                    LOG.info("Published {} of {} events", i + 1, events);
                }
            }
            // flush() returns after every send completed; a failed send was logged by its callback above.
            producer.flush();
        }
        LOG.info("Published {} events ({} MB of values, {} bytes per event on average) to {} in {} ms", events,
                bytes / 1_000_000, events == 0 ? 0 : bytes / events, topic, (System.nanoTime() - startNanos) / 1_000_000);
        return new Published(perPartition, bytes);
    }
}
