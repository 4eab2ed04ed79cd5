package dev.momo.serde;

import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes records in the Confluent wire format into the generated class {@code T}. It fetches
 * the writer schema by the id in the record and reads it into the schema of {@code T} with Avro
 * schema resolution, so fields that the writer added are skipped and fields that it lacks get their
 * defaults. It caches one reader per schema id. Thread-safe.
 *
 * <p>The registry comes from the constructor or, when none was given, from
 * {@value SchemaRegistries#URL_CONFIG} in {@link #configure(Map, boolean)}.
 */
public class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    static {
        AvroClassTrust.trustSchemaPackage();
    }

    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificData model;
    private volatile SchemaRegistryClient registry;

    private final ConcurrentMap<Integer, ResolvedReader<T>> readers = new ConcurrentHashMap<>();

    /** Creates a deserializer that takes its registry from {@link #configure(Map, boolean)}. */
    public AvroDeserializer(Class<T> type) {
        this(type, null);
    }

    /** Creates a deserializer that uses {@code registry}, or none yet if it is null. */
    public AvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
        this.type = type;
        // The model of the generated class carries its logical-type conversions, such as the one for
        // timestamp-millis fields of type Instant.
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
        this.registry = registry;
    }

    /**
     * Creates the registry client from {@value SchemaRegistries#URL_CONFIG}, unless a registry was
     * passed to the constructor. Subjects play no part in reading, so {@code isKey} is ignored.
     *
     * @throws org.apache.kafka.common.config.ConfigException if no registry was given and the URL is
     *     missing
     * @throws IllegalArgumentException if the URL is not supported
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = SerdeConfig.registryFrom(configs, "AvroDeserializer of " + type.getSimpleName());
        }
    }

    /**
     * Returns the record, or null for null data (a tombstone).
     *
     * @throws SerdeException if the data is not in the wire format, refers to an unknown schema id, has
     *     a writer schema that cannot be read as {@code T}, or does not match its writer schema
     */
    @Override
    public T deserialize(String topic, byte[] data) {
        return decode("topic '" + topic + "'", data);
    }

    boolean hasRegistry() {
        return registry != null;
    }

    /** Returns the generated class that this deserializer produces. */
    public Class<T> type() {
        return type;
    }

    /**
     * Decodes {@code data} like {@link #deserialize(String, byte[])}. Error messages name the data
     * as coming from {@code origin}, for example {@code topic 'inference'}.
     */
    T decode(String origin, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < WireFormat.HEADER_SIZE) {
            throw new SerdeException("Record of " + data.length + " bytes from " + origin + " is too short: the"
                    + " Confluent wire format needs at least " + WireFormat.HEADER_SIZE + " bytes (magic byte 0 and"
                    + " a 4-byte schema id). Check that the producer uses a Confluent-compatible Avro serializer.");
        }
        if (data[0] != WireFormat.MAGIC_BYTE) {
            throw new SerdeException(unknownMagicByteMessage(origin, data[0]));
        }

        int schemaId = WireFormat.readSchemaId(data);
        SpecificDatumReader<T> reader = readerFor(origin, schemaId);
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
        try {
            return reader.read(null, decoder);
        } catch (EOFException e) {
            throw new SerdeException("Record of " + data.length + " bytes from " + origin + " ends before the end"
                    + " of its writer schema (id " + schemaId + "). The record is truncated or was written with"
                    + " another schema than the one its id names.", e);
        } catch (IOException | RuntimeException e) {
            throw new SerdeException("Failed to decode record of " + data.length + " bytes from " + origin
                    + " with writer schema id " + schemaId + ": " + e + ". The record does not match the schema"
                    + " registered under its id.", e);
        }
    }

    private static String unknownMagicByteMessage(String origin, byte magicByte) {
        String message = "Record from " + origin + " has unknown magic byte " + WireFormat.hex(magicByte)
                + ", expected 0 (Confluent wire format). Check that the producer uses a Confluent-compatible"
                + " Avro serializer.";
        if (magicByte == '{') {
            message += " The record starts with '{' and may be JSON, which InferenceEventDecoder and"
                    + " GroundTruthDecoder accept.";
        }
        return message;
    }

    private SpecificDatumReader<T> readerFor(String origin, int schemaId) {
        ResolvedReader<T> resolved = readers.get(schemaId);
        if (resolved == null) {
            // Unknown ids are not cached, because the schema may be registered later.
            Schema writerSchema = fetchWriterSchema(origin, schemaId);
            resolved = resolve(writerSchema);
            readers.putIfAbsent(schemaId, resolved);
        }

        if (resolved.incompatibility() != null) {
            throw new SerdeException("Record from " + origin + " has writer schema id " + schemaId + " ("
                    + resolved.writerName() + "), which cannot be read as " + type.getName() + ": "
                    + resolved.incompatibility() + ". Check that the topic carries " + type.getSimpleName()
                    + " records and that the producer's schema has every field of " + type.getSimpleName()
                    + " that has no default.");
        }
        return resolved.reader();
    }

    private Schema fetchWriterSchema(String origin, int schemaId) {
        SchemaRegistryClient client = SerdeConfig.requireRegistry(registry, "AvroDeserializer of " + type.getSimpleName());
        try {
            return client.schemaById(schemaId);
        } catch (UnknownSchemaException e) {
            throw new UnknownSchemaException(schemaId, "Record from " + origin + " refers to unknown schema id "
                    + schemaId + ". Check that the producer and this application use the same schema registry ("
                    + SchemaRegistries.URL_CONFIG + "). Registry response: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SerdeException("Failed to fetch writer schema id " + schemaId + " for a record from " + origin
                    + ": " + e.getMessage(), e);
        }
    }

    private ResolvedReader<T> resolve(Schema writerSchema) {
        SchemaCompatibilityResult result = SchemaCompatibility
                .checkReaderWriterCompatibility(readerSchema, writerSchema)
                .getResult();
        if (result.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
            String problems = result.getIncompatibilities().stream()
                    .map(problem -> problem.getType().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " at "
                            + problem.getLocation() + " (" + problem.getMessage() + ")")
                    .collect(Collectors.joining(", "));
            return new ResolvedReader<>(null, writerSchema.getFullName(), problems);
        }
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
        return new ResolvedReader<>(reader, writerSchema.getFullName(), null);
    }

    /** Reader for one writer schema id, or the reason why that schema cannot be read as {@code T}. */
    private record ResolvedReader<T>(SpecificDatumReader<T> reader, String writerName, String incompatibility) {
    }
}
