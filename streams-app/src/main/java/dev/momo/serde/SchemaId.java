package dev.momo.serde;

import java.util.Objects;
import java.util.UUID;

/**
 * Reference to the writer schema of one record: either the registry's integer schema id or the
 * schema's GUID. Confluent serializers write the id in the payload prefix or in the
 * {@code __value_schema_id} header, and the GUID only in that header.
 *
 * @param id the schema id, or -1 when the record names a GUID
 * @param guid the schema GUID, or null when the record names an id
 */
public record SchemaId(int id, UUID guid) {

    /**
     * Validates that a GUID reference carries id -1. Any id passes, because a record may name a
     * negative id, which the registry then reports as unknown.
     */
    public SchemaId {
        if (guid != null && id != -1) {
            throw new IllegalArgumentException("a schema GUID reference takes id -1, got id " + id);
        }
    }

    /** Returns a reference by integer id. */
    public static SchemaId ofId(final int id) {
        return new SchemaId(id, null);
    }

    /** Returns a reference by GUID. */
    public static SchemaId ofGuid(final UUID guid) {
        return new SchemaId(-1, Objects.requireNonNull(guid, "guid"));
    }

    /** Returns whether this reference is a GUID. */
    public boolean isGuid() {
        return guid != null;
    }

    /** Returns the reference as messages show it: {@code id 7} or {@code GUID 0f8e...}. */
    @Override
    public String toString() {
        return isGuid() ? "GUID " + guid : "id " + id;
    }
}
