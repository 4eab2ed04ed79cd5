package dev.momo.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject in a schema registry.
 *
 * @param subject subject name, such as {@code momo.inferences-value}
 * @param version version number within the subject, from 1
 * @param id global schema id, the one that records carry in their wire-format prefix
 * @param schema the Avro schema
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
