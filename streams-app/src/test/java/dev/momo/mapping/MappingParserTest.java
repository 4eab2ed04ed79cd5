package dev.momo.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mapping files that are invalid in themselves fail at start, naming the file and the key. */
class MappingParserTest {

    private static final String PREFIX = "Invalid input mapping m.json: ";

    @TempDir
    Path directory;

    @Test
    void recordMappingReadsEveryKey() {
        final InputMapping mapping = parse("""
                {"modelId": "a.b", "modelVersion": {"value": "3"}, "eventId": {"path": "id"},
                 "eventTime": {"path": "ts", "unit": "seconds"},
                 "features": {"from": "f", "exclude": ["x"], "rename": {"y": "z"}, "paths": ["p.q"]},
                 "prediction": "out", "probabilities": {"paths": {"yes": "p1"}}, "segments": {"from": "s"}}
                """);

        assertThat(mapping.format()).isEqualTo(InputMapping.Format.RECORD);
        assertThat(mapping.modelId().path()).hasToString("a.b");
        assertThat(mapping.modelVersion().fixed()).isEqualTo("3");
        assertThat(mapping.eventId()).hasToString("id");
        assertThat(mapping.eventTime().unit()).isEqualTo(ChronoUnit.SECONDS);
        assertThat(mapping.features().exclude()).containsExactly("x");
        assertThat(mapping.features().renamed("y")).isEqualTo("z");
        assertThat(mapping.features().paths()).containsOnlyKeys("p.q");
        assertThat(mapping.prediction()).hasToString("out");
        assertThat(mapping.probabilities().paths()).containsOnlyKeys("yes");
        assertThat(mapping.segments().from()).hasToString("s");
        assertThat(mapping.oip()).isNull();
    }

    @Test
    void oipMappingReadsTensorSettings() {
        final InputMapping mapping = parse("""
                {"format": "oip", "request": "req", "response": "resp",
                 "features": {"inputs": ["dense", "age"], "names": {"dense": ["a", "b"]}},
                 "prediction": {"output": "label"}, "probabilities": {"output": "proba", "classes": ["n", "y"]}}
                """);

        assertThat(mapping.format()).isEqualTo(InputMapping.Format.OIP);
        assertThat(mapping.modelId()).isNull();
        assertThat(mapping.oip().request()).hasToString("req");
        assertThat(mapping.oip().inputs()).containsExactly("dense", "age");
        assertThat(mapping.oip().names()).containsEntry("dense", List.of("a", "b"));
        assertThat(mapping.oip().predictionOutput()).isEqualTo("label");
        assertThat(mapping.oip().classes()).containsExactly("n", "y");
    }

    @Test
    void mappingFileReadFromDisk() throws Exception {
        final Path file = directory.resolve("mapping.json");
        Files.writeString(file, "{\"modelId\": \"m\", \"modelVersion\": \"v\", \"features\": {\"from\": \"f\"}}");

        assertThat(InputMapping.read(file).source()).isEqualTo(file.toString());
    }

    @Test
    void missingFileThrowsNamingFile() {
        final Path file = directory.resolve("absent.json");

        assertThatThrownBy(() -> MappedEventDecoder.fromFile(file, null))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageStartingWith("Cannot read input mapping " + file)
                .hasMessageEndingWith("Check the path in momo.input.mapping.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level key | {"modelId": "m", "modelVersion": "v", "features": {"from": "f"}, "featurs": {}} | key 'featurs' is unknown; the top level takes format, modelId, modelVersion, eventId, eventTime, features, prediction, probabilities, segments.
            unknown nested key | {"modelId": "m", "modelVersion": "v", "features": {"form": "f"}} | key 'features.form' is unknown; 'features' takes from, exclude, paths, rename.
            missing modelId | {"modelVersion": "v", "features": {"from": "f"}} | key 'modelId' is missing: give a path ("modelId": "model.name") or a fixed value ("modelId": {"value": "churn"}).
            path and value | {"modelId": {"path": "a", "value": "b"}, "modelVersion": "v", "features": {"from": "f"}} | key 'modelId' must have exactly one of "path" and "value".
            blank fixed value | {"modelId": {"value": " "}, "modelVersion": "v", "features": {"from": "f"}} | key 'modelId.value' must be a non-blank string.
            number as path | {"modelId": 5, "modelVersion": "v", "features": {"from": "f"}} | key 'modelId' must be a path string or an object with "path" or "value".
            double dot | {"modelId": "a..b", "modelVersion": "v", "features": {"from": "f"}} | key 'modelId' is not a valid path: path 'a..b' has an empty name; write names separated by single dots, with indexes right after a name, as in outputs[0].data.
            bad index | {"modelId": "a[x]", "modelVersion": "v", "features": {"from": "f"}} | key 'modelId' is not a valid path: path 'a[x]' has index [x]; an index is a non-negative integer below 10^9.
            unclosed index | {"modelId": "a[1", "modelVersion": "v", "features": {"from": "f"}} | key 'modelId' is not a valid path: path 'a[1' has an index that is not of the form [N].
            bad unit | {"modelId": "m", "modelVersion": "v", "eventTime": {"path": "t", "unit": "hours"}, "features": {"from": "f"}} | key 'eventTime.unit' must be "seconds", "milliseconds" or "microseconds".
            time without path | {"modelId": "m", "modelVersion": "v", "eventTime": {"unit": "seconds"}, "features": {"from": "f"}} | key 'eventTime.path' is missing.
            nothing to monitor | {"modelId": "m", "modelVersion": "v"} | the mapping takes no features, prediction or probabilities, so there is nothing to monitor; add at least one of the keys features, prediction and probabilities.
            empty group | {"modelId": "m", "modelVersion": "v", "features": {"exclude": ["a"]}} | key 'features' takes nothing: give "from" (a map or record whose entries are taken) or "paths".
            duplicate path names | {"modelId": "m", "modelVersion": "v", "features": {"paths": ["a", "b"], "rename": {"b": "a"}}} | key 'features.paths' names 'a' twice; each name may appear once.
            rename collision | {"modelId": "m", "modelVersion": "v", "features": {"from": "f", "rename": {"x": "z", "y": "z"}}} | key 'features.rename' renames both 'x' and 'y' to 'z'.
            exclude of numbers | {"modelId": "m", "modelVersion": "v", "features": {"from": "f", "exclude": [1]}} | key 'features.exclude[0]' must be a non-empty string.
            request in record mapping | {"modelId": "m", "modelVersion": "v", "features": {"from": "f"}, "request": "r"} | key 'request' applies only to Open Inference Protocol payloads; add "format": "oip".
            unknown format | {"format": "csv"} | key 'format' must be "record" (one Avro record or JSON object per event) or "oip" (Open Inference Protocol v2 JSON).
            oip prediction as path | {"format": "oip", "prediction": "out"} | key 'prediction' must be an object such as {"output": "predict"} in an OIP mapping.
            oip names outside inputs | {"format": "oip", "features": {"inputs": ["a"], "names": {"b": ["x"]}}} | key 'features.names.b' names an input that features.inputs leaves out.
            oip empty names | {"format": "oip", "features": {"names": {"b": []}}} | key 'features.names.b' is empty; list one feature name per column of the input.
            oip classes twice | {"format": "oip", "probabilities": {"output": "p", "classes": ["a", "a"]}} | key 'probabilities.classes' lists 'a' twice.
            oip classes without output | {"format": "oip", "probabilities": {"classes": ["a"]}} | key 'probabilities.output' must be the name of an output tensor.
            not an object | [1, 2] | the file must hold one JSON object, such as {"modelId": "model", "modelVersion": "version", "features": {...}}.
            """)
    void invalidMappingThrowsNamingKey(final String name, final String json, final String message) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessage(PREFIX + message);
    }

    @Test
    void duplicateKeyThrows() {
        assertThatThrownBy(() -> parse("{\"modelId\": \"a\", \"modelId\": \"b\"}"))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageStartingWith(PREFIX + "not valid JSON: Duplicate field 'modelId'")
                .hasMessageContaining("line 1, column");
    }

    @Test
    void invalidJsonThrowsWithLocation() {
        assertThatThrownBy(() -> parse("{\"modelId\": }"))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageStartingWith(PREFIX + "not valid JSON: ")
                .hasMessageContaining("at line 1, column 13");
    }

    @Test
    void invalidMappingIsIllegalArgument() {
        // Start-up code reports IllegalArgumentException messages and exits non-zero.
        assertThatThrownBy(() -> parse("{}")).isInstanceOf(IllegalArgumentException.class);
    }

    private static InputMapping parse(final String json) {
        return InputMapping.parse(json, "m.json");
    }
}
