package dev.momo.serde;

import java.nio.ByteBuffer;

/**
 * Layout of the Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then
 * the record in Avro binary encoding.
 */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }

    /** Returns the schema id of a record whose length and magic byte the caller has checked. */
    static int readSchemaId(byte[] record) {
        return ByteBuffer.wrap(record, 1, 4).getInt();
    }

    /** Returns a byte as it appears in messages, for example {@code 0x7b}. */
    static String hex(byte value) {
        return String.format("0x%02x", value & 0xff);
    }

    /** Returns the subject of a topic under Confluent's TopicNameStrategy. */
    static String subjectName(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
