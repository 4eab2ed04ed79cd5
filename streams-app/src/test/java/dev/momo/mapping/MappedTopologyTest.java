package dev.momo.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.alerting.AlertSettings;
import dev.momo.metrics.MomoMetrics;
import dev.momo.profile.ProfileBuilder;
import dev.momo.profile.ProfileJson;
import dev.momo.profile.ProfileOptions;
import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.DriftMetric;
import dev.momo.schema.InferenceEvent;
import dev.momo.serde.AvroDeserializer;
import dev.momo.serde.InMemorySchemaRegistry;
import dev.momo.table.CsvTable;
import dev.momo.topology.DeadLetterHeaders;
import dev.momo.topology.IngestProcessor;
import dev.momo.topology.MomoTopology;
import dev.momo.topology.Topics;
import dev.momo.topology.WindowSettings;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole topology in a {@link TopologyTestDriver}, reading a foreign record format through an input
 * mapping. The reference has 100 rows: {@code x = 0..99}, {@code plan} alternating basic and pro, and
 * the prediction {@code score = (i mod 10) / 10}. A clean window repeats them, so every statistic is 0;
 * a drifted window adds 1000 to {@code x}, beyond the reference maximum, so x drifts.
 */
class MappedTopologyTest {

    private static final String MODEL = "credit";
    private static final String VERSION = "1";
    private static final int WINDOW_SIZE = 100;
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Topics TOPICS = Topics.DEFAULTS;

    /** A scoring log of a model server, as Avro or JSON: the same mapping reads both. */
    private static final String RECORD_MAPPING = """
            {"modelId": "model.name", "modelVersion": "model.version", "eventId": "id",
             "eventTime": {"path": "ts", "unit": "seconds"},
             "features": {"from": "inputs", "rename": {"x_raw": "x"}},
             "prediction": "output.score"}
            """;
    private static final Schema LOG_SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "ScoringLog", "namespace": "com.acme", "fields": [
              {"name": "id", "type": "string"},
              {"name": "ts", "type": "long"},
              {"name": "model", "type": {"type": "record", "name": "Model", "fields": [
                {"name": "name", "type": "string"}, {"name": "version", "type": "int"}]}},
              {"name": "inputs", "type": {"type": "record", "name": "Inputs", "fields": [
                {"name": "x_raw", "type": "double"}, {"name": "plan", "type": ["null", "string"]}]}},
              {"name": "output", "type": ["null", {"type": "record", "name": "Output", "fields": [
                {"name": "score", "type": "double"}]}]}]}
            """);

    private static final String OIP_MAPPING = """
            {"format": "oip", "request": "request", "response": "response",
             "features": {"names": {"features": ["x", "code"]}, "exclude": ["debug"]},
             "prediction": {"output": "score"}}
            """;

    @TempDir
    Path stateDir;

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final MomoMetrics metrics = new MomoMetrics();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> inferences;
    private TestOutputTopic<String, DriftMetric> driftMetrics;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private int logSchemaId;

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
        metrics.close();
    }

    @Test
    void mappedCleanWindowGivesZeroDrift() {
        start(decoder(RECORD_MAPPING));

        for (int i = 0; i < WINDOW_SIZE; i++) {
            pipe(i % 2 == 0 ? avroLog(i, 0) : jsonLog(i, 0), new RecordHeaders());
        }

        final List<DriftMetric> window = driftMetrics.readValuesToList();
        assertThat(window).isNotEmpty();
        assertThat(window).extracting(DriftMetric::getModelId).containsOnly(MODEL);
        assertThat(window).extracting(DriftMetric::getModelVersion).containsOnly(VERSION);
        assertThat(window).extracting(DriftMetric::getSampleSize).containsOnly((long) WINDOW_SIZE);
        assertThat(window).extracting(DriftMetric::getValue).allSatisfy(value -> assertThat(value).isZero());
        assertThat(window).extracting(DriftMetric::getDrifted).containsOnly(false);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void mappedDriftedWindowFlagsFeature() {
        start(decoder(RECORD_MAPPING));

        for (int i = 0; i < WINDOW_SIZE; i++) {
            pipe(i % 2 == 0 ? avroLog(i, 1000) : jsonLog(i, 1000), new RecordHeaders());
        }

        final Map<String, Boolean> drifted = driftMetrics.readValuesToList().stream()
                .collect(Collectors.toMap(m -> m.getFeature() + "/" + m.getStatistic(), DriftMetric::getDrifted));
        assertThat(drifted).containsEntry("x/jensen_shannon", true).containsEntry("plan/jensen_shannon", false)
                .containsEntry("score/jensen_shannon", false);
    }

    @Test
    void oipBatchRowsFillWindow() {
        start(decoder(OIP_MAPPING));

        pipe(oipBatch(0, WINDOW_SIZE), new RecordHeaders());

        final List<DriftMetric> window = driftMetrics.readValuesToList();
        assertThat(window).extracting(DriftMetric::getSampleSize).containsOnly((long) WINDOW_SIZE);
        assertThat(window).extracting(DriftMetric::getFeature).contains("x", "plan", "score", "code");
        // The reference lacks the second column of the features input, so only that one is flagged.
        assertThat(window).filteredOn(DriftMetric::getDrifted)
                .extracting(metric -> metric.getFeature() + "/" + metric.getStatistic())
                .containsExactly("code/new_feature");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void badRecordsReachDeadLetterTopic() {
        start(decoder(RECORD_MAPPING));
        final byte[] unknownId = ByteBuffer.allocate(6).put((byte) 0).putInt(4711).put((byte) 2).array();
        final Headers badMagicHeader = new RecordHeaders().add("__value_schema_id", new byte[] {5, 0, 0, 0, 1});
        final byte[] noModel = ("{\"id\": \"e1\", \"ts\": 1704067200, \"inputs\": {\"x_raw\": 1.0},"
                + " \"output\": {\"score\": 0.5}}").getBytes(StandardCharsets.UTF_8);
        final byte[] unknownMagic = {(byte) 0x9c, 1, 2, 3, 4, 5};

        pipe(unknownId, traceHeaders());
        pipe(avroLog(0, 0), badMagicHeader.add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8)));
        pipe(noModel, traceHeaders());
        pipe(unknownMagic, traceHeaders());

        final List<TestRecord<byte[], byte[]>> rejected = deadLetters.readRecordsToList();
        assertThat(rejected).extracting(record -> header(record, DeadLetterHeaders.ERROR_REASON))
                .containsExactly("unknown_schema", "serde", "mapping", "serde");
        assertThat(header(rejected.get(0), DeadLetterHeaders.ERROR_MESSAGE))
                .contains("Record from momo.inferences-0@0 refers to unknown schema id 4711");
        assertThat(header(rejected.get(1), DeadLetterHeaders.ERROR_MESSAGE))
                .contains("Header __value_schema_id of the record from momo.inferences-0@1 has unknown magic byte 0x05");
        assertThat(header(rejected.get(2), DeadLetterHeaders.ERROR_MESSAGE))
                .isEqualTo("Record momo.inferences-0@2 does not match input mapping test-mapping.json: modelId path"
                        + " 'model.name' is not in the record.");
        assertThat(header(rejected.get(3), DeadLetterHeaders.ERROR_MESSAGE))
                .contains("Record from momo.inferences-0@3 is in neither supported format: it starts with byte 0x9c");
        assertThat(rejected).extracting(record -> header(record, DeadLetterHeaders.SOURCE_OFFSET))
                .containsExactly("0", "1", "2", "3");
        assertThat(rejected).extracting(record -> header(record, DeadLetterHeaders.SOURCE_TOPIC))
                .containsOnly(TOPICS.inferences());
        assertThat(rejected).extracting(record -> header(record, "trace-id")).containsOnly("t-1");
        assertThat(rejected.get(2).value()).isEqualTo(noModel);
        assertThat(counter("reason", "mapping")).isEqualTo(1.0);
        assertThat(counter("reason", "unknown_schema")).isEqualTo(1.0);
        assertThat(counter("reason", "serde")).isEqualTo(2.0);
    }

    @Test
    void badBatchRowRejectsWholeRecord() {
        start(decoder(OIP_MAPPING));
        final String batch = new String(oipBatch(0, 3), StandardCharsets.UTF_8);
        final byte[] wrongNames = batch.replace("\"shape\": [3, 2]", "\"shape\": [2, 3]").getBytes(StandardCharsets.UTF_8);

        pipe(wrongNames, new RecordHeaders());

        final TestRecord<byte[], byte[]> rejected = deadLetters.readRecord();
        assertThat(header(rejected, DeadLetterHeaders.ERROR_REASON)).isEqualTo("mapping");
        assertThat(header(rejected, DeadLetterHeaders.ERROR_MESSAGE))
                .contains("input 'features' has shape [2, 3], 3 values per row, but features.names.features lists 2");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void recordWithoutEventsIsRejected() {
        start(record -> List.of());

        pipe(jsonLog(0, 0), new RecordHeaders());

        final TestRecord<byte[], byte[]> rejected = deadLetters.readRecord();
        assertThat(header(rejected, DeadLetterHeaders.ERROR_REASON)).isEqualTo("no_events");
        assertThat(counter("reason", "no_events")).isEqualTo(1.0);
    }

    @Test
    void defaultDecoderRejectsUnknownHeaderId() {
        start(null);
        final byte[] header = ByteBuffer.allocate(5).put((byte) 0).putInt(4711).array();

        pipe(new byte[] {2, 'x'}, new RecordHeaders().add("__value_schema_id", header));

        final TestRecord<byte[], byte[]> rejected = deadLetters.readRecord();
        assertThat(header(rejected, DeadLetterHeaders.ERROR_REASON)).isEqualTo("unknown_schema");
        assertThat(header(rejected, DeadLetterHeaders.ERROR_MESSAGE))
                .contains("refers to unknown schema id 4711 (from header __value_schema_id)");
    }

    // ---------------------------------------------------------------------------------------------
    // Set-up and input helpers

    private IngestProcessor.Decoder<InferenceEvent> decoder(final String mapping) {
        return new MappedEventDecoder(InputMapping.parse(mapping, "test-mapping.json"), registry);
    }

    /** Starts the topology with {@code decoder}, or with the default InferenceEvent decoder when null. */
    private void start(final IngestProcessor.Decoder<InferenceEvent> decoder) {
        logSchemaId = registry.register(TOPICS.inferences() + "-value", LOG_SCHEMA);
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "momo-mapped-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        final WindowSettings window = WindowSettings.count(WINDOW_SIZE);
        driver = new TopologyTestDriver(decoder == null
                ? MomoTopology.build(TOPICS, window, 1, registry, metrics)
                : MomoTopology.build(TOPICS, window, 1, registry, metrics, MomoTopology.DEFAULT_LABEL_DELAY,
                        AlertSettings.DEFAULTS, alert -> { }, decoder), props);

        inferences = driver.createInputTopic(TOPICS.inferences(), new ByteArraySerializer(), new ByteArraySerializer());
        driftMetrics = driver.createOutputTopic(TOPICS.driftMetrics(), new StringDeserializer(),
                new AvroDeserializer<>(DriftMetric.class, registry));
        deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        driver.createInputTopic(TOPICS.references(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(MODEL + "/" + VERSION, ProfileJson.toBytes(referenceProfile()));
    }

    private static ReferenceProfile referenceProfile() {
        final List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new String[] {String.valueOf((double) i), plan(i), String.valueOf(score(i))});
        }
        final CsvTable table = CsvTable.of(Path.of("reference.csv"), List.of("x", "plan", "score"), rows);
        final ProfileOptions options = new ProfileOptions(MODEL, VERSION, null, "score", null, null, Set.of(), Set.of(),
                Set.of(), ProfileOptions.DEFAULT_CHUNK_SIZE, 10, 2000,
                ProfileOptions.DEFAULT_THRESHOLD_STD_MULTIPLIER);
        return new ProfileBuilder(options).build(table, chunk -> { });
    }

    private static String plan(final int i) {
        return i % 2 == 0 ? "basic" : "pro";
    }

    private static double score(final int i) {
        return (i % 10) / 10.0;
    }

    private void pipe(final byte[] value, final Headers headers) {
        inferences.pipeInput(new TestRecord<>(MODEL.getBytes(StandardCharsets.UTF_8), value, headers, START));
    }

    /** Reference row {@code i} as a scoring log in the Confluent wire format. */
    private byte[] avroLog(final int i, final double shift) {
        final GenericRecord model = new GenericData.Record(LOG_SCHEMA.getField("model").schema());
        model.put("name", MODEL);
        model.put("version", Integer.parseInt(VERSION));
        final GenericRecord inputs = new GenericData.Record(LOG_SCHEMA.getField("inputs").schema());
        inputs.put("x_raw", i + shift);
        inputs.put("plan", plan(i));
        final GenericRecord output = new GenericData.Record(LOG_SCHEMA.getField("output").schema().getTypes().get(1));
        output.put("score", score(i));
        final GenericRecord log = new GenericData.Record(LOG_SCHEMA);
        log.put("id", "a" + i);
        log.put("ts", START.getEpochSecond() + i);
        log.put("model", model);
        log.put("inputs", inputs);
        log.put("output", output);

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(ByteBuffer.allocate(5).put((byte) 0).putInt(logSchemaId).array());
        try {
            final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new GenericDatumWriter<GenericRecord>(LOG_SCHEMA).write(log, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reference row {@code i} as the JSON form of the same scoring log. */
    private static byte[] jsonLog(final int i, final double shift) {
        final String text = "{\"id\": \"j" + i + "\", \"ts\": " + (START.getEpochSecond() + i) + ", \"model\": {\"name\": \""
                + MODEL + "\", \"version\": " + VERSION + "}, \"inputs\": {\"x_raw\": " + (i + shift) + ", \"plan\": \""
                + plan(i) + "\"}, \"output\": {\"score\": " + score(i) + "}}";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Reference rows {@code first} to {@code first + count - 1} as one OIP request and response pair. */
    private static byte[] oipBatch(final int first, final int count) {
        final List<String> features = new ArrayList<>();
        final List<String> plans = new ArrayList<>();
        final List<String> scores = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            features.add((double) i + ", " + i % 3);
            plans.add("\"" + plan(i) + "\"");
            scores.add(String.valueOf(score(i)));
        }
        final String text = "{\"request\": {\"id\": \"batch-1\", \"inputs\": ["
                + "{\"name\": \"features\", \"shape\": [" + count + ", 2], \"datatype\": \"FP64\", \"data\": ["
                + String.join(", ", features) + "]},"
                + "{\"name\": \"plan\", \"shape\": [" + count + "], \"datatype\": \"BYTES\", \"data\": ["
                + String.join(", ", plans) + "]},"
                + "{\"name\": \"debug\", \"shape\": [" + count + ", 4, 4], \"datatype\": \"UINT8\", \"data\": []}]},"
                + " \"response\": {\"model_name\": \"" + MODEL + "\", \"model_version\": \"" + VERSION + "\","
                + " \"id\": \"batch-1\", \"outputs\": [{\"name\": \"score\", \"shape\": [" + count + ", 1],"
                + " \"datatype\": \"FP32\", \"data\": [" + String.join(", ", scores) + "]}]}}";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Headers traceHeaders() {
        return new RecordHeaders().add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8));
    }

    private static String header(final TestRecord<byte[], byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Sum of {@code momo_events_rejected_total} over the data points whose label has the value. */
    private double counter(final String label, final String value) {
        return metrics.registry().scrape().stream()
                .filter(snapshot -> snapshot.getMetadata().getName().equals("momo_events_rejected"))
                .flatMap(snapshot -> ((CounterSnapshot) snapshot).getDataPoints().stream())
                .filter(point -> value.equals(point.getLabels().get(label)))
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
                .sum();
    }
}
