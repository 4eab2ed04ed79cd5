package dev.momo.topology;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the records of one of Momo's own output topics that a view reads back. The topics hold only what
 * the topology wrote, so a record that does not decode is rare: it is counted, logged (the first ten, then
 * every thousandth) and skipped, whatever deserialization handler the application configures.
 *
 * @param <T> the record type
 */
final class OutputRecordDecoder<T> {

    private static final Logger LOG = LoggerFactory.getLogger(OutputRecordDecoder.class);

    private final Deserializer<T> deserializer;
    private final String typeName;
    private ProcessorContext<?, ?> context;
    private long skipped;

    /** @param typeName the record type in log lines, such as DriftAlert */
    OutputRecordDecoder(final Deserializer<T> deserializer, final String typeName) {
        this.deserializer = deserializer;
        this.typeName = typeName;
    }

    void init(final ProcessorContext<?, ?> context) {
        this.context = context;
    }

    /** Returns the decoded value, or null for a tombstone or a value that does not decode. */
    T decode(final Record<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return deserializer.deserialize(context.recordMetadata().map(RecordMetadata::topic).orElse(null),
                    record.value());
        } catch (RuntimeException e) {
            skipped++;
            if (skipped <= 10 || skipped % 1000 == 0) {
                LOG.warn("Skipped record at {} that does not decode as {} ({} skipped by task {}): {}", position(),
                        typeName, skipped, context.taskId(), e.getMessage());
            }
            return null;
        }
    }

    /** Returns topic-partition@offset of the record in process, or the task when there is none. */
    String position() {
        return context.recordMetadata()
                .map(meta -> meta.topic() + "-" + meta.partition() + "@" + meta.offset())
                .orElse("task " + context.taskId());
    }
}
