package dev.momo.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.momo.mapping.InputMapping.EventTime;
import dev.momo.mapping.InputMapping.FieldGroup;
import dev.momo.mapping.InputMapping.Format;
import dev.momo.mapping.InputMapping.OipSettings;
import dev.momo.mapping.InputMapping.ValueSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a mapping file into an {@link InputMapping} and rejects every unknown key, missing key and
 * value of the wrong type with an {@link InvalidMappingException} that names the file and the key,
 * written as a dotted key path such as {@code features.rename}.
 */
final class MappingParser {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final List<String> RECORD_KEYS = List.of("format", "modelId", "modelVersion", "eventId",
            "eventTime", "features", "prediction", "probabilities", "segments");
    private static final List<String> OIP_KEYS = List.of("format", "request", "response", "modelId", "modelVersion",
            "eventId", "eventTime", "features", "prediction", "probabilities", "segments");
    private static final List<String> GROUP_KEYS = List.of("from", "exclude", "paths", "rename");
    private static final List<String> OIP_FEATURE_KEYS = List.of("inputs", "names", "from", "exclude", "paths",
            "rename");

    private final String source;

    MappingParser(final String source) {
        this.source = source;
    }

    InputMapping parse(final String json) {
        final JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            final String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidMappingException("Invalid input mapping " + source + ": not valid JSON: "
                    + e.getOriginalMessage() + where + ".", e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidMappingException("Invalid input mapping " + source + ": the file must hold one JSON"
                    + " object, such as {\"modelId\": \"model\", \"modelVersion\": \"version\", \"features\": {...}}.");
        }

        final Format format = format(root.get("format"));
        return format == Format.RECORD ? parseRecord(root) : parseOip(root);
    }

    private InputMapping parseRecord(final JsonNode root) {
        for (final String key : List.of("request", "response")) {
            if (root.has(key)) {
                throw invalid(key, "applies only to Open Inference Protocol payloads; add \"format\": \"oip\"");
            }
        }
        checkKeys(root, "", RECORD_KEYS);
        final ValueSource modelId = requiredValueSource(root, "modelId");
        final ValueSource modelVersion = requiredValueSource(root, "modelVersion");
        final FieldGroup features = group(root.get("features"), "features", GROUP_KEYS, true);
        final FieldPath prediction = root.has("prediction") ? pathOrObject(root.get("prediction"), "prediction") : null;
        final FieldGroup probabilities = group(root.get("probabilities"), "probabilities", GROUP_KEYS, true);
        if (features.isEmpty() && prediction == null && probabilities.isEmpty()) {
            throw invalid("", "the mapping takes no features, prediction or probabilities, so there is nothing to"
                    + " monitor; add at least one of the keys features, prediction and probabilities");
        }
        return new InputMapping(source, Format.RECORD, modelId, modelVersion, eventId(root), eventTime(root), features,
                prediction, probabilities, group(root.get("segments"), "segments", GROUP_KEYS, true), null);
    }

    private InputMapping parseOip(final JsonNode root) {
        checkKeys(root, "", OIP_KEYS);
        final JsonNode featuresNode = root.get("features");
        // Every input is a feature unless "inputs" lists some, so the group may take nothing itself.
        final FieldGroup features = group(featuresNode, "features", OIP_FEATURE_KEYS, false);
        final List<String> inputs = featuresNode == null ? null : optionalNames(featuresNode.get("inputs"),
                "features.inputs");
        final Map<String, List<String>> names = featuresNode == null ? Map.of() : inputNames(featuresNode.get("names"));
        if (inputs != null) {
            for (final String input : names.keySet()) {
                if (!inputs.contains(input)) {
                    throw invalid("features.names." + input, "names an input that features.inputs leaves out");
                }
            }
        }

        final String predictionOutput = outputName(root.get("prediction"), "prediction", List.of("output"));
        final JsonNode probabilitiesNode = root.get("probabilities");
        final String probabilitiesOutput = outputName(probabilitiesNode, "probabilities", List.of("output", "classes"));
        final List<String> classes = probabilitiesNode == null ? null
                : optionalNames(probabilitiesNode.get("classes"), "probabilities.classes");

        final OipSettings oip = new OipSettings(optionalPath(root.get("request"), "request"),
                optionalPath(root.get("response"), "response"), inputs, names, predictionOutput, probabilitiesOutput,
                classes);
        return new InputMapping(source, Format.OIP, optionalValueSource(root, "modelId"),
                optionalValueSource(root, "modelVersion"), eventId(root), eventTime(root), features, null,
                FieldGroup.EMPTY, group(root.get("segments"), "segments", GROUP_KEYS, true), oip);
    }

    private Format format(final JsonNode node) {
        if (node == null) {
            return Format.RECORD;
        }
        final String text = node.isTextual() ? node.textValue().toLowerCase(Locale.ROOT) : "";
        return switch (text) {
            case "record" -> Format.RECORD;
            case "oip" -> Format.OIP;
            default -> throw invalid("format", "must be \"record\" (one Avro record or JSON object per event) or"
                    + " \"oip\" (Open Inference Protocol v2 JSON)");
        };
    }

    private ValueSource requiredValueSource(final JsonNode root, final String key) {
        if (!root.has(key)) {
            throw invalid(key, "is missing: give a path (\"" + key + "\": \"model.name\") or a fixed value"
                    + " (\"" + key + "\": {\"value\": \"churn\"})");
        }
        return optionalValueSource(root, key);
    }

    private ValueSource optionalValueSource(final JsonNode root, final String key) {
        final JsonNode node = root.get(key);
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return new ValueSource(path(node, key), null);
        }
        if (!node.isObject()) {
            throw invalid(key, "must be a path string or an object with \"path\" or \"value\"");
        }
        checkKeys(node, key, List.of("path", "value"));
        if (node.has("path") == node.has("value")) {
            throw invalid(key, "must have exactly one of \"path\" and \"value\"");
        }
        if (node.has("path")) {
            return new ValueSource(path(node.get("path"), key + ".path"), null);
        }
        final JsonNode value = node.get("value");
        if (!(value.isTextual() || value.isIntegralNumber()) || value.asText().isBlank()) {
            throw invalid(key + ".value", "must be a non-blank string");
        }
        return new ValueSource(null, value.asText());
    }

    private FieldPath eventId(final JsonNode root) {
        return root.has("eventId") ? pathOrObject(root.get("eventId"), "eventId") : null;
    }

    private EventTime eventTime(final JsonNode root) {
        final JsonNode node = root.get("eventTime");
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return new EventTime(path(node, "eventTime"), null);
        }
        if (!node.isObject()) {
            throw invalid("eventTime", "must be a path string or an object with \"path\" and optional \"unit\"");
        }
        checkKeys(node, "eventTime", List.of("path", "unit"));
        if (!node.has("path")) {
            throw invalid("eventTime.path", "is missing");
        }
        final JsonNode unit = node.get("unit");
        return new EventTime(path(node.get("path"), "eventTime.path"), unit == null ? null : unit(unit));
    }

    private ChronoUnit unit(final JsonNode node) {
        final String text = node.isTextual() ? node.textValue() : "";
        return switch (text) {
            case "seconds" -> ChronoUnit.SECONDS;
            case "milliseconds" -> ChronoUnit.MILLIS;
            case "microseconds" -> ChronoUnit.MICROS;
            default -> throw invalid("eventTime.unit", "must be \"seconds\", \"milliseconds\" or \"microseconds\"");
        };
    }

    /** Reads a path given as a string or as {"path": ...}. */
    private FieldPath pathOrObject(final JsonNode node, final String key) {
        if (node.isObject()) {
            checkKeys(node, key, List.of("path"));
            if (!node.has("path")) {
                throw invalid(key + ".path", "is missing");
            }
            return path(node.get("path"), key + ".path");
        }
        return path(node, key);
    }

    private FieldPath optionalPath(final JsonNode node, final String key) {
        return node == null ? null : path(node, key);
    }

    private FieldPath path(final JsonNode node, final String key) {
        if (!node.isTextual()) {
            throw invalid(key, "must be a path string such as \"request.customer.age\"");
        }
        try {
            return FieldPath.parse(node.textValue());
        } catch (IllegalArgumentException e) {
            throw invalid(key, "is not a valid path: " + e.getMessage());
        }
    }

    private FieldGroup group(final JsonNode node, final String key, final List<String> keys,
                             final boolean requireContent) {
        if (node == null) {
            return FieldGroup.EMPTY;
        }
        if (!node.isObject()) {
            throw invalid(key, "must be an object with the keys " + String.join(", ", keys));
        }
        checkKeys(node, key, keys);

        final FieldPath from = optionalPath(node.get("from"), key + ".from");
        final List<String> excluded = optionalNames(node.get("exclude"), key + ".exclude");
        final Set<String> exclude = excluded == null ? Set.of() : Set.copyOf(excluded);
        final Map<String, String> rename = renames(node.get("rename"), key + ".rename");
        final Map<String, FieldPath> paths = paths(node.get("paths"), key + ".paths", rename);
        if (requireContent && from == null && paths.isEmpty()) {
            throw invalid(key, "takes nothing: give \"from\" (a map or record whose entries are taken) or \"paths\"");
        }
        return new FieldGroup(from, exclude, Collections.unmodifiableMap(paths), rename);
    }

    private Map<String, FieldPath> paths(final JsonNode node, final String key, final Map<String, String> rename) {
        final Map<String, FieldPath> paths = new LinkedHashMap<>();
        if (node == null) {
            return paths;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                final FieldPath path = path(node.get(i), key + "[" + i + "]");
                putUnique(paths, rename.getOrDefault(path.toString(), path.toString()), path, key);
            }
        } else if (node.isObject()) {
            for (final Map.Entry<String, JsonNode> entry : node.properties()) {
                requireName(entry.getKey(), key);
                putUnique(paths, entry.getKey(), path(entry.getValue(), key + "." + entry.getKey()), key);
            }
        } else {
            throw invalid(key, "must be a list of paths or an object of names to paths");
        }
        return paths;
    }

    private void putUnique(final Map<String, FieldPath> paths, final String name, final FieldPath path,
                           final String key) {
        if (paths.putIfAbsent(name, path) != null) {
            throw invalid(key, "names '" + name + "' twice; each name may appear once");
        }
    }

    private Map<String, String> renames(final JsonNode node, final String key) {
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw invalid(key, "must be an object of old names to new names");
        }
        final Map<String, String> rename = new HashMap<>();
        final Map<String, String> oldByNew = new HashMap<>();
        for (final Map.Entry<String, JsonNode> entry : node.properties()) {
            final JsonNode target = entry.getValue();
            if (!target.isTextual() || target.textValue().isEmpty()) {
                throw invalid(key + "." + entry.getKey(), "must be a non-empty string, the new name");
            }
            final String previous = oldByNew.putIfAbsent(target.textValue(), entry.getKey());
            if (previous != null) {
                throw invalid(key, "renames both '" + previous + "' and '" + entry.getKey() + "' to '"
                        + target.textValue() + "'");
            }
            rename.put(entry.getKey(), target.textValue());
        }
        return Map.copyOf(rename);
    }

    /** Reads a list of distinct non-empty strings, or null when the key is absent. */
    private List<String> optionalNames(final JsonNode node, final String key) {
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw invalid(key, "must be a list of strings");
        }
        final Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            final JsonNode name = node.get(i);
            if (!name.isTextual() || name.textValue().isEmpty()) {
                throw invalid(key + "[" + i + "]", "must be a non-empty string");
            }
            if (!names.add(name.textValue())) {
                throw invalid(key, "lists '" + name.textValue() + "' twice");
            }
        }
        return List.copyOf(names);
    }

    private Map<String, List<String>> inputNames(final JsonNode node) {
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw invalid("features.names", "must be an object of input names to lists of feature names");
        }
        final Map<String, List<String>> names = new LinkedHashMap<>();
        for (final Map.Entry<String, JsonNode> entry : node.properties()) {
            final String key = "features.names." + entry.getKey();
            final List<String> list = optionalNames(entry.getValue(), key);
            if (list.isEmpty()) {
                throw invalid(key, "is empty; list one feature name per column of the input");
            }
            names.put(entry.getKey(), list);
        }
        return Collections.unmodifiableMap(names);
    }

    /** Reads {"output": NAME, ...} of an OIP mapping, or null when the key is absent. */
    private String outputName(final JsonNode node, final String key, final List<String> keys) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid(key, "must be an object such as {\"output\": \"predict\"} in an OIP mapping");
        }
        checkKeys(node, key, keys);
        final JsonNode output = node.get("output");
        if (output == null || !output.isTextual() || output.textValue().isEmpty()) {
            throw invalid(key + ".output", "must be the name of an output tensor");
        }
        return output.textValue();
    }

    private void requireName(final String name, final String key) {
        if (name.isEmpty()) {
            throw invalid(key, "has an empty name");
        }
    }

    private void checkKeys(final JsonNode object, final String key, final List<String> allowed) {
        final List<String> unknown = new ArrayList<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            final String where = key.isEmpty() ? "the top level" : "'" + key + "'";
            final String name = key.isEmpty() ? unknown.get(0) : key + "." + unknown.get(0);
            throw invalid(name, "is unknown; " + where + " takes " + String.join(", ", allowed));
        }
    }

    private InvalidMappingException invalid(final String key, final String problem) {
        final String subject = key.isEmpty() ? "" : "key '" + key + "' ";
        return new InvalidMappingException("Invalid input mapping " + source + ": " + subject + problem + ".");
    }
}
