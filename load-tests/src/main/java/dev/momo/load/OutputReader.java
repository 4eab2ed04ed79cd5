package dev.momo.load;

import dev.momo.topology.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an output topic from the beginning with {@code read_committed}, so that only records of
 * committed transactions count.
 */
final class OutputReader {

    private static final Logger LOG = LoggerFactory.getLogger(OutputReader.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    private OutputReader() {
    }

    /**
     * Reads every partition of {@code topic} from the beginning until at least {@code expected} records
     * arrived and then either the consumer's position reached the last stable offset of every partition
     * or no record followed for {@code quiet}, or until {@code timeout}. Reading on to the end finds
     * records beyond the expected count. The quiet period ends the read when the position stops just
     * before a trailing transaction marker.
     *
     * @param onRecord receives each record read
     * @return the number of records read
     */
    static long read(final String bootstrapServers, final String topic, final long expected, final Duration quiet,
                     final Duration timeout, final Consumer<ConsumerRecord<byte[], byte[]>> onRecord) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_RECORD_BYTES);
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final long deadline = System.nanoTime() + timeout.toNanos();
            long lastRecordAt = System.nanoTime();
            while (true) {
                final var records = consumer.poll(POLL_TIMEOUT);
                for (final ConsumerRecord<byte[], byte[]> record : records) {
                    onRecord.accept(record);
                    count++;
                }
                final long now = System.nanoTime();
                if (!records.isEmpty()) {
                    lastRecordAt = now;
                }
                if (count >= expected && (now - lastRecordAt > quiet.toNanos() || reachedEnd(consumer, partitions))) {
                    return count;
                }
                if (now > deadline) {
                    LOG.warn("Stopped reading {} after {} s with {} records, {} expected", topic,
                            timeout.toSeconds(), count, expected);
                    return count;
                }
            }
        }
    }

    private static boolean reachedEnd(final KafkaConsumer<byte[], byte[]> consumer,
                                      final List<TopicPartition> partitions) {
        // With read_committed, endOffsets returns the last stable offset.
        final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (final TopicPartition partition : partitions) {
            if (consumer.position(partition) < ends.get(partition)) {
                return false;
            }
        }
        return true;
    }
}
