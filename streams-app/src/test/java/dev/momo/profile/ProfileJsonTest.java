package dev.momo.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.momo.drift.DriftEvaluator;
import dev.momo.drift.WindowAggregate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path directory;

    static ReferenceProfile sampleProfile() {
        final NumericSummary income = new NumericSummary(10.0, 90.0, 50.0, 20.0, "doane",
                new double[] {10.0, 50.0, 90.0}, new double[] {0.0, 2.0, 2.0, 0.0},
                new double[] {10.0, 40.0, 60.0, 90.0}, new double[] {1.0, 1.0, 1.0, 1.0}, 0.0);
        final Map<String, StatisticThreshold> incomeThresholds = Map.of(
                "jensen_shannon", new StatisticThreshold(0.12, Double.NaN, StatisticThreshold.SOURCE_REFERENCE_CHUNKS,
                        0.06, 0.02, new double[] {0.05, 0.07}),
                "psi", new StatisticThreshold(Double.NaN, Double.NaN, StatisticThreshold.SOURCE_FIXED, Double.NaN,
                        Double.NaN, new double[] {0.1, Double.NaN}),
                "chi2", new StatisticThreshold(0.01, 0.002, StatisticThreshold.SOURCE_P_VALUE, Double.NaN, Double.NaN,
                        new double[0]));
        final CategoricalSummary plan = new CategoricalSummary(List.of("basic", "pro"), new double[] {3.0, 1.0});
        return new ReferenceProfile(ReferenceProfile.FORMAT_VERSION, "credit", "7",
                Instant.parse("2024-03-01T12:00:00.123Z"), "reference.csv", 5, "ts", null, null, "label", 2, 2,
                List.of("row_id"),
                new CheckSettings(ThresholdMode.P_VALUE, 2.5, 0.01, PValueCorrection.BENJAMINI_HOCHBERG,
                        List.of("jensen_shannon", "chi2"), 1e-3, ChunkReference.WHOLE),
                List.of(
                        new ColumnProfile("income", ColumnKind.NUMERIC, ColumnRole.FEATURE, 4, 1, income, null,
                                incomeThresholds),
                        new ColumnProfile("plan", ColumnKind.CATEGORICAL, ColumnRole.FEATURE, 4, 1, null, plan,
                                Map.of())));
    }

    @Test
    void toBytesFromBytes_roundTripsEveryField() {
        final ReferenceProfile profile = sampleProfile();

        final ReferenceProfile read = ProfileJson.fromBytes(ProfileJson.toBytes(profile));

        // Double.compare treats NaN as equal to itself, where the default comparison does not.
        assertThat(read).usingRecursiveComparison()
                .withComparatorForType(Double::compare, Double.class)
                .isEqualTo(profile);
    }

    @Test
    void toBytesFromBytes_keepsNaNThresholds() {
        final ReferenceProfile read = ProfileJson.fromBytes(ProfileJson.toBytes(sampleProfile()));

        final StatisticThreshold psi = read.column("income").orElseThrow().thresholds().get("psi");
        assertThat(psi.threshold()).isNaN();
        assertThat(psi.chunkMean()).isNaN();
        assertThat(psi.chunkValues()[1]).isNaN();
        assertThat(psi.source()).isEqualTo(StatisticThreshold.SOURCE_FIXED);
    }

    @Test
    void writeRead_roundTripsThroughFile() throws IOException {
        final Path file = directory.resolve("profile.json");
        final ReferenceProfile profile = sampleProfile();

        ProfileJson.write(profile, file);

        assertThat(ProfileJson.read(file)).usingRecursiveComparison()
                .withComparatorForType(Double::compare, Double.class)
                .isEqualTo(profile);
    }

    @Test
    void fromBytesOtherFormatVersion_rejectsWithVersions() throws IOException {
        final ObjectNode json = tree(sampleProfile());
        json.put("formatVersion", 3);

        assertThatThrownBy(() -> ProfileJson.fromBytes(MAPPER.writeValueAsBytes(json)))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("format version 3")
                .hasMessageContaining("versions 1 to " + ReferenceProfile.FORMAT_VERSION);
    }

    @Test
    void toBytes_writesSettingsByTheirCommandLineNames() throws IOException {
        final JsonNode checks = tree(sampleProfile()).get("checks");

        assertThat(checks.get("thresholdMode").asText()).isEqualTo("p-value");
        assertThat(checks.get("correction").asText()).isEqualTo("benjamini-hochberg");
        assertThat(checks.get("chunkReference").asText()).isEqualTo("whole");
    }

    @Test
    void readVersion1_usesVersion1ChecksAndFixedSources() throws IOException {
        // Written by 'momo reference build' of the previous release (format version 1) from profile/reference.csv.
        final byte[] json;
        try (InputStream in = ProfileJsonTest.class.getResourceAsStream("/profile/profile_v1.json")) {
            json = in.readAllBytes();
        }

        final ReferenceProfile profile = ProfileJson.fromBytes(json);

        assertThat(profile.formatVersion()).isEqualTo(1);
        assertThat(profile.checks()).isEqualTo(CheckSettings.version1());
        assertThat(profile.column("income").orElseThrow().numeric().binning()).isEqualTo("quantile");
        assertThat(profile.columns()).flatExtracting(c -> c.thresholds().values())
                .extracting(StatisticThreshold::source)
                .isSubsetOf(StatisticThreshold.SOURCE_REFERENCE_CHUNKS, StatisticThreshold.SOURCE_FIXED);
        assertThat(DriftEvaluator.evaluate(profile, WindowAggregate.empty())).isNotEmpty();
    }

    @Test
    void fromBytesWithoutModelId_rejects() throws IOException {
        final ObjectNode json = tree(sampleProfile());
        json.remove("modelId");

        assertThatThrownBy(() -> ProfileJson.fromBytes(MAPPER.writeValueAsBytes(json)))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("modelId");
    }

    @Test
    void fromBytesWithoutModelVersion_rejectsNamingModel() throws IOException {
        final ObjectNode json = tree(sampleProfile());
        json.put("modelVersion", " ");

        assertThatThrownBy(() -> ProfileJson.fromBytes(MAPPER.writeValueAsBytes(json)))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("credit")
                .hasMessageContaining("modelVersion");
    }

    @Test
    void fromBytesWithoutColumns_rejects() throws IOException {
        final ObjectNode json = tree(sampleProfile());
        json.putArray("columns");

        assertThatThrownBy(() -> ProfileJson.fromBytes(MAPPER.writeValueAsBytes(json)))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("monitors no column");
    }

    @Test
    void fromBytesInvalidJson_rejectsWithParserMessage() {
        final byte[] json = "{\"formatVersion\": 1, \"modelId\": ".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ProfileJson.fromBytes(json))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageStartingWith("not a Momo reference profile: ")
                .hasMessageContaining("end-of-input");
    }

    @Test
    void fromBytesNumericColumnWithoutSummary_rejects() throws IOException {
        final ObjectNode json = tree(sampleProfile());
        ((ObjectNode) json.get("columns").get(0)).putNull("numeric");

        assertThatThrownBy(() -> ProfileJson.fromBytes(MAPPER.writeValueAsBytes(json)))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("'income'");
    }

    @Test
    void fromBytesTruncatedBinCounts_rejectsNamingColumnAndField() throws IOException {
        final ObjectNode json = tree(sampleProfile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("columns").get(0).get("numeric").get("binCounts"))
                .remove(0);

        assertThatThrownBy(() -> ProfileJson.fromBytes(MAPPER.writeValueAsBytes(json)))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("column 'income' binCounts must hold 4 counts");
    }

    @Test
    void fromBytesReversedEdges_rejects() throws IOException {
        final ObjectNode json = tree(sampleProfile());
        final com.fasterxml.jackson.databind.node.ArrayNode edges = (com.fasterxml.jackson.databind.node.ArrayNode)
                json.get("columns").get(0).get("numeric").get("binEdges");
        edges.removeAll();
        edges.add(90.0).add(50.0).add(10.0);

        assertThatThrownBy(() -> ProfileJson.fromBytes(MAPPER.writeValueAsBytes(json)))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("binEdges must be finite and strictly increasing");
    }

    @Test
    void fromBytesNegativeCategoryCount_rejects() throws IOException {
        final ObjectNode json = tree(sampleProfile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("columns").get(1).get("categorical").get("counts"))
                .set(0, MAPPER.getNodeFactory().numberNode(-3.0));

        assertThatThrownBy(() -> ProfileJson.fromBytes(MAPPER.writeValueAsBytes(json)))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("column 'plan' counts[0] must be a finite count >= 0, got -3.0");
    }

    @Test
    void fromBytesUnknownThresholdMode_namesTheField() throws IOException {
        final ObjectNode json = tree(sampleProfile());
        ((ObjectNode) json.get("checks")).put("thresholdMode", "strict");

        assertThatThrownBy(() -> ProfileJson.fromBytes(MAPPER.writeValueAsBytes(json)))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("checks.thresholdMode")
                .hasMessageContaining("unknown threshold mode 'strict'")
                .hasMessageNotContaining("dev.momo");
    }

    @Test
    void fromBytesDetectorOnCategoricalColumn_rejects() throws IOException {
        final ObjectNode json = tree(sampleProfile());
        final ObjectNode detector = json.putArray("detectors").addObject();
        detector.put("detector", "adwin");
        detector.put("signal", "plan");

        assertThatThrownBy(() -> ProfileJson.fromBytes(MAPPER.writeValueAsBytes(json)))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("watches categorical column 'plan' as a number");
    }

    @Test
    void readMissingFile_suggestsBuildCommand() {
        final Path file = directory.resolve("absent.json");

        assertThatThrownBy(() -> ProfileJson.read(file))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("momo reference build");
    }

    private static ObjectNode tree(final ReferenceProfile profile) throws IOException {
        return (ObjectNode) MAPPER.readTree(ProfileJson.toBytes(profile));
    }
}
