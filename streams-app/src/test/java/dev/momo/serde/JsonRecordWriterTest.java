package dev.momo.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.momo.schema.DriftAlert;
import dev.momo.schema.DriftMetric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

class JsonRecordWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void driftMetricKeepsSchemaOrder() throws Exception {
        JsonNode json = MAPPER.readTree(JsonRecordWriter.toJson(SampleRecords.driftMetric()));

        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        List<String> schemaNames = DriftMetric.getClassSchema().getFields().stream().map(Schema.Field::name).toList();
        assertThat(names).isEqualTo(schemaNames);
    }

    @Test
    void driftMetricTimestampsBecomeIsoStrings() throws Exception {
        JsonNode json = MAPPER.readTree(JsonRecordWriter.toJson(SampleRecords.driftMetric()));

        assertThat(json.get("windowStart").textValue()).isEqualTo("2018-10-30T18:00:00Z");
        assertThat(json.get("computedAt").textValue()).isEqualTo("2024-01-01T00:05:00.123Z");
    }

    @Test
    void driftMetricNullsAndNaNBecomeNull() throws Exception {
        JsonNode json = MAPPER.readTree(JsonRecordWriter.toJson(SampleRecords.driftMetric()));

        assertThat(json.get("windowEnd").isNull()).isTrue();
        assertThat(json.get("pValue").isNull()).isTrue();
        assertThat(json.get("value").isNull()).isTrue();
    }

    @Test
    void driftMetricNumbersAndBooleansKeepTypes() throws Exception {
        JsonNode json = MAPPER.readTree(JsonRecordWriter.toJson(SampleRecords.driftMetric()));

        assertThat(json.get("windowIndex").isIntegralNumber()).isTrue();
        assertThat(json.get("windowIndex").longValue()).isEqualTo(7);
        assertThat(json.get("threshold").doubleValue()).isEqualTo(0.1);
        assertThat(json.get("drifted").isBoolean()).isTrue();
        assertThat(json.get("drifted").booleanValue()).isFalse();
    }

    @Test
    void driftAlertWritesEnumSymbols() {
        String json = JsonRecordWriter.toJson(SampleRecords.driftAlert());

        assertThat(json).doesNotContain("\n");
        assertThat(json).startsWith("{\"alertId\":\"churn/income/psi\",\"modelId\":\"churn\",\"modelVersion\":\"3\","
                + "\"feature\":\"income\",\"check\":\"psi\",\"severity\":\"CRITICAL\",\"state\":\"OPENED\","
                + "\"value\":0.42,\"threshold\":0.25,\"thresholdSource\":null,\"pValue\":0.001,\"windowIndex\":7,"
                + "\"windowStart\":\"2018-10-30T18:00:00Z\",\"windowEnd\":\"2018-10-30T19:00:00Z\",\"sampleSize\":500,");
    }

    @Test
    void driftAlertInfiniteValueBecomesNull() throws Exception {
        DriftAlert alert = SampleRecords.driftAlert();
        alert.setValue(Double.POSITIVE_INFINITY);

        JsonNode json = MAPPER.readTree(JsonRecordWriter.toJson(alert));

        assertThat(json.get("value").isNull()).isTrue();
    }

    @Test
    void timestampMillisLongBecomesIso() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Sample", "fields": [
                  {"name": "at", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}]},
                  {"name": "count", "type": "long"}]}
                """);
        GenericData.Record record = new GenericData.Record(schema);
        record.put("at", Instant.parse("2018-10-30T18:00:00Z").toEpochMilli());
        record.put("count", 3L);

        assertThat(JsonRecordWriter.toJson(record)).isEqualTo("{\"at\":\"2018-10-30T18:00:00Z\",\"count\":3}");
    }

    @Test
    void mapsBecomeNestedObjects() throws Exception {
        JsonNode json = MAPPER.readTree(JsonRecordWriter.toJson(SampleRecords.inferenceEvent()));

        assertThat(json.get("features").get("age").longValue()).isEqualTo(41L);
        assertThat(json.get("features").get("score").isNull()).isTrue();
        assertThat(json.get("segments").get("region").textValue()).isEqualTo("eu");
    }
}
