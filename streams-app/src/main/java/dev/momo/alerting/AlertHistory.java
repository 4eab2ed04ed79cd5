package dev.momo.alerting;

import dev.momo.schema.DriftAlert;
import dev.momo.serde.AvroClassTrust;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * The records of one alert (one alert id): its first record and its most recent ones, at most
 * {@value #MAX_RECORDS} in all. When a record arrives at a full history, the oldest record after the first
 * is dropped and counted in {@link #omitted()}, so the history always shows how the alert opened and how it
 * went lately. Instances are immutable; the {@link DriftAlert} objects they contain must not be modified.
 *
 * <p>Binary layout of version {@value #VERSION} (big-endian, {@link DataOutputStream}): version byte, the
 * omitted count (long), the record count (int), then per record its length (int) and the record in Avro
 * single-object encoding (marker {@code C3 01}, the 8-byte CRC-64-AVRO fingerprint of the writer schema,
 * then Avro binary), as written by {@code DriftAlert.getEncoder()} of Avro 1.12.
 */
public final class AlertHistory {

    /** Maximum number of records in a history: the first record and the last {@code MAX_RECORDS - 1}. */
    public static final int MAX_RECORDS = 50;

    private static final byte VERSION = 1;

    static {
        AvroClassTrust.trustSchemaPackage();
    }

    private static final BinaryMessageEncoder<DriftAlert> ENCODER = DriftAlert.getEncoder();
    // NOTE: this decoder reads only records written with the current DriftAlert schema. When the schema
    // changes, add the schema it replaces with DECODER.addSchema, or stored histories stop decoding.
    private static final BinaryMessageDecoder<DriftAlert> DECODER = DriftAlert.getDecoder();

    private final List<DriftAlert> records;
    private final long omitted;

    private AlertHistory(final List<DriftAlert> records, final long omitted) {
        this.records = Collections.unmodifiableList(records);
        this.omitted = omitted;
    }

    /** Starts the history of an alert with its first record. */
    public static AlertHistory of(final DriftAlert first) {
        Objects.requireNonNull(first, "first");
        return new AlertHistory(List.of(first), 0);
    }

    /** Returns this history with {@code record} appended as the latest record. */
    public AlertHistory append(final DriftAlert record) {
        Objects.requireNonNull(record, "record");
        final List<DriftAlert> next = new ArrayList<>(Math.min(records.size() + 1, MAX_RECORDS));
        next.addAll(records);
        long dropped = omitted;
        if (next.size() == MAX_RECORDS) {
            next.remove(1);
            dropped++;
        }
        next.add(record);
        return new AlertHistory(next, dropped);
    }

    /** Returns the latest record, whose state and severity are the alert's current ones. */
    public DriftAlert latest() {
        return records.get(records.size() - 1);
    }

    /** Returns the first record kept, normally the OPENED one. */
    public DriftAlert first() {
        return records.get(0);
    }

    /** Returns the kept records, oldest first, so the last one is {@link #latest()}. */
    public List<DriftAlert> records() {
        return records;
    }

    /** Returns how many records were dropped between the first record and the kept recent ones. */
    public long omitted() {
        return omitted;
    }

    /** Returns how many records the alert has had, kept or dropped. */
    public long total() {
        return records.size() + omitted;
    }

    /** Encodes the history in the layout of version {@value #VERSION}. */
    public byte[] encode() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512 * records.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(omitted);
            out.writeInt(records.size());
            for (final DriftAlert record : records) {
                final ByteBuffer encoded = ENCODER.encode(record);
                out.writeInt(encoded.remaining());
                out.write(encoded.array(), encoded.arrayOffset() + encoded.position(), encoded.remaining());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to encode the history of alert " + latest().getAlertId(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes a history written by {@link #encode()}.
     *
     * @throws IllegalArgumentException if the bytes are truncated, have an unknown version, a record count
     *     outside 1..{@value #MAX_RECORDS}, a negative omitted count, trailing bytes, or a record that does
     *     not decode with the current DriftAlert schema
     */
    public static AlertHistory decode(final byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            final byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown alert history version " + version + " in " + encoded.length
                        + " bytes; this build reads version " + VERSION);
            }
            final long omitted = in.readLong();
            if (omitted < 0) {
                throw new IllegalArgumentException("invalid alert history: omitted count " + omitted + " is negative");
            }
            final int count = in.readInt();
            if (count < 1 || count > MAX_RECORDS) {
                throw new IllegalArgumentException("invalid alert history: record count " + count
                        + " is outside 1.." + MAX_RECORDS);
            }

            final List<DriftAlert> records = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                records.add(readRecord(in, i));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("invalid alert history: " + in.available()
                        + " bytes after the last of " + count + " records");
            }
            return new AlertHistory(records, omitted);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated alert history of " + encoded.length + " bytes", e);
        }
    }

    private static DriftAlert readRecord(final DataInputStream in, final int index) throws IOException {
        final int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IllegalArgumentException("invalid alert history: record " + index + " claims " + length
                    + " bytes but " + in.available() + " remain");
        }
        final byte[] bytes = in.readNBytes(length);
        try {
            return DECODER.decode(bytes);
        } catch (IOException | AvroRuntimeException e) {
            // MissingSchemaException (an AvroRuntimeException) means a writer schema this build does not know.
            throw new IllegalArgumentException("record " + index + " of an alert history does not decode as"
                    + " DriftAlert: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof AlertHistory that && omitted == that.omitted && records.equals(that.records);
    }

    @Override
    public int hashCode() {
        return Objects.hash(records, omitted);
    }

    @Override
    public String toString() {
        return "AlertHistory[alertId=" + latest().getAlertId() + ", records=" + records.size() + ", omitted="
                + omitted + ", state=" + latest().getState() + "]";
    }
}
