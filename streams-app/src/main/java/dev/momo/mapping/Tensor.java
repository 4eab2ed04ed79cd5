package dev.momo.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One tensor of an Open Inference Protocol v2 JSON payload, an element of {@code inputs} or
 * {@code outputs}: {@code {"name", "shape", "datatype", "data"}}.
 *
 * <p>Rules: the OIP v2 REST specification (kserve/open-inference-protocol,
 * {@code specification/protocol/inference_rest.md}) has the shape and data of a batched input cover
 * the whole batch, and KServe's protocol document ({@code docs/predict-api/v2/required_api.md},
 * "Tensor Data") gives JSON data in row-major order, flat or nested as the shape. Momo takes the first
 * dimension as the batch: a tensor of shape {@code [N, K]} contains N rows of K values, and one of
 * shape {@code [N]} N rows of one value. It reads BOOL data as JSON booleans, the INT, UINT and FP
 * types as JSON numbers and BYTES as JSON strings, and rejects other element types.
 *
 * <p>Integer element types are not range-checked (an INT8 of 300 is read as 300). FP16 and BF16
 * values are read as the JSON numbers they are written as.
 * NOTE: nested data are flattened without checking that the nesting follows the shape; only the total
 * number of elements is checked.
 */
final class Tensor {

    private static final Set<String> INTEGER_TYPES = Set.of("INT8", "INT16", "INT32", "INT64",
            "UINT8", "UINT16", "UINT32", "UINT64");
    private static final Set<String> FLOAT_TYPES = Set.of("FP16", "BF16", "FP32", "FP64");

    private final String name;
    private final long[] shape;
    private final String datatype;
    private final List<JsonNode> elements;

    private Tensor(final String name, final long[] shape, final String datatype, final List<JsonNode> elements) {
        this.name = name;
        this.shape = shape;
        this.datatype = datatype;
        this.elements = elements;
    }

    /**
     * Reads and checks a tensor.
     *
     * @throws TensorException naming the tensor and the problem
     */
    static Tensor parse(final JsonNode node, final String where) {
        if (node == null || !node.isObject()) {
            throw new TensorException(where + " is not a JSON object");
        }
        final JsonNode nameNode = node.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.textValue().isEmpty()) {
            throw new TensorException(where + " has no \"name\" string");
        }
        final String name = nameNode.textValue();
        final String label = "tensor '" + name + "'";

        final long[] shape = shape(node.get("shape"), label);
        final JsonNode datatypeNode = node.get("datatype");
        final String datatype = datatypeNode == null || !datatypeNode.isTextual() ? ""
                : datatypeNode.textValue().toUpperCase(Locale.ROOT);
        if (!INTEGER_TYPES.contains(datatype) && !FLOAT_TYPES.contains(datatype) && !datatype.equals("BOOL")
                && !datatype.equals("BYTES")) {
            throw new TensorException(label + " has datatype " + (datatypeNode == null ? "(none)" : "'"
                    + datatypeNode.asText() + "'") + "; supported are BOOL, INT8 to INT64, UINT8 to UINT64, FP16,"
                    + " BF16, FP32, FP64 and BYTES");
        }

        final JsonNode data = node.get("data");
        if (data == null || !data.isArray()) {
            throw new TensorException(label + " has no \"data\" array");
        }
        final List<JsonNode> elements = new ArrayList<>();
        flatten(data, elements, label, datatype);
        final long expected;
        try {
            expected = Arrays.stream(shape).reduce(1L, Math::multiplyExact);
        } catch (ArithmeticException e) {
            throw new TensorException(label + " has shape " + Arrays.toString(shape) + ", too large to hold");
        }
        if (elements.size() != expected) {
            throw new TensorException(label + " has " + elements.size() + " data elements, but its shape "
                    + Arrays.toString(shape) + " needs " + expected);
        }
        return new Tensor(name, shape, datatype, elements);
    }

    private static long[] shape(final JsonNode node, final String label) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new TensorException(label + " has no \"shape\"; it needs at least the batch dimension, as in [N]"
                    + " or [N, K]");
        }
        final long[] shape = new long[node.size()];
        for (int i = 0; i < shape.length; i++) {
            final JsonNode dimension = node.get(i);
            if (!dimension.isIntegralNumber() || !dimension.canConvertToLong() || dimension.longValue() < 0) {
                throw new TensorException(label + " has a shape whose dimensions are not all non-negative integers");
            }
            shape[i] = dimension.longValue();
        }
        return shape;
    }

    private static void flatten(final JsonNode data, final List<JsonNode> elements, final String label,
                                final String datatype) {
        for (final JsonNode element : data) {
            if (element.isArray()) {
                flatten(element, elements, label, datatype);
                continue;
            }
            if (!fits(element, datatype)) {
                throw new TensorException(label + " of datatype " + datatype + " has data element "
                        + elements.size() + " of another JSON type; " + datatype + " takes " + jsonTypeOf(datatype));
            }
            elements.add(element);
        }
    }

    private static boolean fits(final JsonNode element, final String datatype) {
        if (datatype.equals("BOOL")) {
            return element.isBoolean();
        }
        if (datatype.equals("BYTES")) {
            return element.isTextual();
        }
        if (INTEGER_TYPES.contains(datatype)) {
            return element.isIntegralNumber();
        }
        return element.isNumber();
    }

    private static String jsonTypeOf(final String datatype) {
        if (datatype.equals("BOOL")) {
            return "booleans";
        }
        if (datatype.equals("BYTES")) {
            return "strings";
        }
        return INTEGER_TYPES.contains(datatype) ? "integers" : "numbers";
    }

    String name() {
        return name;
    }

    /** Returns the shape as text, such as {@code [2, 3]}. */
    String shapeText() {
        return Arrays.toString(shape);
    }

    /** Returns the number of rows, the first dimension. */
    long rows() {
        return shape[0];
    }

    /** Returns the rank of one row: 0 for shape {@code [N]}, 1 for {@code [N, K]}. */
    int rowRank() {
        return shape.length - 1;
    }

    /** Returns the number of values per row, the product of the dimensions after the first. */
    int width() {
        long width = 1;
        for (int i = 1; i < shape.length; i++) {
            width *= shape[i];
        }
        return (int) width;
    }

    boolean isNumeric() {
        return INTEGER_TYPES.contains(datatype) || FLOAT_TYPES.contains(datatype);
    }

    /**
     * Returns element {@code column} of row {@code row} as a feature value: Boolean for BOOL, Long for
     * INT and UINT (Double beyond the range of long), Double for FP and String for BYTES.
     */
    Object feature(final int row, final int column) {
        final JsonNode element = elements.get(row * width() + column);
        if (datatype.equals("BOOL")) {
            return element.booleanValue();
        }
        if (datatype.equals("BYTES")) {
            return element.textValue();
        }
        if (INTEGER_TYPES.contains(datatype) && element.canConvertToLong()) {
            return element.longValue();
        }
        return element.doubleValue();
    }

    /** Returns element {@code column} of row {@code row} as a double; the tensor must be numeric. */
    double number(final int row, final int column) {
        return elements.get(row * width() + column).doubleValue();
    }

    /** A tensor that breaks the OIP v2 rules. The message names the tensor, never its data. */
    static final class TensorException extends RuntimeException {
        TensorException(final String message) {
            super(message);
        }
    }
}
