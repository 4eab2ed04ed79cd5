package dev.momo.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.momo.schema.AlertContributor;
import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import dev.momo.testing.AlertRecords;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

/**
 * Bounds and binary encoding of {@link AlertHistory}. The encoded histories in
 * {@code alerting/alert_history.json} were written by the Apache Avro Python library with a fingerprint
 * computed after the Avro specification ({@code src/test/python/alert_history_reference_values.py}).
 */
class AlertHistoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START = 1_709_294_400_000L;
    /** Bytes before the first record: version, omitted count, record count. */
    private static final int HEADER_BYTES = 1 + 8 + 4;

    @Test
    void ofOneRecord_isFirstAndLatest() {
        final DriftAlert opened = record(0);

        final AlertHistory history = AlertHistory.of(opened);

        assertThat(history.first()).isSameAs(opened);
        assertThat(history.latest()).isSameAs(opened);
        assertThat(history.records()).containsExactly(opened);
        assertThat(history.omitted()).isZero();
        assertThat(history.total()).isEqualTo(1);
    }

    @Test
    void appendUpToMax_keepsEveryRecord() {
        final List<DriftAlert> records = records(AlertHistory.MAX_RECORDS);

        final AlertHistory history = appendAll(records);

        assertThat(history.records()).containsExactlyElementsOf(records);
        assertThat(history.omitted()).isZero();
        assertThat(history.latest()).isSameAs(records.get(records.size() - 1));
    }

    @Test
    void appendPastMax_dropsOldestAfterFirst() {
        final List<DriftAlert> records = records(AlertHistory.MAX_RECORDS + 10);

        final AlertHistory history = appendAll(records);

        assertThat(history.records()).hasSize(AlertHistory.MAX_RECORDS);
        assertThat(history.first()).isSameAs(records.get(0));
        assertThat(history.records().subList(1, AlertHistory.MAX_RECORDS))
                .containsExactlyElementsOf(records.subList(11, records.size()));
        assertThat(history.omitted()).isEqualTo(10);
        assertThat(history.total()).isEqualTo(records.size());
    }

    @Test
    void append_leavesOriginalUnchanged() {
        final AlertHistory original = AlertHistory.of(record(0));

        final AlertHistory appended = original.append(record(1));

        assertThat(original.records()).hasSize(1);
        assertThat(appended.records()).hasSize(2);
        assertThatThrownBy(() -> appended.records().add(record(2))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void encodeDecode_roundTripsFullHistory() {
        final AlertHistory history = appendAll(records(AlertHistory.MAX_RECORDS + 3));

        final AlertHistory decoded = AlertHistory.decode(history.encode());

        assertThat(decoded).isEqualTo(history);
        assertThat(decoded.omitted()).isEqualTo(3);
    }

    @Test
    void encodeDecode_roundTripsNaNAndExtremes() {
        final DriftAlert alert = DriftAlert.newBuilder(record(0))
                .setValue(Double.NaN)
                .setThreshold(Double.MIN_VALUE)
                .setPValue(Double.MAX_VALUE)
                .setReferenceValue(Double.NEGATIVE_INFINITY)
                .setModelId("modelo-ñ/\u0000eu")
                .setContributors(List.of(new AlertContributor("(unseen)", 0.0, 1e-300)))
                .build();

        final DriftAlert decoded = AlertHistory.decode(AlertHistory.of(alert).encode()).latest();

        assertThat(decoded.getValue()).isNaN();
        assertThat(decoded.getThreshold()).isEqualTo(Double.MIN_VALUE);
        assertThat(decoded.getPValue()).isEqualTo(Double.MAX_VALUE);
        assertThat(decoded.getReferenceValue()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(decoded.getModelId()).isEqualTo("modelo-ñ/\u0000eu");
        assertThat(decoded.getContributors()).containsExactly(new AlertContributor("(unseen)", 0.0, 1e-300));
    }

    @Test
    void encode_writesSingleObjectHeaderWithSchemaFingerprint() {
        final byte[] encoded = AlertHistory.of(record(0)).encode();

        // Avro specification, "Single-object encoding": C3 01, then the CRC-64-AVRO fingerprint little-endian.
        final ByteBuffer recordBytes = ByteBuffer.wrap(encoded, HEADER_BYTES + 4, 10).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(recordBytes.get()).isEqualTo((byte) 0xC3);
        assertThat(recordBytes.get()).isEqualTo((byte) 0x01);
        assertThat(recordBytes.getLong()).isEqualTo(SchemaNormalization.parsingFingerprint64(DriftAlert.SCHEMA$));
    }

    @Test
    void schemaFingerprint_matchesPythonReference() throws IOException {
        final JsonNode reference = reference();

        final long fingerprint = SchemaNormalization.parsingFingerprint64(DriftAlert.SCHEMA$);

        assertThat(HexFormat.of().formatHex(ByteBuffer.allocate(8).putLong(fingerprint).array()))
                .as("regenerate alert_history.json when DriftAlert.avsc changes")
                .isEqualTo(reference.get("fingerprintHex").asText());
        assertThat(SchemaNormalization.toParsingForm(DriftAlert.SCHEMA$))
                .isEqualTo(reference.get("canonicalForm").asText());
    }

    @Test
    void decodePythonHistories_matchesFields() throws IOException {
        for (final JsonNode expected : reference().get("histories")) {
            final String name = expected.get("name").asText();

            final AlertHistory history = AlertHistory.decode(HexFormat.of().parseHex(expected.get("hex").asText()));

            assertThat(history.omitted()).as(name).isEqualTo(expected.get("omitted").asLong());
            assertThat(history.records()).as(name).hasSize(expected.get("records").size());
            for (int i = 0; i < history.records().size(); i++) {
                assertRecord(name + " record " + i, history.records().get(i), expected.get("records").get(i));
            }
        }
    }

    @Test
    void encodePythonHistories_reproducesBytes() throws IOException {
        for (final JsonNode expected : reference().get("histories")) {
            final String hex = expected.get("hex").asText();

            final byte[] encoded = AlertHistory.decode(HexFormat.of().parseHex(hex)).encode();

            assertThat(HexFormat.of().formatHex(encoded)).as(expected.get("name").asText()).isEqualTo(hex);
        }
    }

    @Test
    void decode_rejectsUnknownVersion() {
        final byte[] encoded = AlertHistory.of(record(0)).encode();
        encoded[0] = 2;

        assertThatThrownBy(() -> AlertHistory.decode(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void decode_rejectsTruncatedBytes() {
        final byte[] encoded = AlertHistory.of(record(0)).encode();
        final byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 5);

        assertThatThrownBy(() -> AlertHistory.decode(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("record 0");
    }

    @Test
    void decode_rejectsEmptyInput() {
        assertThatThrownBy(() -> AlertHistory.decode(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void decode_rejectsTrailingBytes() {
        final byte[] encoded = AlertHistory.of(record(0)).encode();
        final byte[] longer = java.util.Arrays.copyOf(encoded, encoded.length + 1);

        assertThatThrownBy(() -> AlertHistory.decode(longer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 bytes after");
    }

    @Test
    void decode_rejectsRecordCountOutsideBounds() {
        for (final int count : new int[] {0, AlertHistory.MAX_RECORDS + 1, -1}) {
            final byte[] encoded = AlertHistory.of(record(0)).encode();
            ByteBuffer.wrap(encoded).putInt(9, count);

            assertThatThrownBy(() -> AlertHistory.decode(encoded))
                    .as("count %d", count)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("record count " + count);
        }
    }

    @Test
    void decode_rejectsNegativeOmittedCount() {
        final byte[] encoded = AlertHistory.of(record(0)).encode();
        ByteBuffer.wrap(encoded).putLong(1, -1);

        assertThatThrownBy(() -> AlertHistory.decode(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("omitted count -1");
    }

    @Test
    void decode_rejectsUnknownSchemaFingerprint() {
        final byte[] encoded = AlertHistory.of(record(0)).encode();
        encoded[HEADER_BYTES + 4 + 2] ^= 0x55;

        assertThatThrownBy(() -> AlertHistory.decode(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not decode as DriftAlert");
    }

    private static void assertRecord(final String description, final DriftAlert actual, final JsonNode expected) {
        assertThat(actual.getAlertId()).as(description).isEqualTo(expected.get("alertId").asText());
        assertThat(actual.getModelId()).as(description).isEqualTo(expected.get("modelId").asText());
        assertThat(actual.getState().name()).as(description).isEqualTo(expected.get("state").asText());
        assertThat(actual.getSeverity().name()).as(description).isEqualTo(expected.get("severity").asText());
        if (expected.get("value").isNull()) {
            assertThat(actual.getValue()).as(description).isNaN();
        } else {
            assertThat(actual.getValue()).as(description).isEqualTo(expected.get("value").asDouble());
        }
        assertThat(actual.getWindowIndex()).as(description).isEqualTo(expected.get("windowIndex").asLong());
        assertThat(actual.getUpdatedAt().toEpochMilli()).as(description).isEqualTo(expected.get("updatedAt").asLong());
        assertThat(actual.getPValue()).as(description)
                .isEqualTo(expected.get("pValue").isNull() ? null : expected.get("pValue").asDouble());
        assertThat(actual.getWindowEnd() == null ? null : actual.getWindowEnd().toEpochMilli()).as(description)
                .isEqualTo(expected.get("windowEnd").isNull() ? null : expected.get("windowEnd").asLong());
        assertThat(actual.getContributors().stream().map(AlertContributor::getLabel).toList()).as(description)
                .containsExactlyElementsOf(texts(expected.get("contributors")));
        assertThat(actual.getDriftedFeatures()).as(description)
                .containsExactlyElementsOf(texts(expected.get("driftedFeatures")));
        assertThat(actual.getSummary()).as(description)
                .isEqualTo(expected.get("summary").isNull() ? null : expected.get("summary").asText());
    }

    private static List<String> texts(final JsonNode array) {
        final List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static JsonNode reference() throws IOException {
        try (InputStream input = AlertHistoryTest.class.getResourceAsStream("/alerting/alert_history.json")) {
            assertThat(input).as("alert_history.json; regenerate it with alert_history_reference_values.py").isNotNull();
            return JSON.readTree(input);
        }
    }

    private static DriftAlert record(final int index) {
        return AlertRecords.alert("a-1", "fraud", index == 0 ? AlertState.OPENED : AlertState.UPDATED,
                AlertSeverity.WARNING, START + index * 300_000L);
    }

    private static List<DriftAlert> records(final int count) {
        return IntStream.range(0, count).mapToObj(AlertHistoryTest::record).toList();
    }

    private static AlertHistory appendAll(final List<DriftAlert> records) {
        AlertHistory history = AlertHistory.of(records.get(0));
        for (final DriftAlert record : records.subList(1, records.size())) {
            history = history.append(record);
        }
        return history;
    }
}
