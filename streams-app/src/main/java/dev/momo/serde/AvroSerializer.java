package dev.momo.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes Avro records into the Confluent wire format. The first record of each topic and schema
 * registers the schema under the subject that the {@link SubjectNameStrategy} names, by default
 * {@code TOPIC-value}, or {@code TOPIC-key} for keys (Confluent's TopicNameStrategy), and the
 * serializer caches the returned id. Thread-safe.
 *
 * <p>The registry comes from the constructor or, when none was given, from
 * {@value SchemaRegistries#URL_CONFIG} in {@link #configure(Map, boolean)}. The strategy comes from the
 * constructor or, when none was given, from {@value SubjectNameStrategy#KEY_CONFIG} or
 * {@value SubjectNameStrategy#VALUE_CONFIG} in {@link #configure(Map, boolean)}.
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private volatile SchemaRegistryClient registry;
    private volatile SubjectNameStrategy subjectNameStrategy;
    private volatile boolean isKey;

    private final ConcurrentMap<SubjectSchema, Integer> schemaIds = new ConcurrentHashMap<>();
    private final ConcurrentMap<Class<?>, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();

    /** Creates a value serializer that takes its registry from {@link #configure(Map, boolean)}. */
    public AvroSerializer() {
    }

    /**
     * Creates a value serializer that uses {@code registry}. {@link #configure(Map, boolean)} can still
     * turn it into a key serializer.
     */
    public AvroSerializer(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /**
     * Creates a value serializer that uses {@code registry} and names subjects with {@code strategy}.
     * {@link #configure(Map, boolean)} can still turn it into a key serializer, but does not change
     * the strategy.
     */
    public AvroSerializer(SchemaRegistryClient registry, SubjectNameStrategy strategy) {
        if (strategy == null) {
            throw new IllegalArgumentException("subject name strategy must not be null; pass"
                    + " SubjectNameStrategy.TOPIC_NAME for Confluent's default");
        }
        this.registry = registry;
        this.subjectNameStrategy = strategy;
    }

    /**
     * Sets whether this serializes keys. Unless a registry was passed to the constructor, it also
     * creates the registry client from {@value SchemaRegistries#URL_CONFIG}. Unless a strategy was
     * passed to the constructor, it reads it from {@value SubjectNameStrategy#KEY_CONFIG} or
     * {@value SubjectNameStrategy#VALUE_CONFIG}, TopicNameStrategy when absent.
     *
     * @throws org.apache.kafka.common.config.ConfigException if no registry was given and the URL is
     *     missing, or the strategy setting names no strategy
     * @throws IllegalArgumentException if the URL is not supported
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (subjectNameStrategy == null) {
            subjectNameStrategy = strategyFrom(configs, isKey);
        }
        if (registry == null) {
            registry = SerdeConfig.registryFrom(configs, "AvroSerializer");
        }
    }

    /**
     * Returns the record in the Confluent wire format, or null for a null record (a tombstone).
     *
     * @throws SerdeException if the schema cannot be registered or the record does not match its
     *     schema
     */
    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (topic == null) {
            throw new SerdeException("Cannot serialize " + record.getClass().getName()
                    + " without a topic: the schema subject is derived from the topic name.");
        }

        int schemaId = schemaIdFor(topic, record.getSchema());
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(WireFormat.header(schemaId));
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writerFor(record).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerdeException("Failed to serialize " + record.getClass().getName() + " for topic '" + topic
                    + "': " + e.getMessage() + ". Check that every field without a default is set and has the"
                    + " type that the schema declares.", e);
        }
        return out.toByteArray();
    }

    private int schemaIdFor(String topic, Schema schema) {
        SubjectNameStrategy strategy = subjectNameStrategy == null ? SubjectNameStrategy.TOPIC_NAME : subjectNameStrategy;
        String subject;
        try {
            subject = strategy.subjectName(topic, isKey, schema);
        } catch (IllegalArgumentException e) {
            throw new SerdeException("Cannot name the schema subject for topic '" + topic + "': " + e.getMessage(), e);
        }
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = schemaIds.get(key);
        if (cached != null) {
            return cached;
        }

        SchemaRegistryClient client = SerdeConfig.requireRegistry(registry, "AvroSerializer");
        int schemaId;
        try {
            schemaId = client.register(subject, schema);
        } catch (RuntimeException e) {
            throw new SerdeException("Failed to register the schema of " + schema.getFullName() + " under subject '"
                    + subject + "' for topic '" + topic + "': " + e.getMessage(), e);
        }
        schemaIds.put(key, schemaId);
        return schemaId;
    }

    private static SubjectNameStrategy strategyFrom(Map<String, ?> configs, boolean isKey) {
        String key = isKey ? SubjectNameStrategy.KEY_CONFIG : SubjectNameStrategy.VALUE_CONFIG;
        Object value = configs == null ? null : configs.get(key);
        if (value == null) {
            return SubjectNameStrategy.TOPIC_NAME;
        }
        String text = value instanceof Class<?> type ? type.getName() : value.toString();
        try {
            return SubjectNameStrategy.parse(key, text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, value, e.getMessage());
        }
    }

    private SpecificDatumWriter<T> writerFor(T record) {
        // The model of the generated class carries its logical-type conversions, such as the one for
        // timestamp-millis fields of type Instant.
        return writers.computeIfAbsent(record.getClass(),
                type -> new SpecificDatumWriter<>(record.getSchema(), SpecificData.getForClass(type)));
    }

    private record SubjectSchema(String subject, Schema schema) {
    }
}
