package dev.momo.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mapping from the records of a model server to Momo's view of a prediction, an
 * {@code InferenceEvent}. It is read once from a JSON file at start, immutable, and shared by every
 * stream thread. {@code docs/input-mapping.md} describes the file format, and {@link MappingParser}
 * checks it.
 *
 * @param source the mapping file as messages name it
 * @param format whether records are plain records or Open Inference Protocol v2 payloads
 * @param modelId where the model id comes from; null in an OIP mapping takes the response's
 *     {@code model_name}
 * @param modelVersion where the model version comes from; null in an OIP mapping takes the
 *     response's {@code model_version}
 * @param eventId path of the event id, or null for the record's position {@code topic-partition@offset}
 *     (and, in an OIP mapping, the payload's {@code id})
 * @param eventTime where the event time comes from, or null for the Kafka record timestamp
 * @param features values that become features
 * @param prediction path of the prediction in a record mapping, or null for none
 * @param probabilities values that become class probabilities in a record mapping
 * @param segments values that become segment attributes
 * @param oip the tensor settings of an OIP mapping, null in a record mapping
 */
public record InputMapping(String source, Format format, ValueSource modelId, ValueSource modelVersion,
                           FieldPath eventId, EventTime eventTime, FieldGroup features, FieldPath prediction,
                           FieldGroup probabilities, FieldGroup segments, OipSettings oip) {

    /** Shape of the records that a mapping reads. */
    public enum Format {
        /** One Avro record or JSON object per event. */
        RECORD,
        /** An Open Inference Protocol v2 request, response or both, with one event per tensor row. */
        OIP
    }

    /**
     * Reads and checks a mapping file.
     *
     * @throws InvalidMappingException naming the file and the key if the file cannot be read or is
     *     invalid
     */
    public static InputMapping read(final Path file) {
        final String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidMappingException("Cannot read input mapping " + file + ": " + e.getMessage()
                    + ". Check the path in momo.input.mapping.", e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses and checks a mapping from JSON text.
     *
     * @param source the file or other origin of the text, for messages
     * @throws InvalidMappingException naming {@code source} and the key if the mapping is invalid
     */
    public static InputMapping parse(final String json, final String source) {
        return new MappingParser(source).parse(json);
    }

    /**
     * A value taken from a path, or a fixed value that every record shares.
     *
     * @param path the path, or null for a fixed value
     * @param fixed the fixed value, or null for a path
     */
    record ValueSource(FieldPath path, String fixed) {
    }

    /**
     * Source of the event time.
     *
     * @param path path of the time value
     * @param unit unit of numeric times, or null for milliseconds (microseconds for an Avro
     *     timestamp-micros)
     */
    record EventTime(FieldPath path, ChronoUnit unit) {
    }

    /**
     * Named values taken from a record.
     *
     * @param from path of a map, Avro record or JSON object whose every entry is taken, or null
     * @param exclude entry names of {@code from} (and, in an OIP mapping, input names) to leave out
     * @param paths values taken one by one, by name, in mapping order; they replace entries of
     *     {@code from} with the same name
     * @param rename new names for entries of {@code from}, for input names and for the names of
     *     {@code paths} given as a list
     */
    record FieldGroup(FieldPath from, Set<String> exclude, Map<String, FieldPath> paths,
                      Map<String, String> rename) {

        static final FieldGroup EMPTY = new FieldGroup(null, Set.of(), Map.of(), Map.of());

        boolean isEmpty() {
            return from == null && paths.isEmpty();
        }

        /** Returns the name under which an entry or input called {@code name} is kept. */
        String renamed(final String name) {
            return rename.getOrDefault(name, name);
        }
    }

    /**
     * The tensor settings of an Open Inference Protocol v2 mapping.
     *
     * @param request path of the request object, or null for the record itself when it has
     *     {@code inputs}
     * @param response path of the response object, or null for the record itself when it has
     *     {@code outputs}
     * @param inputs names of the inputs that become features, or null for every input
     * @param names feature names of inputs with several values per row, by input name
     * @param predictionOutput name of the output that contains the prediction, or null for the only output
     *     with one value per row, if there is exactly one
     * @param probabilitiesOutput name of the output that contains the class probabilities, or null for none
     * @param classes class labels of the probability columns, or null for their indexes 0, 1, ...
     */
    record OipSettings(FieldPath request, FieldPath response, List<String> inputs, Map<String, List<String>> names,
                       String predictionOutput, String probabilitiesOutput, List<String> classes) {
    }
}
