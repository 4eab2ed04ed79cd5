package dev.momo.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Maps Confluent Schema Registry API requests of {@link FakeSchemaRegistry} to {@link FakeRegistryStore}
 * calls and builds the response bodies. Errors leave as {@link FakeRegistryStore.ApiError}.
 */
final class FakeRegistryRoutes {

    /** Body of a 200 response. */
    record Response(String json) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeRegistryRoutes() {
    }

    /** Returns the response to one request; {@code path} is raw (percent-encoded) and relative to the base path. */
    static Response route(final FakeRegistryStore store, final String method, final String path, final String query,
                          final JsonNode body) {
        final List<String> segments = segments(path);
        final String first = segments.isEmpty() ? "" : segments.get(0);
        return switch (first) {
            case "" -> only(method, "GET", () -> new Response("{}"));
            case "schemas" -> schemas(store, method, segments);
            case "subjects" -> subjects(store, method, segments, body);
            case "compatibility" -> compatibility(store, method, segments, query, body);
            case "config" -> config(store, method, segments, query, body);
            default -> throw notFound();
        };
    }

    private static Response schemas(final FakeRegistryStore store, final String method, final List<String> segments) {
        if (segments.size() == 3 && segments.get(1).equals("guids")) {
            final String guid = segments.get(2);
            return only(method, "GET", () -> {
                final FakeRegistryStore.Stored stored = store.byGuid(guid)
                        .orElseThrow(() -> new FakeRegistryStore.ApiError(404, 40403, "Schema " + guid + " not found"));
                final ObjectNode node = JSON.createObjectNode();
                node.put("schema", stored.text());
                return new Response(node.toString());
            });
        }
        if (segments.size() != 3 || !segments.get(1).equals("ids")) {
            throw notFound();
        }
        final int id = parseId(segments.get(2));
        return only(method, "GET", () -> {
            final FakeRegistryStore.Stored stored = store.byId(id)
                    .orElseThrow(() -> new FakeRegistryStore.ApiError(404, 40403, "Schema " + id + " not found"));
            final ObjectNode node = JSON.createObjectNode();
            node.put("schema", stored.text());
            addReferences(node, stored.references());
            return new Response(node.toString());
        });
    }

    private static Response subjects(final FakeRegistryStore store, final String method, final List<String> segments,
                                     final JsonNode body) {
        if (segments.size() == 1) {
            return only(method, "GET", () -> new Response(JSON.valueToTree(store.subjects()).toString()));
        }
        final String subject = segments.get(1);
        if (segments.size() == 2) {
            return only(method, "POST", () -> {
                final int[] found = store.lookUp(subject, schemaText(body), references(body));
                return new Response(version(store, subject, found[0], found[1]).toString());
            });
        }
        if (!segments.get(2).equals("versions") || segments.size() > 4) {
            throw notFound();
        }
        if (segments.size() == 3) {
            if (method.equals("POST")) {
                final int id = store.register(subject, schemaText(body), references(body));
                return new Response(JSON.createObjectNode().put("id", id).toString());
            }
            return only(method, "GET", () -> new Response(JSON.valueToTree(store.versionNumbers(subject)).toString()));
        }
        return only(method, "GET", () -> {
            final int[] found = store.version(subject, segments.get(3));
            return new Response(version(store, subject, found[0], found[1]).toString());
        });
    }

    private static Response compatibility(final FakeRegistryStore store, final String method,
                                          final List<String> segments, final String query, final JsonNode body) {
        if (segments.size() != 5 || !segments.get(1).equals("subjects") || !segments.get(3).equals("versions")) {
            throw notFound();
        }
        return only(method, "POST", () -> {
            final List<String> problems = store.checkAgainst(segments.get(2), segments.get(4), schemaText(body),
                    references(body));
            final ObjectNode node = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
            if (query != null && query.contains("verbose=true")) {
                node.set("messages", JSON.valueToTree(problems));
            }
            return new Response(node.toString());
        });
    }

    private static Response config(final FakeRegistryStore store, final String method, final List<String> segments,
                                   final String query, final JsonNode body) {
        if (segments.size() > 2) {
            throw notFound();
        }
        final String subject = segments.size() == 2 ? segments.get(1) : null;
        if (method.equals("PUT")) {
            final String level = store.setLevel(subject, body == null ? null : body.path("compatibility").asText(null));
            return new Response(JSON.createObjectNode().put("compatibility", level).toString());
        }
        return only(method, "GET", () -> {
            final boolean defaultToGlobal = query != null && query.contains("defaultToGlobal=true");
            final String level = subject == null ? store.globalLevel()
                    : store.subjectLevel(subject).or(() -> defaultToGlobal
                            ? Optional.of(store.globalLevel()) : Optional.empty())
                    .orElseThrow(() -> new FakeRegistryStore.ApiError(404, 40408, "Subject '" + subject
                            + "' does not have subject-level compatibility configured"));
            return new Response(JSON.createObjectNode().put("compatibilityLevel", level).toString());
        });
    }

    private static ObjectNode version(final FakeRegistryStore store, final String subject, final int version,
                                      final int id) {
        final FakeRegistryStore.Stored stored = store.byId(id).orElseThrow();
        final ObjectNode node = JSON.createObjectNode();
        node.put("subject", subject);
        node.put("version", version);
        node.put("id", id);
        node.put("schema", stored.text());
        addReferences(node, stored.references());
        return node;
    }

    private static void addReferences(final ObjectNode node, final List<FakeRegistryStore.Reference> references) {
        if (references.isEmpty()) {
            return;
        }
        final ArrayNode array = node.putArray("references");
        for (final FakeRegistryStore.Reference reference : references) {
            array.addObject().put("name", reference.name()).put("subject", reference.subject())
                    .put("version", reference.version());
        }
    }

    private static String schemaText(final JsonNode body) {
        if (body == null || !body.path("schema").isTextual()) {
            throw new FakeRegistryStore.ApiError(422, 42201, "Empty schema");
        }
        final String type = body.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new FakeRegistryStore.ApiError(422, 42201, "Invalid schema type " + type
                    + ": this fake registry stores only AVRO schemas");
        }
        return body.get("schema").asText();
    }

    private static List<FakeRegistryStore.Reference> references(final JsonNode body) {
        final List<FakeRegistryStore.Reference> references = new ArrayList<>();
        if (body == null) {
            return references;
        }
        for (final JsonNode reference : body.path("references")) {
            references.add(new FakeRegistryStore.Reference(reference.path("name").asText(),
                    reference.path("subject").asText(), reference.path("version").asInt()));
        }
        return references;
    }

    private static int parseId(final String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            // Jersey responds with 404 when a path parameter does not convert to its type.
            throw notFound();
        }
    }

    private static List<String> segments(final String rawPath) {
        final String trimmed = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (trimmed.isEmpty()) {
            return List.of();
        }
        // Split before decoding, so that an encoded '/' (%2F) stays inside its segment.
        return Arrays.stream(trimmed.split("/", -1))
                .map(segment -> URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8))
                .toList();
    }

    private static Response only(final String method, final String allowed,
                                 final Supplier<Response> action) {
        if (!method.equals(allowed)) {
            throw new FakeRegistryStore.ApiError(405, 405, "HTTP 405 Method Not Allowed");
        }
        return action.get();
    }

    private static FakeRegistryStore.ApiError notFound() {
        return new FakeRegistryStore.ApiError(404, 404, "HTTP 404 Not Found");
    }
}
