package dev.momo.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaParseException;

/**
 * Subjects, versions, schema ids and compatibility levels of {@link FakeSchemaRegistry}, with the
 * rules of Confluent Schema Registry: ids are global and start at 1, the same schema gets the same id
 * under every subject, registering a schema that a subject already has returns its id without a new
 * version, and a new version must pass the subject's compatibility level (global default BACKWARD).
 * Only Avro schemas. Not thread-safe: the server locks it.
 *
 * <p>Schemas are compared in Avro's canonical JSON ({@code Schema.toString()}), so whitespace and key
 * order do not create new ids. A schema with references is compared by its text as sent, because its
 * canonical form would inline the referenced types.
 */
final class FakeRegistryStore {

    static final List<String> LEVELS = List.of("NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD",
            "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE");

    /** Reference of one schema to a type registered under another subject. */
    record Reference(String name, String subject, int version) {
    }

    /** A registered schema: its text as the API returns it, its parsed form and its references. */
    record Stored(int id, String text, Schema schema, List<Reference> references) {
    }

    /** Failure with a Confluent status and error code, which the server turns into an error response. */
    static final class ApiError extends RuntimeException {
        final int status;
        final int errorCode;

        ApiError(final int status, final int errorCode, final String message) {
            super(message);
            this.status = status;
            this.errorCode = errorCode;
        }
    }

    private final Map<Integer, Stored> byId = new HashMap<>();
    private final Map<String, Integer> idsByKey = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
    private final Map<String, String> subjectLevels = new HashMap<>();
    private String globalLevel = "BACKWARD";
    private int nextId = 1;

    /** Registers the schema under the subject and returns its id; see the class comment for the rules. */
    int register(final String subject, final String text, final List<Reference> references) {
        final Schema schema = parse(text, references);
        final String key = key(schema, text, references);
        final List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        final Integer existing = idsByKey.get(key);
        if (existing != null && versions.contains(existing)) {
            return existing;
        }

        final List<String> problems = incompatibilities(subject, schema, versions, levelOf(subject));
        if (!problems.isEmpty()) {
            throw new ApiError(409, 40901, "Schema being registered is incompatible with an earlier schema for"
                    + " subject \"" + subject + "\", details: " + problems);
        }

        final int id = existing != null ? existing : nextId++;
        if (existing == null) {
            idsByKey.put(key, id);
            final String storedText = references.isEmpty() ? schema.toString() : text.trim();
            byId.put(id, new Stored(id, storedText, schema, List.copyOf(references)));
        }
        versionsBySubject.computeIfAbsent(subject, name -> new ArrayList<>()).add(id);
        return id;
    }

    Optional<Stored> byId(final int id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Returns the GUID of schema {@code id}: fixed per id, as a real registry's is per schema. */
    static String guidOf(final int id) {
        return java.util.UUID.nameUUIDFromBytes(("fake-registry-schema-" + id)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** Returns the schema whose GUID is {@code guid}. */
    Optional<Stored> byGuid(final String guid) {
        return byId.values().stream().filter(stored -> guidOf(stored.id()).equals(guid)).findFirst();
    }

    /** Returns the version number (from 1) and id of the schema under the subject. */
    int[] lookUp(final String subject, final String text, final List<Reference> references) {
        final List<Integer> versions = requireSubject(subject);
        final Schema schema = parse(text, references);
        final Integer id = idsByKey.get(key(schema, text, references));
        final int index = id == null ? -1 : versions.indexOf(id);
        if (index < 0) {
            throw new ApiError(404, 40403, "Schema not found");
        }
        return new int[] {index + 1, id};
    }

    /** Returns the id of the version, where {@code version} is "latest", "-1" or a number from 1. */
    int[] version(final String subject, final String version) {
        final List<Integer> versions = requireSubject(subject);
        final int number = parseVersion(version, versions.size());
        if (number > versions.size()) {
            throw new ApiError(404, 40402, "Version " + number + " not found.");
        }
        return new int[] {number, versions.get(number - 1)};
    }

    /** Returns the incompatibilities of the schema with one version under the subject's level. */
    List<String> checkAgainst(final String subject, final String version, final String text,
                              final List<Reference> references) {
        final int[] target = version(subject, version);
        final Schema schema = parse(text, references);
        final String level = levelOf(subject).replace("_TRANSITIVE", "");
        return incompatibilities(subject, schema, List.of(target[1]), level);
    }

    Set<String> subjects() {
        return new TreeSet<>(versionsBySubject.keySet());
    }

    List<Integer> versionIds(final String subject) {
        return List.copyOf(versionsBySubject.getOrDefault(subject, List.of()));
    }

    List<Integer> versionNumbers(final String subject) {
        final List<Integer> versions = requireSubject(subject);
        final List<Integer> numbers = new ArrayList<>();
        for (int i = 1; i <= versions.size(); i++) {
            numbers.add(i);
        }
        return numbers;
    }

    String globalLevel() {
        return globalLevel;
    }

    Optional<String> subjectLevel(final String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    String setLevel(final String subject, final String level) {
        final String normalized = level == null ? "" : level.trim().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(normalized)) {
            throw new ApiError(422, 42203, "Invalid compatibility level. Valid values are none, backward, forward,"
                    + " full, backward_transitive, forward_transitive, and full_transitive");
        }
        if (subject == null) {
            globalLevel = normalized;
        } else {
            subjectLevels.put(subject, normalized);
        }
        return normalized;
    }

    private String levelOf(final String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private List<String> incompatibilities(final String subject, final Schema candidate, final List<Integer> versions,
                                           final String level) {
        if (versions.isEmpty() || level.equals("NONE")) {
            return List.of();
        }
        final List<Integer> targets = level.endsWith("_TRANSITIVE") ? versions : List.of(versions.get(versions.size() - 1));
        final boolean backward = level.startsWith("BACKWARD") || level.startsWith("FULL");
        final boolean forward = level.startsWith("FORWARD") || level.startsWith("FULL");
        final List<String> problems = new ArrayList<>();
        for (final int id : targets) {
            final Schema earlier = byId.get(id).schema();
            // BACKWARD: the new schema reads data written with the earlier one. FORWARD: the reverse.
            if (backward) {
                problems.addAll(problems(candidate, earlier, "new schema reading schema id " + id));
            }
            if (forward) {
                problems.addAll(problems(earlier, candidate, "schema id " + id + " reading the new schema"));
            }
        }
        return problems;
    }

    private static List<String> problems(final Schema reader, final Schema writer, final String direction) {
        final var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        return result.getIncompatibilities().stream()
                .map(problem -> direction + ": " + problem.getType() + " at " + problem.getLocation()
                        + " (" + problem.getMessage() + ")")
                .toList();
    }

    private Schema parse(final String text, final List<Reference> references) {
        if (text == null || text.isBlank()) {
            throw new ApiError(422, 42201, "Empty schema");
        }
        final Schema.Parser parser = new Schema.Parser();
        addReferences(parser, references, new HashSet<>());
        try {
            return parser.parse(text);
        } catch (SchemaParseException | NullPointerException e) {
            throw new ApiError(422, 42201, "Invalid schema: " + e.getMessage());
        }
    }

    /** Parses each referenced version into the parser, references of references first. */
    private void addReferences(final Schema.Parser parser, final List<Reference> references, final Set<Integer> seen) {
        for (final Reference reference : references) {
            final int id = version(reference.subject(), String.valueOf(reference.version()))[1];
            if (!seen.add(id)) {
                continue;
            }
            final Stored stored = byId.get(id);
            addReferences(parser, stored.references(), seen);
            parser.parse(stored.text());
        }
    }

    private static String key(final Schema schema, final String text, final List<Reference> references) {
        return references.isEmpty() ? schema.toString() : text.trim() + "\n" + references;
    }

    private List<Integer> requireSubject(final String subject) {
        final List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new ApiError(404, 40401, "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    private static int parseVersion(final String version, final int latest) {
        if (version.equalsIgnoreCase("latest") || version.equals("-1")) {
            return latest;
        }
        try {
            final int number = Integer.parseInt(version);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below with the allowed values.
        }
        throw new ApiError(422, 42202, "The specified version '" + version + "' is not a valid version id. Allowed"
                + " values are between [1, 2^31-1] and the string \"latest\"");
    }
}
