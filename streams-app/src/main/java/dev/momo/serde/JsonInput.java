package dev.momo.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Reads one JSON object per input record, for producers without Avro.
 *
 * <p>Input is UTF-8, optionally after a byte order mark and whitespace. Besides standard JSON it
 * accepts the bare tokens {@code NaN}, {@code Infinity} and {@code -Infinity}, which Python's
 * {@code json.dumps} writes for such floats, and reads them as doubles. Text after the object is an
 * error. Error messages give the line and column but never the record's content.
 */
public final class JsonInput {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Keeps record contents out of exception messages, which end up in logs.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final byte[] UTF8_BYTE_ORDER_MARK = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

    private JsonInput() {
    }

    /**
     * Returns the JSON object in {@code data}.
     *
     * @param origin where the record comes from, for messages, such as {@code topic 'inference'}
     * @param recordName name of the record in messages, such as {@code inference event}
     * @throws SerdeException if the data is empty, does not start with '{' or is not valid JSON
     */
    public static JsonNode readObject(final String origin, final String recordName, final byte[] data) {
        final int start = firstContentIndex(data);
        if (start == data.length) {
            throw new SerdeException("Record from " + origin + " is empty: expected the Confluent wire format or a"
                    + " JSON object.");
        }
        if (data[start] != '{') {
            throw new SerdeException("Record from " + origin + " is in neither supported format: it starts with byte "
                    + WireFormat.hex(data[start]) + ", but the Confluent wire format starts with magic byte 0 (or names"
                    + " its schema in header " + WireFormat.VALUE_SCHEMA_ID_HEADER + ") and a JSON object with '{'."
                    + " Send one " + recordName + " per record, as Avro or as a JSON object.");
        }

        try {
            return JSON.readTree(data, start, data.length - start);
        } catch (JsonProcessingException e) {
            throw new SerdeException("Invalid JSON in " + recordName + " record from " + origin + ": "
                    + e.getOriginalMessage() + " at " + describeLocation(e) + ".", e);
        } catch (IOException e) {
            throw new SerdeException("Failed to read JSON " + recordName + " record from " + origin + ": " + e, e);
        }
    }

    /** Returns the index of the first byte after a UTF-8 byte order mark and JSON whitespace. */
    private static int firstContentIndex(final byte[] data) {
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

    private static boolean isJsonWhitespace(final byte value) {
        return value == ' ' || value == '\t' || value == '\n' || value == '\r';
    }

    private static String describeLocation(final JsonProcessingException e) {
        if (e.getLocation() == null) {
            return "an unknown position";
        }
        return "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
