package dev.momo.topology;

import org.apache.kafka.common.header.Headers;

/**
 * One input record, as passed to an {@link IngestProcessor.Decoder}.
 *
 * @param topic the source topic
 * @param partition the source partition
 * @param offset the record's offset in its partition
 * @param timestamp the record's Kafka timestamp in epoch milliseconds
 * @param headers the record headers
 * @param value the value bytes, never null
 */
public record InputRecord(String topic, int partition, long offset, long timestamp, Headers headers, byte[] value) {

    /**
     * Returns the record's position as Kafka's own logs write it, {@code topic-partition@offset}, for
     * example {@code inferences-0@42}. It identifies the record for good, because offsets never change.
     */
    public String position() {
        return topic + "-" + partition + "@" + offset;
    }
}
