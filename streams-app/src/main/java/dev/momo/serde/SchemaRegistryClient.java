package dev.momo.serde;

import org.apache.avro.Schema;

/**
 * Client of a schema registry with the semantics of Confluent Schema Registry: schema ids are
 * global, and registering a schema that is already registered returns its existing id.
 * Implementations are thread-safe.
 */
public interface SchemaRegistryClient {

    /**
     * Registers {@code schema} under {@code subject} and returns its id. Registering the same schema
     * again, under this or another subject, returns the same id.
     *
     * @throws SerdeException if the registry cannot be reached or rejects the schema
     */
    int register(String subject, Schema schema);

    /**
     * Returns the schema registered with {@code id}.
     *
     * @throws UnknownSchemaException if no schema has this id
     * @throws SerdeException if the registry cannot be reached
     */
    Schema schemaById(int id);

    /**
     * Returns the schema registered with {@code guid}, the identifier that newer Confluent serializers
     * write in the {@code __value_schema_id} header ({@code GET /schemas/guids/{guid}} on a Confluent
     * Schema Registry). This default implementation throws for every GUID.
     *
     * @param guid the GUID in its canonical text form, such as {@code 0f8e2d6c-...}
     * @throws UnknownSchemaException naming the GUID if no schema has it; its {@code schemaId()} is -1
     * @throws SerdeException if the registry cannot be reached
     */
    default Schema schemaByGuid(String guid) {
        throw new UnknownSchemaException(-1, "Unknown schema GUID " + guid + ": " + getClass().getSimpleName()
                + " does not look up schemas by GUID.");
    }
}
