package dev.momo.serde;

import org.apache.avro.Schema;

/** Fetches the writer schema that a record names, with messages that name the record and the reference. */
final class WriterSchemas {

    private WriterSchemas() {
    }

    /**
     * Returns the writer schema of {@code framing} from {@code registry}.
     *
     * @param owner the decoder, for the message when it has no registry
     * @throws UnknownSchemaException if the registry has no schema with this id or GUID
     * @throws SerdeException if the registry fails
     */
    static Schema fetch(final SchemaRegistryClient registry, final String owner, final String origin,
                        final WireFormat.Framing framing) {
        final SchemaRegistryClient client = SerdeConfig.requireRegistry(registry, owner);
        final SchemaId schemaId = framing.schemaId();
        try {
            return schemaId.isGuid() ? client.schemaByGuid(schemaId.guid().toString()) : client.schemaById(schemaId.id());
        } catch (UnknownSchemaException e) {
            throw new UnknownSchemaException(e.schemaId(), "Record from " + origin + " refers to unknown "
                    + framing.describe() + ". Check that the producer and this application use the same schema"
                    + " registry (" + SchemaRegistries.URL_CONFIG + "). Registry response: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SerdeException("Failed to fetch " + framing.describe() + " for a record from " + origin + ": "
                    + e.getMessage(), e);
        }
    }
}
