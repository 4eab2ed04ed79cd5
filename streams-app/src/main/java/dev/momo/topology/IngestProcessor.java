package dev.momo.topology;

import dev.momo.metrics.MomoMetrics;
import dev.momo.registry.RegistryException;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes input records and validates them. A record that cannot be read becomes a rejection with the
 * original bytes and headers naming the error; the application keeps running and counts it. Keys of
 * accepted records become the model id.
 *
 * <p>One record may carry several values (a batch of predictions); each is forwarded on its own, with
 * the record's timestamp, headers and original bytes. A record is accepted or rejected as a whole: when
 * one value of a batch fails, none is forwarded.
 */
public final class IngestProcessor<T> implements Processor<byte[], byte[], String, Ingested<T>> {

    private static final Logger LOG = LoggerFactory.getLogger(IngestProcessor.class);
    /** Log the first rejections in full, then one line per this many, so a bad producer cannot flood the log. */
    private static final long LOG_EVERY = 1000;

    /**
     * Decodes one input record into the values it carries: one for most formats, one per row for a
     * batch. Implementations are called from stream threads and must be thread-safe.
     */
    @FunctionalInterface
    public interface Decoder<T> {

        /**
         * Returns the values of {@code record}, at least one.
         *
         * @throws RuntimeException whose message names the problem; the record then goes to the
         *     dead-letter topic, with a reason code made from the exception's class name
         *     ({@code UnknownSchemaException} gives {@code unknown_schema})
         */
        List<T> decode(InputRecord record);

        /**
         * Returns a decoder that reads exactly one value per record, such as a Kafka
         * {@code Deserializer}'s {@code deserialize(topic, headers, data)}.
         */
        static <T> Decoder<T> perRecord(final ValueDecoder<T> decoder) {
            return record -> {
                final T value = decoder.decode(record.topic(), record.headers(), record.value());
                return value == null ? List.of() : List.of(value);
            };
        }
    }

    /** Decodes one record value into one value, with the signature of Kafka's {@code Deserializer}. */
    @FunctionalInterface
    public interface ValueDecoder<T> {
        T decode(String topic, Headers headers, byte[] value);
    }

    private final Decoder<T> decoder;
    private final Function<T, String> modelIdOf;
    private final MomoMetrics metrics;
    private final boolean acceptsControlRecords;
    private ProcessorContext<String, Ingested<T>> context;
    private long rejections;

    IngestProcessor(final Decoder<T> decoder, final Function<T, String> modelIdOf, final MomoMetrics metrics,
                    final boolean acceptsControlRecords) {
        this.decoder = decoder;
        this.modelIdOf = modelIdOf;
        this.metrics = metrics;
        this.acceptsControlRecords = acceptsControlRecords;
    }

    @Override
    public void init(final ProcessorContext<String, Ingested<T>> context) {
        this.context = context;
    }

    @Override
    public void process(final Record<byte[], byte[]> record) {
        if (acceptsControlRecords && DeadLetterHeaders.isFlush(record.headers())) {
            context.forward(new Record<>(null, Ingested.<T>flushRequest(), record.timestamp()));
            return;
        }
        final RecordMetadata source = context.recordMetadata().orElseThrow();
        if (record.value() == null) {
            reject(record, source, "null_value", "record has no value; expected an Avro (wire format) or JSON event");
            return;
        }

        final List<T> values;
        try {
            values = decoder.decode(new InputRecord(source.topic(), source.partition(), source.offset(),
                    record.timestamp(), record.headers(), record.value()));
        } catch (RuntimeException e) {
            final RegistryException outage = registryOutage(e);
            if (outage != null) {
                // Not the record's fault: fail the task, so that the record is read again after the thread
                // restarts, rather than dead-letter good data while the registry is down or refuses us.
                LOG.error("Schema registry unavailable while reading {}-{}@{}; the stream thread restarts and"
                        + " reads the record again: {}", source.topic(), source.partition(), source.offset(),
                        outage.getMessage());
                throw e;
            }
            reject(record, source, reasonOf(e), e.getMessage() == null ? e.toString() : e.getMessage());
            return;
        }
        if (values == null || values.isEmpty()) {
            reject(record, source, "no_events", "record decoded to no events; expected at least one");
            return;
        }

        // Rows of one record are forwarded one after another, before the next record, so later steps can
        // number them by their position among the values of the same input offset.
        for (final T value : values) {
            context.forward(new Record<>(modelIdOf.apply(value), Ingested.accepted(value, record.key(), record.value()),
                    record.timestamp(), record.headers()));
        }
    }

    private void reject(final Record<byte[], byte[]> record, final RecordMetadata source, final String reason,
                        final String message) {
        rejections++;
        metrics.eventRejected(source.topic(), reason);
        if (rejections <= 10 || rejections % LOG_EVERY == 0) {
            LOG.warn("Rejected record {}-{}@{} ({} rejected on this task so far), sent to the dead-letter topic: {}",
                    source.topic(), source.partition(), source.offset(), rejections, message);
        }
        context.forward(new Record<>(null, Ingested.<T>rejected(record.key(), record.value()), record.timestamp(),
                DeadLetterHeaders.rejection(record.headers(), reason, message, source.topic(), source.partition(),
                        source.offset())));
    }

    /** Returns the reason code of a decoding failure: the exception's simple class name without its suffix, in snake case. */
    /** Returns the registry outage behind an exception, or null when the record itself is at fault. */
    static RegistryException registryOutage(final Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RegistryException registry && registry.isOutage()) {
                return registry;
            }
        }
        return null;
    }

    static String reasonOf(final RuntimeException e) {
        final String name = e.getClass().getSimpleName();
        return name.endsWith("Exception") ? toSnake(name.substring(0, name.length() - "Exception".length())) : "invalid";
    }

    private static String toSnake(final String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
