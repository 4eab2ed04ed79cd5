package dev.momo.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads a topic from its start with {@code read_committed}, as downstream consumers of Momo would. */
public final class TopicReader {

    private TopicReader() {
    }

    /**
     * Reads until {@code expected} records arrived (or {@code timeout} passed), then {@code settle} longer,
     * so that records beyond the expected count (duplicates) show up too.
     */
    public static <T> List<T> read(final String bootstrap, final String topic, final int partitions,
                                   final Deserializer<T> deserializer, final long expected, final Duration timeout,
                                   final Duration settle) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final List<T> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> assigned = IntStream.range(0, partitions)
                    .mapToObj(partition -> new TopicPartition(topic, partition)).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            final long deadline = System.nanoTime() + timeout.toNanos();
            long settleDeadline = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleDeadline)) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(deserializer.deserialize(topic, record.value()));
                }
                if (values.size() >= expected && settleDeadline == Long.MAX_VALUE) {
                    settleDeadline = System.nanoTime() + settle.toNanos();
                }
            }
        }
        return values;
    }
}
