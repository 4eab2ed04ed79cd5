package dev.momo.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The schemas of the API's OpenAPI document ({@code api/openapi.json} on the class path), for checking real
 * responses against them. OpenAPI 3.1 schemas are JSON Schema 2020-12; each check validates against
 * {@code #/components/schemas/NAME} within the whole document, so references between schemas resolve.
 */
public final class OpenApiSchemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private OpenApiSchemas() {
    }

    /** Returns the OpenAPI document. */
    public static JsonNode document() {
        try (InputStream in = OpenApiSchemas.class.getClassLoader().getResourceAsStream("api/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("api/openapi.json is not on the class path");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the violations of {@code schemaName} by {@code body}, empty when it conforms. */
    public static List<String> violations(final JsonNode body, final String schemaName) {
        final ObjectNode root = (ObjectNode) document();
        if (root.path("components").path("schemas").path(schemaName).isMissingNode()) {
            throw new IllegalArgumentException("the OpenAPI document has no schema " + schemaName);
        }
        root.put("$ref", "#/components/schemas/" + schemaName);
        final Schema schema = REGISTRY.getSchema(SchemaLocation.of("urn:momo:openapi"), root);
        return schema.validate(body).stream().map(Error::toString).toList();
    }
}
