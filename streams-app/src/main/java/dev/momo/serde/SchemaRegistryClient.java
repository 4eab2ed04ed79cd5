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
}
