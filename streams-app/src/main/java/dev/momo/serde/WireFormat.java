package dev.momo.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Layout of the Confluent wire format. A record names its writer schema in one of two places:
 * <ul>
 *   <li>in the payload prefix: magic byte 0, the schema id as a 4-byte big-endian int, then the
 *       record in Avro binary encoding;</li>
 *   <li>in the record header {@value #VALUE_SCHEMA_ID_HEADER}, which newer Confluent serializers
 *       write instead of the prefix: magic byte 0 and the 4-byte id, or magic byte 1 and the schema's
 *       16-byte GUID (most significant byte first). The payload is then the bare Avro binary.</li>
 * </ul>
 * The header wins when both are present, as in the dual strategy of Confluent's deserializers
 * ({@code DualSchemaIdDecoder} in Confluent's .NET client, package Confluent.SchemaRegistry).
 */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    /** Header that carries the value's writer schema id or GUID. */
    static final String VALUE_SCHEMA_ID_HEADER = "__value_schema_id";
    /** Magic byte of a schema GUID reference in {@value #VALUE_SCHEMA_ID_HEADER}. */
    static final byte MAGIC_BYTE_GUID = 1;
    /** Length of a GUID reference: the magic byte and 16 bytes. */
    static final int GUID_REFERENCE_SIZE = 17;

    private WireFormat() {
    }

    static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }

    /** Returns the schema id of a record whose length and magic byte the caller has checked. */
    static int readSchemaId(byte[] record) {
        return ByteBuffer.wrap(record, 1, 4).getInt();
    }

    /**
     * Returns whether the record names a writer schema, in the header or with magic byte 0 in the
     * payload. A record that does not may still be JSON.
     */
    static boolean carriesSchemaId(final Headers headers, final byte[] data) {
        return schemaIdHeader(headers) != null || (data != null && data.length > 0 && data[0] == MAGIC_BYTE);
    }

    /**
     * Returns the writer schema reference of a record and where its Avro binary starts.
     *
     * @throws SerdeException if the header value is malformed, the payload is shorter than its prefix
     *     or the payload starts with another byte than 0 and no header names the schema
     */
    static Framing framing(final String origin, final Headers headers, final byte[] data) {
        final Header header = schemaIdHeader(headers);
        if (header != null) {
            return new Framing(headerReference(origin, header.value()), 0, true);
        }

        if (data.length < HEADER_SIZE) {
            throw new SerdeException("Record of " + data.length + " bytes from " + origin + " is too short: the"
                    + " Confluent wire format needs at least " + HEADER_SIZE + " bytes (magic byte 0 and"
                    + " a 4-byte schema id), and the record has no " + VALUE_SCHEMA_ID_HEADER + " header. Check"
                    + " that the producer uses a Confluent-compatible Avro serializer.");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerdeException(unknownMagicByteMessage(origin, data[0]));
        }
        return new Framing(SchemaId.ofId(readSchemaId(data)), HEADER_SIZE, false);
    }

    private static SchemaId headerReference(final String origin, final byte[] value) {
        if (value == null || value.length == 0) {
            throw new SerdeException("Header " + VALUE_SCHEMA_ID_HEADER + " of the record from " + origin
                    + " is empty: expected magic byte 0 and a 4-byte schema id, or magic byte 1 and a 16-byte GUID.");
        }
        final byte magicByte = value[0];
        if (magicByte == MAGIC_BYTE) {
            requireLength(origin, value, HEADER_SIZE, "magic byte 0 and a 4-byte schema id");
            return SchemaId.ofId(ByteBuffer.wrap(value, 1, 4).getInt());
        }
        if (magicByte == MAGIC_BYTE_GUID) {
            requireLength(origin, value, GUID_REFERENCE_SIZE, "magic byte 1 and a 16-byte GUID");
            final ByteBuffer guid = ByteBuffer.wrap(value, 1, 16);
            return SchemaId.ofGuid(new UUID(guid.getLong(), guid.getLong()));
        }
        throw new SerdeException("Header " + VALUE_SCHEMA_ID_HEADER + " of the record from " + origin
                + " has unknown magic byte " + hex(magicByte) + ", expected 0 (schema id) or 1 (schema GUID)."
                + " Check that the producer uses a Confluent-compatible serializer.");
    }

    private static void requireLength(final String origin, final byte[] value, final int length,
                                      final String layout) {
        if (value.length != length) {
            throw new SerdeException("Header " + VALUE_SCHEMA_ID_HEADER + " of the record from " + origin + " has "
                    + value.length + " bytes, expected " + length + " (" + layout + ").");
        }
    }

    static String unknownMagicByteMessage(final String origin, final byte magicByte) {
        String message = "Record from " + origin + " has unknown magic byte " + hex(magicByte)
                + ", expected 0 (Confluent wire format). Check that the producer uses a Confluent-compatible"
                + " Avro serializer.";
        if (magicByte == '{') {
            message += " The record starts with '{' and may be JSON, which InferenceEventDecoder and"
                    + " GroundTruthDecoder accept.";
        }
        return message;
    }

    /** Returns the last {@value #VALUE_SCHEMA_ID_HEADER} header, or null when there is none. */
    private static Header schemaIdHeader(final Headers headers) {
        return headers == null ? null : headers.lastHeader(VALUE_SCHEMA_ID_HEADER);
    }

    /** Returns a byte as it appears in messages, for example {@code 0x7b}. */
    static String hex(byte value) {
        return String.format("0x%02x", value & 0xff);
    }

    /** Returns the subject of a topic under Confluent's TopicNameStrategy. */
    static String subjectName(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    /**
     * Location of a record's writer schema reference and of its Avro binary.
     *
     * @param schemaId the writer schema reference
     * @param payloadOffset index of the first byte of the Avro binary
     * @param fromHeader true when the reference came from {@value #VALUE_SCHEMA_ID_HEADER}
     */
    record Framing(SchemaId schemaId, int payloadOffset, boolean fromHeader) {

        /** Returns the reference as messages show it, with the place it came from. */
        String describe() {
            return "schema " + schemaId + (fromHeader ? " (from header " + VALUE_SCHEMA_ID_HEADER + ")" : "");
        }
    }

    /**
     * Reads the Avro body of a record after its framing with {@code reader}, whose writer schema is the one
     * the framing names.
     *
     * @throws SerdeException naming the record's size, origin and writer schema when the body is truncated
     *     or does not match that schema
     */
    static <T> T read(final DatumReader<T> reader, final Framing framing, final byte[] data, final String origin) {
        final int length = data.length - framing.payloadOffset();
        final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, framing.payloadOffset(), length, null);
        try {
            return reader.read(null, decoder);
        } catch (EOFException e) {
            throw new SerdeException("Record of " + data.length + " bytes from " + origin + " ends before the end"
                    + " of its writer " + framing.describe() + ". The record is truncated or was written with"
                    + " another schema than the one its id names.", e);
        } catch (IOException | RuntimeException e) {
            throw new SerdeException("Failed to decode record of " + data.length + " bytes from " + origin
                    + " with writer " + framing.describe() + ": " + e + ". The record does not match the schema"
                    + " registered under its id.", e);
        }
    }
}
