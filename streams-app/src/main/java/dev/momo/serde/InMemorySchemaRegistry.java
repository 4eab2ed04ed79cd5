package dev.momo.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;

/**
 * Schema registry kept in memory, for tests, the demo and single-process runs. Ids start at 1 and
 * are assigned per distinct schema text, as Confluent Schema Registry does. It performs no
 * compatibility checks between versions of a subject. Thread-safe.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
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

    /** Returns the subjects that have at least one registered schema, in alphabetical order. */
    public synchronized Set<String> subjects() {
        return new TreeSet<>(idsBySubject.keySet());
    }

    /** Returns the schema ids registered under {@code subject}, oldest first, or an empty list. */
    public synchronized List<Integer> schemaIds(String subject) {
        return List.copyOf(idsBySubject.getOrDefault(subject, List.of()));
    }
}
