package dev.momo.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.momo.serde.JsonFields.InvalidJsonException;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializer of input records that come either in the Confluent wire format (first byte 0) or as
 * a JSON object (first byte after any whitespace is '{'), for producers without Avro. The subclass
 * maps the JSON object to the record. Thread-safe.
 *
 * <p>JSON input is UTF-8. Besides standard JSON it accepts the bare tokens {@code NaN},
 * {@code Infinity} and {@code -Infinity}, which Python's {@code json.dumps} writes for such floats,
 * and reads them as doubles. Fields that the subclass does not know are ignored.
 */
public abstract sealed class DualFormatDecoder<T extends SpecificRecord> implements Deserializer<T>
        permits InferenceEventDecoder, GroundTruthDecoder {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Keeps record contents out of exception messages, which end up in logs.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final byte[] UTF8_BYTE_ORDER_MARK = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

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
     * Returns the record, or null for null data (a tombstone).
     *
     * @throws SerdeException if the data is in neither format, or invalid in its format
     */
    @Override
    public T deserialize(String topic, byte[] data) {
        return decode("topic '" + topic + "'", data);
    }

    /**
     * Decodes {@code data} like {@link #deserialize(String, byte[])}. Error messages name the data
     * as coming from {@code origin}, for example {@code events.jsonl line 12}.
     */
    public T decode(String origin, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == WireFormat.MAGIC_BYTE) {
            if (!avro.hasRegistry()) {
                throw new SerdeException("Record from " + origin + " is in the Confluent wire format, but the "
                        + recordName + " decoder has no schema registry. Set " + SchemaRegistries.URL_CONFIG
                        + ", or pass a SchemaRegistryClient to the decoder's constructor.");
            }
            return avro.decode(origin, data);
        }

        int start = firstContentIndex(data);
        if (start == data.length) {
            throw new SerdeException("Record from " + origin + " is empty: expected the Confluent wire format or a"
                    + " JSON object.");
        }
        if (data[start] != '{') {
            throw new SerdeException("Record from " + origin + " is in neither supported format: it starts with byte "
                    + WireFormat.hex(data[start]) + ", but the Confluent wire format starts with 0 and a JSON object"
                    + " with '{'. Send one " + recordName + " per record, as Avro or as a JSON object.");
        }
        return decodeJson(origin, data, start);
    }

    /**
     * Maps a JSON object to the record.
     *
     * @throws InvalidJsonException naming the field that is missing or invalid
     */
    abstract T fromJson(JsonNode object);

    private T decodeJson(String origin, byte[] data, int start) {
        JsonNode object;
        try {
            object = JSON.readTree(data, start, data.length - start);
        } catch (JsonProcessingException e) {
            throw new SerdeException("Invalid JSON in " + recordName + " record from " + origin + ": "
                    + e.getOriginalMessage() + " at " + describeLocation(e) + ".", e);
        } catch (IOException e) {
            throw new SerdeException("Failed to read JSON " + recordName + " record from " + origin + ": " + e, e);
        }

        try {
            return fromJson(object);
        } catch (InvalidJsonException e) {
            throw new SerdeException("Invalid JSON " + recordName + " from " + origin + ": " + e.getMessage() + ".", e);
        }
    }

    /** Returns the index of the first byte after a UTF-8 byte order mark and JSON whitespace. */
    private static int firstContentIndex(byte[] data) {
        int index = 0;
        if (data.length >= 3 && data[0] == UTF8_BYTE_ORDER_MARK[0] && data[1] == UTF8_BYTE_ORDER_MARK[1]
                && data[2] == UTF8_BYTE_ORDER_MARK[2]) {
            index = 3;
        }
        while (index < data.length && isJsonWhitespace(data[index])) {
            index++;
        }
        return index;
    }

    private static boolean isJsonWhitespace(byte value) {
        return value == ' ' || value == '\t' || value == '\n' || value == '\r';
    }

    private static String describeLocation(JsonProcessingException e) {
        if (e.getLocation() == null) {
            return "an unknown position";
        }
        return "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
