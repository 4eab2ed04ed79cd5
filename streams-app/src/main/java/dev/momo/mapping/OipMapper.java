package dev.momo.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.momo.mapping.FieldPath.Lookup;
import dev.momo.mapping.InputMapping.FieldGroup;
import dev.momo.mapping.InputMapping.OipSettings;
import dev.momo.mapping.Tensor.TensorException;
import dev.momo.schema.InferenceEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps an Open Inference Protocol v2 JSON payload to one {@link InferenceEvent} per batch row.
 *
 * <p>The record contains a request ({@code inputs}), a response ({@code outputs}) or both, either at the
 * top level or under the mapping's {@code request} and {@code response} paths. Row i of every tensor
 * used becomes event {@code ID/i}, where ID is the mapping's {@code eventId} path, else the request's
 * {@code id}, else the response's {@code id}, else the record position {@code topic-partition@offset}.
 * Every used tensor must have the same number of rows. Tensors that the mapping does not use are not
 * checked, except that each must have a name and names must be distinct.
 *
 * <ul>
 *   <li>Features: each input of shape {@code [N]} or {@code [N, 1]} is one feature named after the
 *       input (or its {@code rename}); an input of shape {@code [N, K]} is K features named by the
 *       mapping's {@code names} list for that input. Every input is used unless {@code inputs} lists
 *       some or {@code exclude} leaves some out. The group's {@code from} and {@code paths} add
 *       record-level values to every row; inputs replace them on equal names.</li>
 *   <li>Prediction: the output named by {@code prediction.output}, which must have one value per row;
 *       without it, the only output with one value per row, if there is exactly one.</li>
 *   <li>Probabilities: the output named by {@code probabilities.output}, K numbers per row, labelled by
 *       {@code classes} or by the column indexes 0 to K-1.</li>
 *   <li>Model id and version: the mapping's values, else the response's {@code model_name} and
 *       {@code model_version}.</li>
 * </ul>
 */
final class OipMapper {

    private OipMapper() {
    }

    static List<InferenceEvent> map(final MappedRecord record) {
        if (!(record.root() instanceof JsonNode)) {
            throw record.failure("an OIP mapping reads JSON payloads, but the record is Avro");
        }
        final InputMapping mapping = record.mapping();
        final OipSettings oip = mapping.oip();
        final JsonNode request = part(record, "request", oip.request(), "inputs");
        final JsonNode response = part(record, "response", oip.response(), "outputs");
        if (request == null && response == null) {
            throw record.failure("the record has neither \"inputs\" (an OIP request) nor \"outputs\" (an OIP"
                    + " response); set request and response in the mapping if they sit deeper in the record");
        }

        final Map<String, JsonNode> inputs = request == null ? Map.of() : tensors(record, request, "inputs");
        final Map<String, JsonNode> outputs = response == null ? Map.of() : tensors(record, response, "outputs");
        final List<FeatureColumn> columns = featureColumns(record, inputs);
        final Tensor prediction = predictionOutput(record, outputs);
        final Tensor probabilities = oip.probabilitiesOutput() == null ? null
                : output(record, outputs, oip.probabilitiesOutput(), "probabilities.output");
        final List<String> classes = classes(record, probabilities);
        final int rows = rows(record, columns, prediction, probabilities);

        final String modelId = modelField(record, mapping.modelId(), "modelId", "model_name", response);
        final String modelVersion = modelField(record, mapping.modelVersion(), "modelVersion", "model_version",
                response);
        final String baseId = baseEventId(record, request, response);
        final Map<String, Object> shared = record.group("features", mapping.features(), Values::feature, true);
        final Map<String, String> segments = record.group("segments", mapping.segments(), Values::segment, false);
        final Instant eventTime = record.eventTime();

        final List<InferenceEvent> events = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            final Map<String, Object> features = new LinkedHashMap<>(shared);
            for (final FeatureColumn column : columns) {
                features.put(column.name(), column.tensor().feature(row, column.index()));
            }
            events.add(InferenceEvent.newBuilder()
                    .setEventId(baseId + "/" + row)
                    .setModelId(modelId)
                    .setModelVersion(modelVersion)
                    .setEventTime(eventTime)
                    .setFeatures(features)
                    .setPrediction(prediction == null ? null : predictionValue(prediction, row))
                    .setProbabilities(probabilities == null ? Map.of() : probabilityRow(probabilities, classes, row))
                    .setSegments(new LinkedHashMap<>(segments))
                    .build());
        }
        return events;
    }

    /** Returns the request or response object: at the mapping's path, else the record when it has {@code field}. */
    private static JsonNode part(final MappedRecord record, final String key, final FieldPath path,
                                 final String field) {
        if (path == null) {
            final JsonNode root = (JsonNode) record.root();
            return root.has(field) ? root : null;
        }
        final Lookup lookup = record.lookup(key, path);
        if (lookup.isMissing() || lookup.value() == null) {
            return null;
        }
        if (!(lookup.value() instanceof JsonNode node) || !node.isObject() || !node.has(field)) {
            throw record.mismatch(key, path, "is not an OIP " + key + " object with \"" + field + "\"");
        }
        return node;
    }

    /**
     * Returns the tensors of {@code field} by name, unparsed, so that tensors the mapping does not use
     * are never checked.
     */
    private static Map<String, JsonNode> tensors(final MappedRecord record, final JsonNode part, final String field) {
        final JsonNode array = part.get(field);
        if (!array.isArray()) {
            throw record.failure("\"" + field + "\" of the OIP payload is not a JSON array");
        }
        final Map<String, JsonNode> tensors = new LinkedHashMap<>();
        for (int i = 0; i < array.size(); i++) {
            final JsonNode tensor = array.get(i);
            final JsonNode name = tensor.isObject() ? tensor.get("name") : null;
            if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
                throw record.failure(field + "[" + i + "] has no \"name\" string");
            }
            if (tensors.putIfAbsent(name.textValue(), tensor) != null) {
                throw record.failure(field + " has two tensors named '" + name.textValue() + "'");
            }
        }
        return tensors;
    }

    private static Tensor parse(final MappedRecord record, final JsonNode tensor, final String field) {
        try {
            return Tensor.parse(tensor, field);
        } catch (TensorException e) {
            throw record.failure(field + ": " + e.getMessage());
        }
    }

    /** Returns the feature columns of the inputs that the mapping uses, in request order. */
    private static List<FeatureColumn> featureColumns(final MappedRecord record, final Map<String, JsonNode> inputs) {
        final OipSettings oip = record.mapping().oip();
        final FieldGroup group = record.mapping().features();
        if (oip.inputs() != null) {
            for (final String name : oip.inputs()) {
                if (!inputs.containsKey(name)) {
                    throw record.failure("features.inputs lists input '" + name + "', which the request does not"
                            + " have (its inputs: " + String.join(", ", inputs.keySet()) + ")");
                }
            }
        }

        final List<FeatureColumn> columns = new ArrayList<>();
        for (final Map.Entry<String, JsonNode> input : inputs.entrySet()) {
            final String name = input.getKey();
            final boolean used = oip.inputs() == null ? !group.exclude().contains(name) : oip.inputs().contains(name);
            if (used) {
                addColumns(record, parse(record, input.getValue(), "inputs"), oip.names().get(name), group, columns);
            }
        }
        return columns;
    }

    private static void addColumns(final MappedRecord record, final Tensor tensor, final List<String> names,
                                   final FieldGroup group, final List<FeatureColumn> columns) {
        if (tensor.rowRank() > 1) {
            throw record.failure("input '" + tensor.name() + "' has shape " + tensor.shapeText() + ", but only inputs"
                    + " of shape [N], [N, 1] or [N, K] become features; leave it out with features.exclude or"
                    + " features.inputs");
        }
        final int width = tensor.width();
        if (names == null) {
            if (width != 1) {
                throw record.failure("input '" + tensor.name() + "' has shape " + tensor.shapeText() + ", " + width
                        + " values per row, so it needs " + width + " feature names in features.names."
                        + tensor.name());
            }
            columns.add(new FeatureColumn(group.renamed(tensor.name()), tensor, 0));
            return;
        }
        if (names.size() != width) {
            throw record.failure("input '" + tensor.name() + "' has shape " + tensor.shapeText() + ", " + width
                    + " values per row, but features.names." + tensor.name() + " lists " + names.size() + " names");
        }
        for (int column = 0; column < width; column++) {
            columns.add(new FeatureColumn(names.get(column), tensor, column));
        }
    }

    private static Tensor predictionOutput(final MappedRecord record, final Map<String, JsonNode> outputs) {
        final String name = record.mapping().oip().predictionOutput();
        if (name == null) {
            final List<Tensor> single = new ArrayList<>();
            for (final JsonNode output : outputs.values()) {
                final Tensor tensor = parse(record, output, "outputs");
                if (tensor.width() == 1) {
                    single.add(tensor);
                }
            }
            return single.size() == 1 ? single.get(0) : null;
        }
        final Tensor tensor = output(record, outputs, name, "prediction.output");
        if (tensor.width() != 1) {
            throw record.failure("prediction.output '" + name + "' has shape " + tensor.shapeText() + ", but a"
                    + " prediction needs one value per row; map a [N, K] output as probabilities");
        }
        return tensor;
    }

    private static Tensor output(final MappedRecord record, final Map<String, JsonNode> outputs, final String name,
                                 final String key) {
        final JsonNode output = outputs.get(name);
        if (output == null) {
            throw record.failure(key + " names output '" + name + "', which the record does not have"
                    + (outputs.isEmpty() ? " (it has no response)"
                    : " (its outputs: " + String.join(", ", outputs.keySet()) + ")"));
        }
        return parse(record, output, "outputs");
    }

    private static List<String> classes(final MappedRecord record, final Tensor probabilities) {
        if (probabilities == null) {
            return List.of();
        }
        if (!probabilities.isNumeric() || probabilities.rowRank() > 1) {
            throw record.failure("probabilities.output '" + probabilities.name() + "' must be a numeric tensor of"
                    + " shape [N] or [N, K]");
        }
        final List<String> configured = record.mapping().oip().classes();
        final int width = probabilities.width();
        if (configured == null) {
            final List<String> indexes = new ArrayList<>(width);
            for (int column = 0; column < width; column++) {
                indexes.add(Integer.toString(column));
            }
            return indexes;
        }
        if (configured.size() != width) {
            throw record.failure("probabilities.output '" + probabilities.name() + "' has " + width
                    + " values per row, but probabilities.classes lists " + configured.size() + " classes");
        }
        return configured;
    }

    /** Returns the common row count of the tensors in use. */
    private static int rows(final MappedRecord record, final List<FeatureColumn> columns, final Tensor prediction,
                            final Tensor probabilities) {
        final List<Tensor> used = new ArrayList<>();
        columns.forEach(column -> used.add(column.tensor()));
        if (prediction != null) {
            used.add(prediction);
        }
        if (probabilities != null) {
            used.add(probabilities);
        }
        if (used.isEmpty()) {
            throw record.failure("the record has no tensor to monitor: no input becomes a feature and no output is"
                    + " the prediction or the probabilities");
        }

        final long rows = used.get(0).rows();
        for (final Tensor tensor : used) {
            if (tensor.rows() != rows) {
                throw record.failure("tensors disagree on the batch size: '" + used.get(0).name() + "' has shape "
                        + used.get(0).shapeText() + " and '" + tensor.name() + "' has shape " + tensor.shapeText());
            }
        }
        if (rows == 0) {
            throw record.failure("tensor '" + used.get(0).name() + "' has 0 rows");
        }
        return (int) rows;
    }

    private static String modelField(final MappedRecord record, final InputMapping.ValueSource source,
                                     final String key, final String field, final JsonNode response) {
        if (source != null) {
            return record.identifier(key, source);
        }
        final JsonNode node = response == null ? null : response.get(field);
        if (node == null || node.isNull()) {
            throw record.failure("the mapping sets no " + key + " and the record has no response with \"" + field
                    + "\"; set " + key + " in the mapping");
        }
        try {
            return Values.identifier(node, null);
        } catch (Values.ValueException e) {
            throw record.failure("\"" + field + "\" of the response " + e.getMessage());
        }
    }

    private static String baseEventId(final MappedRecord record, final JsonNode request, final JsonNode response) {
        final FieldPath path = record.mapping().eventId();
        if (path != null) {
            return record.identifier("eventId", path);
        }
        for (final JsonNode part : new JsonNode[] {request, response}) {
            final JsonNode id = part == null ? null : part.get("id");
            if (id != null && (id.isTextual() || id.isIntegralNumber()) && !id.asText().isEmpty()) {
                return id.asText();
            }
        }
        return record.input().position();
    }

    private static Object predictionValue(final Tensor prediction, final int row) {
        final Object value = prediction.feature(row, 0);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        return value.toString();
    }

    private static Map<String, Double> probabilityRow(final Tensor probabilities, final List<String> classes,
                                                      final int row) {
        final Map<String, Double> values = new LinkedHashMap<>();
        for (int column = 0; column < classes.size(); column++) {
            values.put(classes.get(column), probabilities.number(row, column));
        }
        return values;
    }

    /** Column {@code index} of an input tensor, kept as feature {@code name}. */
    private record FeatureColumn(String name, Tensor tensor, int index) {
    }
}
