package dev.momo.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BACKWARD compatibility of every schema with each released version of it: a consumer with today's
 * schema must read records written with any released one. Released versions live under
 * {@code src/test/resources/released/vN/}; copy the schemas there when a version ships.
 */
class SchemaCompatibilityTest {

    private static final List<String> SCHEMAS = List.of("InferenceEvent", "GroundTruth", "DriftMetric", "DriftAlert");

    static Stream<Arguments> releasedVersions() throws IOException {
        final Path released = Path.of("src/test/resources/released");
        try (Stream<Path> versions = Files.list(released)) {
            return versions.sorted().toList().stream()
                    .flatMap(version -> SCHEMAS.stream().map(name -> Arguments.of(name, version)));
        }
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @MethodSource("releasedVersions")
    void currentSchema_readsReleasedVersion(final String name, final Path version) throws IOException {
        final Schema current = parse(name);
        final Schema released = new Schema.Parser().parse(version.resolve(name + ".avsc").toFile());

        final SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(current, released);

        assertThat(result.getType())
                .as("%s against %s: %s", name, version.getFileName(), result.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    private static Schema parse(final String name) throws IOException {
        try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream("/avro/" + name + ".avsc")) {
            return new Schema.Parser().parse(in);
        }
    }
}
