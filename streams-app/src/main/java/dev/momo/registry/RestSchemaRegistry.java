package dev.momo.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.serde.UnknownSchemaException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the Confluent Schema Registry REST API, which Confluent Schema Registry, Apicurio
 * Registry's ccompat endpoint, Karapace and Redpanda serve. It reads and registers Avro schemas.
 *
 * <p>Requests: schema by id ({@code GET /schemas/ids/{id}}), register under a subject
 * ({@code POST /subjects/{subject}/versions}), id of a schema under a subject ({@code POST /subjects/{subject}}),
 * latest version ({@code GET /subjects/{subject}/versions/latest}), compatibility with the latest version
 * ({@code POST /compatibility/subjects/{subject}/versions/latest}). Bodies use the media type
 * {@code application/vnd.schemaregistry.v1+json}.
 *
 * <p>Caching follows Confluent's {@code CachedSchemaRegistryClient}: a schema id never changes its
 * schema, so schemas by id and ids by subject and schema stay cached until the least recently used
 * entry makes room. Latest versions change when a producer registers a new one, so they expire after
 * {@link RegistrySettings#latestCacheTtl()}. Failed lookups are not cached, because the schema may be
 * registered a moment later. Concurrent misses for one key may each send a request.
 *
 * <p>Schema references ({@code references} in a response) are resolved by fetching each referenced
 * subject version, so a schema that names types from other subjects parses. Registering schemas with
 * references is not supported: {@link #register} sends the schema as one self-contained document.
 *
 * <p>Thread-safe. {@link RegistryTransport} documents time-outs, retries and fail-over.
 */
public final class RestSchemaRegistry implements SchemaRegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistry.class);
    /** Depth limit of nested schema references, against reference cycles. */
    private static final int MAX_REFERENCE_DEPTH = 32;

    private record SubjectSchema(String subject, Schema schema) {
    }

    private final RegistrySettings settings;
    private final RegistryTransport transport;
    /** Error-code filter of {@link #fetchSchema} that accepts every 404. */
    private static final int ANY_ERROR_CODE = Integer.MIN_VALUE;

    private final BoundedCache<Integer, Schema> schemasById;
    private final BoundedCache<String, Schema> schemasByGuid;
    private final BoundedCache<SubjectSchema, Integer> idsBySubjectSchema;
    private final BoundedCache<String, RegisteredSchema> latestBySubject;

    /**
     * Creates a client. It opens no connection until the first request.
     *
     * @throws IllegalArgumentException if the trust store cannot be read
     */
    public RestSchemaRegistry(final RegistrySettings settings) {
        this(settings, System::nanoTime);
    }

    /** Creates a client whose latest-version cache reads {@code nanoClock}; tests pass a manual clock. */
    RestSchemaRegistry(final RegistrySettings settings, final LongSupplier nanoClock) {
        this.settings = settings;
        this.transport = new RegistryTransport(settings);
        this.schemasById = new BoundedCache<>(settings.cacheCapacity(), null, nanoClock);
        this.schemasByGuid = new BoundedCache<>(settings.cacheCapacity(), null, nanoClock);
        this.idsBySubjectSchema = new BoundedCache<>(settings.cacheCapacity(), null, nanoClock);
        this.latestBySubject = new BoundedCache<>(settings.cacheCapacity(), settings.latestCacheTtl(), nanoClock);
        LOG.info("Schema Registry client for {}; trust store: {}", settings.endpoints(),
                settings.trustStore().map(store -> store.location().toString()).orElse("JVM default"));
    }

    /**
     * Registers {@code schema} under {@code subject} and returns its id. The registry returns the
     * existing id when the schema is already registered, and rejects a schema that breaks the subject's
     * compatibility level with HTTP 409.
     *
     * @throws RegistryException if the registry rejects the schema or cannot be reached
     */
    @Override
    public int register(final String subject, final Schema schema) {
        requireSubject(subject);
        requireSchema(subject, schema);
        final SubjectSchema key = new SubjectSchema(subject, schema);
        final Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }

        final String path = "/subjects/" + encodeSegment(subject) + "/versions";
        final JsonNode response = transport.send(new RegistryTransport.Request("POST", path, schemaBody(schema)));
        final int id = requireId(response, "POST " + path);
        idsBySubjectSchema.put(key, id);
        schemasById.put(id, schema);
        return id;
    }

    /**
     * Returns the schema with {@code id}, from the cache or the registry.
     *
     * @throws UnknownSchemaException if the registry responds with HTTP 404 and error code 40403
     * @throws RegistryException if the registry fails or cannot be reached, or the schema is not Avro
     */
    @Override
    public Schema schemaById(final int id) {
        // Only error code 40403 means "no such schema"; another 404 is a wrong base path, not the record's fault.
        return fetchSchema(schemasById, id, "/schemas/ids/" + id, "id " + id, id, 40403);
    }

    /**
     * Returns the schema with this GUID ({@code GET /schemas/guids/{guid}}), which newer Confluent
     * serializers write in the {@code __value_schema_id} header. Cached for good, like ids.
     *
     * @throws UnknownSchemaException when the registry responds with HTTP 404 for this GUID
     */
    @Override
    public Schema schemaByGuid(final String guid) {
        return fetchSchema(schemasByGuid, guid, "/schemas/guids/" + URLEncoder.encode(guid, StandardCharsets.UTF_8),
                "GUID " + guid, -1, ANY_ERROR_CODE);
    }

    /**
     * Returns a schema from its cache, or fetches it with {@code GET path} and caches it for good.
     *
     * @param unknownCode the error code of a 404 that means "no such schema", {@link #ANY_ERROR_CODE} for any
     */
    private <K> Schema fetchSchema(final BoundedCache<K, Schema> cache, final K key, final String path,
                                   final String name, final int id, final int unknownCode) {
        final Schema cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        final JsonNode response;
        try {
            response = transport.send(new RegistryTransport.Request("GET", path, null));
        } catch (RegistryException e) {
            if (e.status() == 404 && (unknownCode == ANY_ERROR_CODE || e.errorCode() == unknownCode)) {
                throw new UnknownSchemaException(id, "The Schema Registry has no schema with " + name + " (GET "
                        + path + ": HTTP 404, error code " + e.errorCode() + ").", e);
            }
            throw e;
        }
        final Schema schema = parseSchema(response, "schema " + name);
        cache.put(key, schema);
        return schema;
    }

    /**
     * Returns the id of {@code schema} as registered under {@code subject}, without registering it.
     *
     * @throws RegistryException with error code 40401 if the subject does not exist, or 40403 if the
     *     schema is not registered under it. Also thrown if the registry fails or cannot be reached.
     */
    public int lookUpId(final String subject, final Schema schema) {
        requireSubject(subject);
        requireSchema(subject, schema);
        final SubjectSchema key = new SubjectSchema(subject, schema);
        final Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }

        final String path = "/subjects/" + encodeSegment(subject);
        final JsonNode response = transport.send(new RegistryTransport.Request("POST", path, schemaBody(schema)));
        final int id = requireId(response, "POST " + path);
        idsBySubjectSchema.put(key, id);
        schemasById.put(id, schema);
        return id;
    }

    /**
     * Returns the latest version of {@code subject}, from a cache entry younger than
     * {@link RegistrySettings#latestCacheTtl()} or from the registry.
     *
     * @throws RegistryException with error code 40401 if the subject does not exist, or if the registry
     *     fails or cannot be reached
     */
    public RegisteredSchema latestVersion(final String subject) {
        requireSubject(subject);
        final RegisteredSchema cached = latestBySubject.get(subject);
        if (cached != null) {
            return cached;
        }

        final String path = "/subjects/" + encodeSegment(subject) + "/versions/latest";
        final JsonNode response = transport.send(new RegistryTransport.Request("GET", path, null));
        final int id = requireId(response, "GET " + path);
        final JsonNode version = response.get("version");
        if (version == null || !version.canConvertToInt()) {
            throw malformed("GET " + path, "has no integer 'version'");
        }
        final Schema schema = parseSchema(response, "the latest version of subject '" + subject + "'");
        final RegisteredSchema latest = new RegisteredSchema(subject, version.asInt(), id, schema);
        latestBySubject.put(subject, latest);
        schemasById.put(id, schema);
        return latest;
    }

    /**
     * Returns whether {@code schema} is compatible with the latest version of {@code subject}, by the
     * subject's compatibility level in the registry. Not cached.
     *
     * @throws RegistryException with error code 40401 if the subject does not exist, or if the registry
     *     fails or cannot be reached
     */
    public boolean isCompatible(final String subject, final Schema schema) {
        requireSubject(subject);
        requireSchema(subject, schema);
        final String path = "/compatibility/subjects/" + encodeSegment(subject) + "/versions/latest";
        final JsonNode response = transport.send(new RegistryTransport.Request("POST", path, schemaBody(schema)));
        final JsonNode compatible = response == null ? null : response.get("is_compatible");
        if (compatible == null || !compatible.isBoolean()) {
            throw malformed("POST " + path, "has no boolean 'is_compatible'");
        }
        return compatible.asBoolean();
    }

    /** Returns the settings, whose {@code toString} shows no secret. */
    public RegistrySettings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "RestSchemaRegistry" + settings.endpoints();
    }

    /**
     * Returns {@code segment} percent-encoded as one URL path segment (RFC 3986 section 3.3): every byte
     * of its UTF-8 form outside the unreserved characters becomes %XX, so '/' and ' ' in a subject stay
     * inside the segment.
     */
    static String encodeSegment(final String segment) {
        // URLEncoder writes form encoding, which differs from path encoding in '+' for a space and in '*'.
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    }

    private Schema parseSchema(final JsonNode response, final String description) {
        if (response == null || !response.path("schema").isTextual()) {
            throw malformed(description, "has no string 'schema'");
        }
        final String type = response.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new RegistryException("The Schema Registry returned a " + type + " schema for " + description
                    + "; Momo reads only Avro. Check that the topic carries Avro records.",
                    200, RegistryException.NO_ERROR_CODE, null);
        }
        final Schema.Parser parser = new Schema.Parser();
        addReferences(parser, response.path("references"), new HashSet<>(), 0, description);
        try {
            return parser.parse(response.get("schema").asText());
        } catch (SchemaParseException e) {
            throw new RegistryException("The Schema Registry returned a schema for " + description
                    + " that is not valid Avro: " + e.getMessage(), 200, RegistryException.NO_ERROR_CODE, e);
        }
    }

    /** Parses each referenced subject version into {@code parser}, references of references first. */
    private void addReferences(final Schema.Parser parser, final JsonNode references, final Set<String> seen,
                               final int depth, final String description) {
        if (!references.isArray() || references.isEmpty()) {
            return;
        }
        if (depth >= MAX_REFERENCE_DEPTH) {
            throw new RegistryException("The schema references of " + description + " nest deeper than "
                    + MAX_REFERENCE_DEPTH + " levels, which suggests a cycle.", 200, RegistryException.NO_ERROR_CODE, null);
        }
        for (final JsonNode reference : references) {
            final String subject = reference.path("subject").asText("");
            final String version = reference.path("version").asText("");
            if (subject.isEmpty() || version.isEmpty() || !seen.add(subject + "\n" + version)) {
                continue;
            }
            final String path = "/subjects/" + encodeSegment(subject) + "/versions/" + encodeSegment(version);
            final JsonNode referenced = transport.send(new RegistryTransport.Request("GET", path, null));
            if (referenced == null || !referenced.path("schema").isTextual()) {
                throw malformed("GET " + path, "has no string 'schema'");
            }
            addReferences(parser, referenced.path("references"), seen, depth + 1, description);
            try {
                parser.parse(referenced.get("schema").asText());
            } catch (SchemaParseException e) {
                throw new RegistryException("Schema reference '" + reference.path("name").asText() + "' of " + description
                        + " (subject '" + subject + "', version " + version + ") is not valid Avro: " + e.getMessage(),
                        200, RegistryException.NO_ERROR_CODE, e);
            }
        }
    }

    private static String schemaBody(final Schema schema) {
        final ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private static int requireId(final JsonNode response, final String request) {
        final JsonNode id = response == null ? null : response.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw malformed(request, "has no integer 'id'");
        }
        return id.asInt();
    }

    private static RegistryException malformed(final String description, final String problem) {
        return new RegistryException("The Schema Registry response to " + description + " " + problem
                + ", which the Confluent API always includes. Check that " + RegistrySettings.URL_KEY
                + " points at a Schema Registry.", 200, RegistryException.NO_ERROR_CODE, null);
    }

    private static void requireSubject(final String subject) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank, got '" + subject + "'");
        }
    }

    private static void requireSchema(final String subject, final Schema schema) {
        if (schema == null) {
            throw new IllegalArgumentException("schema for subject '" + subject + "' must not be null");
        }
    }
}
