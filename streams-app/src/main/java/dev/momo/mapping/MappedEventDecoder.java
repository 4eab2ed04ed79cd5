package dev.momo.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.momo.schema.InferenceEvent;
import dev.momo.serde.GenericAvroDecoder;
import dev.momo.serde.JsonInput;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.topology.IngestProcessor;
import dev.momo.topology.InputRecord;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;

/**
 * Decodes the records of a model server that does not write {@code InferenceEvent}, by an
 * {@link InputMapping}: each record is read as Avro of any schema (when a {@code __value_schema_id}
 * header or magic byte 0 names its writer schema) or as a JSON object, then mapped to one event, or
 * to one event per row for an Open Inference Protocol v2 batch. Thread-safe.
 *
 * <p>A record that cannot be read, or does not match the mapping, fails with an exception whose
 * message names the record's position, and the ingest step sends it to the dead-letter topic:
 * {@code MappingException} (reason {@code mapping}), {@code UnknownSchemaException}
 * ({@code unknown_schema}) or {@code SerdeException} ({@code serde}).
 *
 * <pre>{@code
 * IngestProcessor.Decoder<InferenceEvent> decoder = MappedEventDecoder.fromFile(Path.of("mapping.json"), registry);
 * }</pre>
 */
public final class MappedEventDecoder implements IngestProcessor.Decoder<InferenceEvent> {

    private static final String RECORD_NAME = "inference log";

    private final InputMapping mapping;
    private final GenericAvroDecoder avro;

    /**
     * @param registry where writer schemas of Avro records are looked up, or null to read JSON only
     */
    public MappedEventDecoder(final InputMapping mapping, final SchemaRegistryClient registry) {
        this.mapping = mapping;
        this.avro = new GenericAvroDecoder(registry);
    }

    /**
     * Returns the decoder of the mapping in {@code mappingFile}, the file that the setting
     * {@code momo.input.mapping} names.
     *
     * @throws InvalidMappingException naming the file and the key if the mapping is invalid
     */
    public static MappedEventDecoder fromFile(final Path mappingFile, final SchemaRegistryClient registry) {
        return new MappedEventDecoder(InputMapping.read(mappingFile), registry);
    }

    /** Returns the mapping that this decoder applies. */
    public InputMapping mapping() {
        return mapping;
    }

    @Override
    public List<InferenceEvent> decode(final InputRecord record) {
        final String origin = record.position();
        final Object root;
        Schema schema = null;
        if (GenericAvroDecoder.carriesSchemaId(record.headers(), record.value())) {
            root = avro.decode(origin, record.headers(), record.value());
            if (root instanceof GenericContainer container) {
                schema = container.getSchema();
            }
        } else {
            final JsonNode object = JsonInput.readObject(origin, RECORD_NAME, record.value());
            root = object;
        }

        final MappedRecord mapped = new MappedRecord(mapping, root, schema, record);
        return mapping.format() == InputMapping.Format.RECORD ? List.of(RecordMapper.map(mapped))
                : OipMapper.map(mapped);
    }
}
