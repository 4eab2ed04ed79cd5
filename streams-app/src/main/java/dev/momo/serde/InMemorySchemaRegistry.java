package dev.momo.serde;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.avro.Schema;

/**
 * Schema registry kept in memory, for tests, the demo and single-process runs. Ids start at 1 and
 * are assigned per distinct schema text, as Confluent Schema Registry does. Each schema also gets a
 * GUID: the name-based UUID (version 3, MD5) of its schema text, so the same text always has the same
 * GUID. Confluent Schema Registry assigns GUIDs its own way, so GUIDs of the two registries differ. It
 * performs no compatibility checks between versions of a subject. Thread-safe.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<Integer, UUID> guidsById = new HashMap<>();
    private final Map<UUID, Integer> idsByGuid = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new HashMap<>();
    private int nextId = 1;

    @Override
    public synchronized int register(String subject, Schema schema) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("Subject must not be blank");
        }
        if (schema == null) {
            throw new IllegalArgumentException("Schema for subject '" + subject + "' must not be null");
        }

        String schemaText = schema.toString();
        Integer id = idsBySchemaText.get(schemaText);
        if (id == null) {
            id = nextId++;
            idsBySchemaText.put(schemaText, id);
            // A parsed copy, so that a caller who later adds properties to its Schema object does
            // not change what the registry returns.
            schemasById.put(id, new Schema.Parser().parse(schemaText));
            UUID guid = UUID.nameUUIDFromBytes(schemaText.getBytes(StandardCharsets.UTF_8));
            guidsById.put(id, guid);
            idsByGuid.put(guid, id);
        }

        List<Integer> versions = idsBySubject.computeIfAbsent(subject, name -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            String contents = nextId == 1 ? "no schemas" : "ids 1 to " + (nextId - 1);
            throw new UnknownSchemaException(id,
                    "Unknown schema id " + id + ": the in-memory schema registry contains " + contents + ".");
        }
        return schema;
    }

    /**
     * Returns the schema whose GUID is {@code guid}.
     *
     * @throws UnknownSchemaException naming the GUID if no schema has it or it is not a UUID; its
     *     {@code schemaId()} is -1
     */
    @Override
    public synchronized Schema schemaByGuid(String guid) {
        Integer id = null;
        try {
            id = guid == null ? null : idsByGuid.get(UUID.fromString(guid));
        } catch (IllegalArgumentException e) {
            // Not a UUID, so no schema has it.
        }
        if (id == null) {
            throw new UnknownSchemaException(-1, "Unknown schema GUID " + guid + ": the in-memory schema registry"
                    + " contains " + guidsById.size() + " schema(s), none with this GUID.");
        }
        return schemasById.get(id);
    }

    /**
     * Returns the GUID of the schema registered with {@code id}.
     *
     * @throws UnknownSchemaException if no schema has this id
     */
    public synchronized String guid(int id) {
        UUID guid = guidsById.get(id);
        if (guid == null) {
            throw new UnknownSchemaException(id, "Unknown schema id " + id + ": no GUID to return.");
        }
        return guid.toString();
    }

    /** Returns the subjects that have at least one registered schema, in alphabetical order. */
    public synchronized Set<String> subjects() {
        return new TreeSet<>(idsBySubject.keySet());
    }

    /** Returns the schema ids registered under {@code subject}, oldest first, or an empty list. */
    public synchronized List<Integer> schemaIds(String subject) {
        return List.copyOf(idsBySubject.getOrDefault(subject, List.of()));
    }
}
