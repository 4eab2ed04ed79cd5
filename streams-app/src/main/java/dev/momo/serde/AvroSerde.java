package dev.momo.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for the generated Avro class {@code T} in the Confluent wire format: magic byte 0, the
 * 4-byte big-endian schema id, then the record in Avro binary encoding. Schemas are registered under
 * {@code TOPIC-value}, or {@code TOPIC-key} after {@code configure(configs, true)}.
 *
 * <p>Give it a registry in the constructor, or configure it with {@value SchemaRegistries#URL_CONFIG}
 * set to {@code mock://NAME}. Kafka Streams 4.3 does not call {@code configure} on serdes passed to
 * {@code Consumed.with} or {@code Produced.with}, so pass the registry to the constructor there.
 *
 * <p>Loading this serde makes Avro trust the generated classes (see {@link AvroClassTrust}).
 */
public class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    /** Creates a value serde that takes its registry from {@link #configure(Map, boolean)}. */
    public AvroSerde(Class<T> type) {
        this.serializer = new AvroSerializer<>();
        this.deserializer = new AvroDeserializer<>(type);
    }

    /** Creates a value serde that uses {@code registry}. */
    public AvroSerde(Class<T> type, SchemaRegistryClient registry) {
        this.serializer = new AvroSerializer<>(registry);
        this.deserializer = new AvroDeserializer<>(type, registry);
    }

    /**
     * Sets whether this serde handles keys and, unless a registry was passed to the constructor,
     * creates the registry client from {@value SchemaRegistries#URL_CONFIG}.
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
