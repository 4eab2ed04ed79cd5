package dev.momo.serde;

import com.fasterxml.jackson.databind.JsonNode;
import dev.momo.serde.JsonFields.InvalidJsonException;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializer of input records that come either in the Confluent wire format or as a JSON object,
 * for producers without Avro. The subclass maps the JSON object to the record. Thread-safe.
 *
 * <p>The format is chosen in this order: a record with a {@code __value_schema_id} header is Avro
 * whose writer schema the header names (an id or a GUID), and its payload is bare Avro binary; a
 * record whose first byte is 0 is Avro with the schema id in its payload prefix; any other record
 * must be a JSON object (see {@link JsonInput} for what JSON is accepted). Fields that the subclass
 * does not know are ignored.
 */
public abstract sealed class DualFormatDecoder<T extends SpecificRecord> implements Deserializer<T>
        permits InferenceEventDecoder, GroundTruthDecoder {

    private final AvroDeserializer<T> avro;
    private final String recordName;

    /**
     * @param recordName name of the record in messages, such as {@code inference event}
     * @param registry registry for records in the wire format, or null to read only JSON until
     *     {@link #configure(Map, boolean)} sets {@value SchemaRegistries#URL_CONFIG}
     */
    DualFormatDecoder(Class<T> type, String recordName, SchemaRegistryClient registry) {
        this.avro = new AvroDeserializer<>(type, registry);
        this.recordName = recordName;
    }

    /**
     * Creates the registry client from {@value SchemaRegistries#URL_CONFIG}, unless a registry was
     * passed to the constructor. Without the setting the decoder reads only JSON.
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (configs != null && configs.get(SchemaRegistries.URL_CONFIG) != null) {
            avro.configure(configs, isKey);
        }
    }

    /**
     * Returns the record, or null for null data (a tombstone). Without headers, only the payload
     * prefix can name an Avro writer schema.
     *
     * @throws SerdeException if the data is in neither format, or invalid in its format
     */
    @Override
    public T deserialize(String topic, byte[] data) {
        return decode("topic '" + topic + "'", null, data);
    }

    /**
     * Returns the record, or null for null data (a tombstone), taking the writer schema from the
     * {@code __value_schema_id} header when the record has one.
     *
     * @throws SerdeException if the data is in neither format, or invalid in its format
     */
    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        return decode("topic '" + topic + "'", headers, data);
    }

    /**
     * Decodes {@code data}, which has no headers, like {@link #deserialize(String, byte[])}. Error
     * messages name the data as coming from {@code origin}, for example {@code events.jsonl line 12}.
     */
    public T decode(String origin, byte[] data) {
        return decode(origin, null, data);
    }

    /**
     * Decodes {@code data} like {@link #deserialize(String, Headers, byte[])}. Error messages name the
     * data as coming from {@code origin}.
     *
     * @param headers the record headers, or null when the input has none
     */
    public T decode(String origin, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        if (WireFormat.carriesSchemaId(headers, data)) {
            if (!avro.hasRegistry()) {
                throw new SerdeException("Record from " + origin + " is in the Confluent wire format, but the "
                        + recordName + " decoder has no schema registry. Set " + SchemaRegistries.URL_CONFIG
                        + ", or pass a SchemaRegistryClient to the decoder's constructor.");
            }
            return avro.decode(origin, headers, data);
        }

        JsonNode object = JsonInput.readObject(origin, recordName, data);
        try {
            return fromJson(object);
        } catch (InvalidJsonException e) {
            throw new SerdeException("Invalid JSON " + recordName + " from " + origin + ": " + e.getMessage() + ".", e);
        }
    }

    /**
     * Maps a JSON object to the record.
     *
     * @throws InvalidJsonException naming the field that is missing or invalid
     */
    abstract T fromJson(JsonNode object);
}
