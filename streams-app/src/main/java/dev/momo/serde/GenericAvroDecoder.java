package dev.momo.serde;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.kafka.common.header.Headers;

/**
 * Decodes Avro records of any schema in the Confluent wire format into Avro's generic
 * representation, read with the writer schema itself: {@code GenericRecord} for records, {@code Map}
 * with {@code Utf8} keys, {@code List}, {@code Utf8} strings, boxed numbers and {@code ByteBuffer}.
 * Logical types stay in their underlying type (a timestamp-millis is a {@code Long}), because
 * {@link GenericData#get()} registers no conversions.
 *
 * <p>The writer schema comes from the {@code __value_schema_id} header (an id or a GUID) or else
 * from the payload prefix, as {@link WireFormat} describes. Schemas are cached per id and GUID.
 * Thread-safe.
 */
public final class GenericAvroDecoder {

    private final SchemaRegistryClient registry;
    private final ConcurrentMap<SchemaId, GenericDatumReader<Object>> readers = new ConcurrentHashMap<>();

    /**
     * @param registry where writer schemas are looked up, or null to decode no Avro at all: each
     *     record in the wire format then fails with a message that names the missing setting
     */
    public GenericAvroDecoder(final SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /**
     * Returns whether the record names an Avro writer schema, by a {@code __value_schema_id} header or
     * by magic byte 0 in the payload. Records that do not may be JSON.
     */
    public static boolean carriesSchemaId(final Headers headers, final byte[] data) {
        return WireFormat.carriesSchemaId(headers, data);
    }

    /**
     * Returns the decoded value, usually a {@code GenericRecord}.
     *
     * @param origin where the record comes from, for messages
     * @param headers the record headers, or null when the input has none
     * @throws UnknownSchemaException if the registry has no schema with the record's id or GUID
     * @throws SerdeException if the record is not in the wire format, there is no registry, or the
     *     payload does not match its writer schema
     */
    public Object decode(final String origin, final Headers headers, final byte[] data) {
        if (registry == null) {
            throw new SerdeException("Record from " + origin + " is in the Confluent wire format, but no schema"
                    + " registry is configured to look up its writer schema. Set " + SchemaRegistries.URL_CONFIG + ".");
        }
        final WireFormat.Framing framing = WireFormat.framing(origin, headers, data);
        final GenericDatumReader<Object> reader = readerFor(origin, framing);
        return WireFormat.read(reader, framing, data, origin);
    }

    private GenericDatumReader<Object> readerFor(final String origin, final WireFormat.Framing framing) {
        final GenericDatumReader<Object> cached = readers.get(framing.schemaId());
        if (cached != null) {
            return cached;
        }
        // Unknown ids are not cached, because the schema may be registered later.
        final Schema writerSchema = WriterSchemas.fetch(registry, "GenericAvroDecoder", origin, framing);
        final GenericDatumReader<Object> reader = new GenericDatumReader<>(writerSchema, writerSchema,
                GenericData.get());
        final GenericDatumReader<Object> raced = readers.putIfAbsent(framing.schemaId(), reader);
        return raced == null ? reader : raced;
    }
}
