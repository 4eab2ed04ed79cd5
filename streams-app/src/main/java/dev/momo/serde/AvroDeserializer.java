package dev.momo.serde;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes records in the Confluent wire format into the generated class {@code T}. It fetches
 * the writer schema that the record names, by the id or GUID in the {@code __value_schema_id} header
 * or else by the id in the payload prefix (see {@link WireFormat}), and reads the record into the
 * schema of {@code T} with Avro schema resolution, so fields that the writer added are skipped and
 * fields that it lacks get their defaults. It caches one reader per schema id and GUID. Thread-safe.
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

    private final ConcurrentMap<SchemaId, ResolvedReader<T>> readers = new ConcurrentHashMap<>();

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
        return decode("topic '" + topic + "'", null, data);
    }

    /**
     * Returns the record like {@link #deserialize(String, byte[])}, but takes the writer schema from the
     * {@value WireFormat#VALUE_SCHEMA_ID_HEADER} header when the record has one (an id or a GUID), and
     * reads the payload as bare Avro binary then.
     */
    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        return decode("topic '" + topic + "'", headers, data);
    }

    boolean hasRegistry() {
        return registry != null;
    }

    /** Returns the generated class that this deserializer produces. */
    public Class<T> type() {
        return type;
    }

    /**
     * Decodes {@code data} like {@link #deserialize(String, Headers, byte[])}. Error messages name the
     * data as coming from {@code origin}, for example {@code topic 'inference'}.
     *
     * @param headers the record headers, or null when the input has none (a file)
     */
    T decode(String origin, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }

        WireFormat.Framing framing = WireFormat.framing(origin, headers, data);
        SpecificDatumReader<T> reader = readerFor(origin, framing);
        return WireFormat.read(reader, framing, data, origin);
    }

    private SpecificDatumReader<T> readerFor(String origin, WireFormat.Framing framing) {
        ResolvedReader<T> resolved = readers.get(framing.schemaId());
        if (resolved == null) {
            // Unknown ids are not cached, because the schema may be registered later.
            Schema writerSchema = WriterSchemas.fetch(registry, "AvroDeserializer of " + type.getSimpleName(), origin,
                    framing);
            resolved = resolve(writerSchema);
            readers.putIfAbsent(framing.schemaId(), resolved);
        }

        if (resolved.incompatibility() != null) {
            throw new SerdeException("Record from " + origin + " has writer " + framing.describe() + " ("
                    + resolved.writerName() + "), which cannot be read as " + type.getName() + ": "
                    + resolved.incompatibility() + ". Check that the topic carries " + type.getSimpleName()
                    + " records and that the producer's schema has every field of " + type.getSimpleName()
                    + " that has no default.");
        }
        return resolved.reader();
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
