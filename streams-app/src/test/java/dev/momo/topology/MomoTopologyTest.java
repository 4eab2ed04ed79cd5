package dev.momo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.drift.DriftEvaluator;
import dev.momo.metrics.MomoMetrics;
import dev.momo.profile.ProfileBuilder;
import dev.momo.profile.ProfileJson;
import dev.momo.profile.ProfileOptions;
import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import dev.momo.schema.DriftMetric;
import dev.momo.schema.InferenceEvent;
import dev.momo.serde.AvroDeserializer;
import dev.momo.serde.AvroSerializer;
import dev.momo.serde.SchemaRegistries;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.table.CsvTable;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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
 * Runs the whole topology in a {@link TopologyTestDriver}, with one input partition. The reference has
 * 100 rows: {@code x = 0..99} (numeric), {@code plan} alternating basic and pro (categorical) and the
 * prediction {@code score = (i mod 10) / 10} (numeric). Its 100 rows make no full chunk of the default
 * 5000, so the fixed default thresholds apply. A clean window repeats the reference rows exactly, so
 * every statistic is 0; a drifted window moves {@code x} above the largest reference value, so its
 * Jensen-Shannon distance and Kolmogorov-Smirnov D are 1.
 */
class MomoTopologyTest {

    private static final String MODEL = "credit";
    private static final String VERSION = "1";
    private static final int WINDOW_SIZE = 100;
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Topics TOPICS = Topics.DEFAULTS;

    @TempDir
    Path stateDir;

    private final String registryScope = "test-" + UUID.randomUUID();
    private final SchemaRegistryClient registry = SchemaRegistries.forUrl("mock://" + registryScope);
    private final AvroSerializer<InferenceEvent> eventSerializer = new AvroSerializer<>(registry);
    private final MomoMetrics metrics = new MomoMetrics();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> inferences;
    private TestOutputTopic<String, DriftMetric> driftMetrics;
    private TestOutputTopic<String, DriftAlert> alerts;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private ReferenceProfile profile;
    private int nextEventId;

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
        metrics.close();
        SchemaRegistries.dropScope(registryScope);
    }

    @Test
    void countWindow_emitsEveryCheck() {
        start(WindowSettings.count(WINDOW_SIZE));

        pipeCleanWindow();

        final List<DriftMetric> window = driftMetrics.readValuesToList();
        assertThat(window).hasSize(DriftEvaluator.recordsPerWindow(profile));
        // The default checks of windows above 1000 events, then the data-quality checks of each column.
        final List<String> numericChecks = List.of("wasserstein_normalized", "jensen_shannon", "missing_rate",
                "absent_rate", "type_mismatch_rate", "non_finite_rate", "out_of_range_share");
        final List<String> expected = new ArrayList<>();
        numericChecks.forEach(check -> expected.add("x/" + check));
        List.of("jensen_shannon", "missing_rate", "absent_rate", "non_finite_rate", "unseen_share")
                .forEach(check -> expected.add("plan/" + check));
        numericChecks.forEach(check -> expected.add("score/" + check));
        expected.add("dataset/drifted_feature_share");
        assertThat(window).extracting(metric -> metric.getFeature() + "/" + metric.getStatistic())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void badValues_areDataQualityFindingsNotRejections() {
        start(WindowSettings.count(WINDOW_SIZE));

        // Of 100 events: x is text in 10, NaN in 10, null in 10, absent in 10; 5 carry a feature the
        // reference lacks.
        for (int i = 0; i < WINDOW_SIZE; i++) {
            final Map<String, Object> features = row(i, 0);
            if (i < 10) {
                features.put("x", "abc");
            } else if (i < 20) {
                features.put("x", Double.NaN);
            } else if (i < 30) {
                features.put("x", null);
            } else if (i < 40) {
                features.remove("x");
            }
            if (i % 20 == 0) {
                features.put("device", "mobile");
            }
            final InferenceEvent event = InferenceEvent.newBuilder()
                    .setEventId("q" + nextEventId++)
                    .setModelId(MODEL)
                    .setModelVersion(VERSION)
                    .setEventTime(START.plusSeconds(i))
                    .setFeatures(features)
                    .setPrediction(score(i))
                    .build();
            inferences.pipeInput(MODEL.getBytes(StandardCharsets.UTF_8),
                    eventSerializer.serialize(TOPICS.inferences(), event), START.plusSeconds(i));
        }

        final Map<String, Double> values = driftMetrics.readValuesToList().stream()
                .collect(Collectors.toMap(m -> m.getFeature() + "/" + m.getStatistic(), DriftMetric::getValue));
        assertThat(values).containsEntry("x/type_mismatch_rate", 0.1)
                .containsEntry("x/non_finite_rate", 0.1)
                .containsEntry("x/missing_rate", 0.1)
                .containsEntry("x/absent_rate", 0.1)
                .containsEntry("plan/absent_rate", 0.0)
                .containsEntry("device/new_feature", 0.05);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void countWindows_haveConsecutiveIndexesAndSampleSize() {
        start(WindowSettings.count(WINDOW_SIZE));

        pipeCleanWindow();
        pipeCleanWindow();
        pipeCleanWindow();

        final List<DriftMetric> all = driftMetrics.readValuesToList();
        assertThat(all).hasSize(3 * DriftEvaluator.recordsPerWindow(profile));
        final Map<Long, Long> perWindow = all.stream()
                .collect(Collectors.groupingBy(DriftMetric::getWindowIndex, Collectors.counting()));
        assertThat(perWindow).containsOnlyKeys(0L, 1L, 2L);
        assertThat(perWindow.values()).containsOnly((long) DriftEvaluator.recordsPerWindow(profile));
        assertThat(all).extracting(DriftMetric::getWindowIndex).isSorted();
        assertThat(all).extracting(DriftMetric::getSampleSize).containsOnly((long) WINDOW_SIZE);
        assertThat(all).extracting(DriftMetric::getReferenceSize).containsOnly(100L);
        assertThat(all).extracting(DriftMetric::getInputPartition).containsOnly(0);
        assertThat(all).extracting(DriftMetric::getModelId).containsOnly(MODEL);
        assertThat(all).extracting(DriftMetric::getModelVersion).containsOnly(VERSION);
    }

    @Test
    void countWindow_spansItsEventTimes() {
        start(WindowSettings.count(WINDOW_SIZE));

        pipeCleanWindow();

        // Events are one second apart, so the window spans START to START + 99 s.
        final DriftMetric first = driftMetrics.readValue();
        assertThat(first.getWindowStart()).isEqualTo(START);
        assertThat(first.getWindowEnd()).isEqualTo(START.plusSeconds(WINDOW_SIZE - 1));
    }

    @Test
    void cleanWindow_isNotDrifted() {
        start(WindowSettings.count(WINDOW_SIZE));

        pipeCleanWindow();

        final List<DriftMetric> window = driftMetrics.readValuesToList();
        assertThat(window).extracting(DriftMetric::getValue).allSatisfy(value -> assertThat(value).isZero());
        assertThat(window).extracting(DriftMetric::getDrifted).containsOnly(false);
        assertThat(window).extracting(DriftMetric::getThresholdSource).containsOnly("fixed");
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void driftedWindow_opensAlertPerDriftedStatistic() {
        start(WindowSettings.count(WINDOW_SIZE));

        pipeDriftedWindow();

        final List<DriftAlert> opened = alerts.readValuesToList();
        assertThat(opened).extracting(DriftAlert::getState).containsOnly(AlertState.OPENED);
        // x moved past the reference maximum: both distances and the out-of-range share flag.
        assertThat(opened).extracting(alert -> alert.getFeature() + "/" + alert.getCheck())
                .containsExactlyInAnyOrder("x/wasserstein_normalized", "x/jensen_shannon", "x/out_of_range_share");
        assertThat(opened).extracting(DriftAlert::getWindowIndex).containsOnly(0L);
        assertThat(driftMetrics.readValuesToList()).filteredOn(DriftMetric::getDrifted)
                .extracting(DriftMetric::getFeature).containsOnly("x");
    }

    @Test
    void cleanAfterDrift_resolvesSameAlert() {
        start(WindowSettings.count(WINDOW_SIZE));

        pipeCleanWindow();
        pipeDriftedWindow();
        pipeDriftedWindow();
        pipeCleanWindow();
        pipeCleanWindow();
        pipeCleanWindow();

        final Map<String, List<DriftAlert>> byCheck = alerts.readValuesToList().stream()
                .collect(Collectors.groupingBy(alert -> alert.getFeature() + "/" + alert.getCheck()));
        // One of the two features drifted: a share of 0.5 is not above the data-set level of 0.5.
        assertThat(byCheck).containsOnlyKeys("x/wasserstein_normalized", "x/jensen_shannon", "x/out_of_range_share");
        byCheck.forEach((check, lifecycle) -> {
            // Opened by the first drifted window when it is critical, by the second otherwise; silent while
            // clean; resolved by the third clean window in a row.
            assertThat(lifecycle.get(0).getState()).as(check).isEqualTo(AlertState.OPENED);
            assertThat(lifecycle).as(check).extracting(DriftAlert::getWindowIndex).isSubsetOf(1L, 2L, 5L);
            final DriftAlert last = lifecycle.get(lifecycle.size() - 1);
            assertThat(last.getState()).as(check).isEqualTo(AlertState.RESOLVED);
            assertThat(last.getWindowIndex()).as(check).isEqualTo(5L);
            assertThat(last.getCleanWindows()).as(check).isEqualTo(3);
            assertThat(lifecycle).as(check).extracting(DriftAlert::getAlertId).containsOnly(lifecycle.get(0).getAlertId());
            // The evidence: where the values went, what they were compared with, and a sentence and link for people.
            final DriftAlert opened = lifecycle.get(0);
            assertThat(opened.getSubject()).isEqualTo("feature");
            assertThat(opened.getReference()).isEqualTo("reference.csv, 100 rows, built " + profile.createdAt());
            assertThat(opened.getSummary()).startsWith("Feature 'x' of model credit version 1 drifted");
            assertThat(opened.getConsoleUrl()).isEqualTo("http://127.0.0.1:8080/#/models/credit/versions/1/features/x");
            assertThat(opened.getEvidenceWindows()).isEqualTo(3);
        });
        // x moved 1000 above its reference range (0 to 99): the whole window went to the overflow bin.
        final DriftAlert distance = byCheck.get("x/jensen_shannon").get(0);
        assertThat(distance.getContributors()).isNotEmpty();
        assertThat(distance.getContributors().get(0).getLabel()).startsWith("> ");
        assertThat(distance.getContributors().get(0).getCurrentShare()).isEqualTo(1.0);
    }

    @Test
    void twoModels_haveSeparateCountWindows() {
        start(WindowSettings.count(WINDOW_SIZE));
        final ReferenceProfile other = referenceProfile("churn");
        driver.createInputTopic(TOPICS.references(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(ReferenceKeys.of("churn", VERSION), ProfileJson.toBytes(other));

        for (int i = 0; i < WINDOW_SIZE; i++) {
            pipeEvent(MODEL, i, 0, START.plusSeconds(i));
            pipeEvent("churn", i, 1000, START.plusSeconds(i));
        }

        final List<DriftMetric> all = driftMetrics.readValuesToList();
        assertThat(all).hasSize(2 * DriftEvaluator.recordsPerWindow(profile));
        assertThat(all).extracting(DriftMetric::getSampleSize).containsOnly((long) WINDOW_SIZE);
        assertThat(all).extracting(DriftMetric::getWindowIndex).containsOnly(0L);
        assertThat(all).filteredOn(DriftMetric::getDrifted).extracting(DriftMetric::getModelId).containsOnly("churn");
    }

    @Test
    void malformedRecords_keepOriginalBytes() {
        start(WindowSettings.count(WINDOW_SIZE));
        final List<byte[]> values = malformedValues();

        for (final byte[] value : values) {
            inferences.pipeInput(new TestRecord<>(key(), value, traceHeaders(), START));
        }

        final List<TestRecord<byte[], byte[]>> rejected = deadLetters.readRecordsToList();
        assertThat(rejected).hasSize(values.size());
        for (int i = 0; i < values.size(); i++) {
            assertThat(rejected.get(i).value()).as("value of rejected record %d", i).isEqualTo(values.get(i));
            assertThat(rejected.get(i).key()).as("key of rejected record %d", i).isEqualTo(key());
        }
    }

    @Test
    void malformedRecords_carryErrorAndSourceHeaders() {
        start(WindowSettings.count(WINDOW_SIZE));

        for (final byte[] value : malformedValues()) {
            inferences.pipeInput(new TestRecord<>(key(), value, traceHeaders(), START));
        }

        final List<TestRecord<byte[], byte[]>> rejected = deadLetters.readRecordsToList();
        assertThat(rejected).extracting(record -> header(record.headers(), DeadLetterHeaders.ERROR_REASON))
                .containsExactly("serde", "serde", "invalid_event");
        assertThat(header(rejected.get(0).headers(), DeadLetterHeaders.ERROR_MESSAGE)).contains("neither supported format");
        assertThat(header(rejected.get(1).headers(), DeadLetterHeaders.ERROR_MESSAGE)).contains("eventId");
        assertThat(header(rejected.get(2).headers(), DeadLetterHeaders.ERROR_MESSAGE)).contains("blank modelId");
        assertThat(rejected).extracting(record -> header(record.headers(), DeadLetterHeaders.SOURCE_TOPIC))
                .containsOnly(TOPICS.inferences());
        assertThat(rejected).extracting(record -> header(record.headers(), DeadLetterHeaders.SOURCE_PARTITION))
                .containsOnly("0");
        assertThat(rejected).extracting(record -> header(record.headers(), DeadLetterHeaders.SOURCE_OFFSET))
                .containsExactly("0", "1", "2");
        assertThat(rejected).extracting(record -> header(record.headers(), "trace-id")).containsOnly("t-1");
    }

    @Test
    void nullValue_goesToDeadLetterTopic() {
        start(WindowSettings.count(WINDOW_SIZE));

        inferences.pipeInput(key(), (byte[]) null);

        final TestRecord<byte[], byte[]> rejected = deadLetters.readRecord();
        assertThat(rejected.value()).isNull();
        assertThat(header(rejected.headers(), DeadLetterHeaders.ERROR_REASON)).isEqualTo("null_value");
    }

    @Test
    void malformedLabel_goesToDeadLetterTopic() {
        start(WindowSettings.count(WINDOW_SIZE));
        final TestInputTopic<byte[], byte[]> labels = driver.createInputTopic(TOPICS.labels(),
                new ByteArraySerializer(), new ByteArraySerializer());
        final byte[] value = "[1, 2, 3]".getBytes(StandardCharsets.UTF_8);

        labels.pipeInput(key(), value);

        final TestRecord<byte[], byte[]> rejected = deadLetters.readRecord();
        assertThat(rejected.value()).isEqualTo(value);
        assertThat(header(rejected.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TOPICS.labels());
    }

    @Test
    void malformedRecords_streamKeepsProcessing() {
        start(WindowSettings.count(WINDOW_SIZE));

        for (final byte[] value : malformedValues()) {
            inferences.pipeInput(key(), value);
        }
        pipeCleanWindow();

        assertThat(deadLetters.getQueueSize()).isEqualTo(3);
        assertThat(driftMetrics.readValuesToList()).hasSize(DriftEvaluator.recordsPerWindow(profile))
                .extracting(DriftMetric::getSampleSize).containsOnly((long) WINDOW_SIZE);
    }

    @Test
    void malformedRecords_areCounted() {
        start(WindowSettings.count(WINDOW_SIZE));

        for (final byte[] value : malformedValues()) {
            inferences.pipeInput(key(), value);
        }

        assertThat(counter("momo_events_rejected", "reason", "serde")).isEqualTo(2.0);
        assertThat(counter("momo_events_rejected", "reason", "invalid_event")).isEqualTo(1.0);
    }

    @Test
    void flushControlRecord_closesPartialCountWindow() {
        start(WindowSettings.count(WINDOW_SIZE));

        pipeEvents(30, 0, START);
        assertThat(driftMetrics.isEmpty()).isTrue();
        pipeFlush();

        final List<DriftMetric> window = driftMetrics.readValuesToList();
        assertThat(window).hasSize(DriftEvaluator.recordsPerWindow(profile));
        assertThat(window).extracting(DriftMetric::getSampleSize).containsOnly(30L);
        assertThat(window).extracting(DriftMetric::getWindowIndex).containsOnly(0L);
    }

    @Test
    void flushControlRecord_nextEventsStartNewWindow() {
        start(WindowSettings.count(WINDOW_SIZE));

        pipeEvents(30, 0, START);
        pipeFlush();
        driftMetrics.readValuesToList();
        pipeCleanWindow();

        assertThat(driftMetrics.readValuesToList()).extracting(DriftMetric::getWindowIndex).containsOnly(1L);
        assertThat(deadLetters.isEmpty()).as("the control record is not a rejected event").isTrue();
    }

    @Test
    void eventsWithoutProfile_goToDeadLetterTopic() {
        startWithoutProfile(WindowSettings.count(WINDOW_SIZE));

        pipeCleanWindow();

        assertThat(driftMetrics.isEmpty()).isTrue();
        assertThat(alerts.isEmpty()).isTrue();
        assertThat(deadLetters.readRecordsToList()).hasSize(WINDOW_SIZE)
                .extracting(record -> header(record.headers(), DeadLetterHeaders.ERROR_REASON))
                .containsOnly(DeadLetterHeaders.REASON_NO_PROFILE);
    }

    @Test
    void eventWithoutProfile_keepsOriginalBytes() {
        startWithoutProfile(WindowSettings.count(WINDOW_SIZE));
        final byte[] value = eventBytes(MODEL, 0, 0, START);

        inferences.pipeInput(key(), value);

        final TestRecord<byte[], byte[]> rejected = deadLetters.readRecord();
        assertThat(rejected.value()).isEqualTo(value);
        assertThat(rejected.key()).isEqualTo(key());
        assertThat(header(rejected.headers(), DeadLetterHeaders.ERROR_MESSAGE)).contains(ReferenceKeys.of(MODEL, VERSION));
        assertThat(header(rejected.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
    }

    @Test
    void invalidProfile_eventsGoToDeadLetterTopic() {
        startWithoutProfile(WindowSettings.count(WINDOW_SIZE));
        driver.createInputTopic(TOPICS.references(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(ReferenceKeys.of(MODEL, VERSION), "{\"formatVersion\": 99}".getBytes(StandardCharsets.UTF_8));

        pipeCleanWindow();

        assertThat(driftMetrics.isEmpty()).isTrue();
        assertThat(deadLetters.readRecordsToList()).hasSize(WINDOW_SIZE)
                .extracting(record -> header(record.headers(), DeadLetterHeaders.ERROR_REASON))
                .containsOnly(DeadLetterHeaders.REASON_NO_PROFILE);
    }

    @Test
    void deletedProfile_stopsComparing() {
        start(WindowSettings.count(WINDOW_SIZE));
        pipeCleanWindow();
        driftMetrics.readValuesToList();

        driver.createInputTopic(TOPICS.references(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(ReferenceKeys.of(MODEL, VERSION), null);
        pipeCleanWindow();

        assertThat(driftMetrics.isEmpty()).isTrue();
        assertThat(deadLetters.getQueueSize()).isEqualTo(WINDOW_SIZE);
    }

    @Test
    void outputs_areKeyedByModelId() {
        start(WindowSettings.count(WINDOW_SIZE));

        pipeDriftedWindow();

        assertThat(driftMetrics.readKeyValuesToList()).extracting(record -> record.key).containsOnly(MODEL);
        assertThat(alerts.readKeyValuesToList()).extracting(record -> record.key).containsOnly(MODEL);
    }

    @Test
    void jsonEvents_giveSameMetricsAsAvro() {
        start(WindowSettings.count(WINDOW_SIZE));

        pipeEvents(WINDOW_SIZE, 0, START);
        for (int i = 0; i < WINDOW_SIZE; i++) {
            inferences.pipeInput(key(), json(i, row(i, 0), START.plusSeconds(WINDOW_SIZE + i)));
        }

        final List<DriftMetric> all = driftMetrics.readValuesToList();
        final int checks = DriftEvaluator.recordsPerWindow(profile);
        assertThat(all).hasSize(2 * checks);
        assertThat(deadLetters.isEmpty()).isTrue();
        for (int i = 0; i < checks; i++) {
            final DriftMetric avro = all.get(i);
            final DriftMetric json = all.get(checks + i);
            final String description = avro.getFeature() + "/" + avro.getStatistic();
            assertThat(json.getWindowIndex()).as(description).isEqualTo(1L);
            assertThat(json.getFeature()).as(description).isEqualTo(avro.getFeature());
            assertThat(json.getStatistic()).as(description).isEqualTo(avro.getStatistic());
            assertThat(json.getValue()).as(description).isEqualTo(avro.getValue());
            assertThat(json.getSampleSize()).as(description).isEqualTo(avro.getSampleSize());
            assertThat(json.getThreshold()).as(description).isEqualTo(avro.getThreshold());
        }
    }

    @Test
    void jsonDriftedWindow_opensAlerts() {
        start(WindowSettings.count(WINDOW_SIZE));

        for (int i = 0; i < WINDOW_SIZE; i++) {
            inferences.pipeInput(key(), json(i, row(i, 1000), START.plusSeconds(i)));
        }

        assertThat(alerts.readValuesToList()).extracting(DriftAlert::getState)
                .containsExactly(AlertState.OPENED, AlertState.OPENED, AlertState.OPENED);
    }

    @Test
    void timeWindow_closesAfterGrace() {
        start(WindowSettings.time(Duration.ofMinutes(1), Duration.ofSeconds(10)));

        // 100 events in [START, START + 50 s), then events of the next window inside the grace period.
        pipeEvents(WINDOW_SIZE, 0, START, Duration.ofMillis(500));
        pipeEvent(0, 0, START.plusSeconds(65));
        pipeEvent(1, 0, START.plusSeconds(69));
        assertThat(driftMetrics.isEmpty()).as("window [0 s, 60 s) is open until 70 s").isTrue();

        pipeEvent(2, 0, START.plusSeconds(70));

        final List<DriftMetric> window = driftMetrics.readValuesToList();
        assertThat(window).hasSize(DriftEvaluator.recordsPerWindow(profile));
        assertThat(window).extracting(DriftMetric::getSampleSize).containsOnly((long) WINDOW_SIZE);
        assertThat(window).extracting(DriftMetric::getWindowIndex).containsOnly(START.toEpochMilli() / 60_000);
        assertThat(window).extracting(DriftMetric::getWindowStart).containsOnly(START);
        assertThat(window).extracting(DriftMetric::getWindowEnd).containsOnly(START.plusSeconds(60));
        assertThat(window).extracting(DriftMetric::getInputPartition).containsOnly((Integer) null);
    }

    @Test
    void timeWindow_acceptsEventsWithinGrace() {
        start(WindowSettings.time(Duration.ofMinutes(1), Duration.ofSeconds(10)));

        pipeEvents(WINDOW_SIZE, 0, START, Duration.ofMillis(500));
        pipeEvent(0, 0, START.plusSeconds(65));
        pipeEvent(1, 0, START.plusSeconds(59));
        pipeEvent(2, 0, START.plusSeconds(70));

        assertThat(driftMetrics.readValuesToList()).extracting(DriftMetric::getSampleSize)
                .containsOnly((long) WINDOW_SIZE + 1);
        assertThat(counter("momo_late_events", "model", MODEL)).isZero();
    }

    @Test
    void timeWindow_countsLateEventsWithoutEmitting() {
        start(WindowSettings.time(Duration.ofMinutes(1), Duration.ofSeconds(10)));
        pipeEvents(WINDOW_SIZE, 0, START, Duration.ofMillis(500));
        pipeEvent(0, 0, START.plusSeconds(70));
        driftMetrics.readValuesToList();

        pipeEvent(1, 0, START.plusSeconds(5));
        pipeEvent(2, 0, START.plusSeconds(30));

        assertThat(counter("momo_late_events", "model", MODEL)).isEqualTo(2.0);
        assertThat(driftMetrics.isEmpty()).isTrue();
    }

    @Test
    void lateEvent_goesToDeadLetters() {
        start(WindowSettings.time(Duration.ofMinutes(1), Duration.ofSeconds(10)));
        pipeEvents(WINDOW_SIZE, 0, START, Duration.ofMillis(500));
        pipeEvent(0, 0, START.plusSeconds(70));
        final byte[] late = eventBytes(MODEL, 1, 0, START.plusSeconds(5));

        inferences.pipeInput(key(), late);

        final TestRecord<byte[], byte[]> rejected = deadLetters.readRecord();
        assertThat(rejected.value()).isEqualTo(late);
        assertThat(header(rejected.headers(), DeadLetterHeaders.ERROR_REASON)).isEqualTo(DeadLetterHeaders.REASON_LATE);
        assertThat(header(rejected.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TOPICS.inferences());
        assertThat(header(rejected.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo(String.valueOf(WINDOW_SIZE + 1));
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void lateEvent_keepsHeaders() {
        start(WindowSettings.time(Duration.ofMinutes(1), Duration.ofSeconds(10)));
        pipeEvents(WINDOW_SIZE, 0, START, Duration.ofMillis(500));
        pipeEvent(0, 0, START.plusSeconds(70));

        inferences.pipeInput(new TestRecord<>(key(), eventBytes(MODEL, 1, 0, START.plusSeconds(5)), traceHeaders(),
                START));

        assertThat(header(deadLetters.readRecord().headers(), "trace-id")).isEqualTo("t-1");
    }

    @Test
    void timeWindow_lateEventsLeaveNextWindowAlone() {
        start(WindowSettings.time(Duration.ofMinutes(1), Duration.ofSeconds(10)));
        pipeEvents(WINDOW_SIZE, 0, START, Duration.ofMillis(500));
        pipeEvent(0, 0, START.plusSeconds(70));
        driftMetrics.readValuesToList();

        pipeEvent(1, 0, START.plusSeconds(5));
        pipeFlush();

        // Only the event at 70 s falls in window [60 s, 120 s), and the late event is added to no window.
        final List<DriftMetric> next = driftMetrics.readValuesToList();
        assertThat(next).extracting(DriftMetric::getSampleSize).containsOnly(1L);
        assertThat(next).extracting(DriftMetric::getWindowStart).containsOnly(START.plusSeconds(60));
    }

    // ---------------------------------------------------------------------------------------------
    // Set-up and input helpers

    private void start(final WindowSettings window) {
        startWithoutProfile(window);
        profile = referenceProfile(MODEL);
        final TestInputTopic<String, byte[]> references = driver.createInputTopic(TOPICS.references(),
                new StringSerializer(), new ByteArraySerializer());
        references.pipeInput(ReferenceKeys.of(MODEL, VERSION), ProfileJson.toBytes(profile));
    }

    private void startWithoutProfile(final WindowSettings window) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "momo-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        driver = new TopologyTestDriver(MomoTopology.build(TOPICS, window, 1, registry, metrics), props);

        inferences = driver.createInputTopic(TOPICS.inferences(), new ByteArraySerializer(), new ByteArraySerializer());
        driftMetrics = driver.createOutputTopic(TOPICS.driftMetrics(), new StringDeserializer(),
                new AvroDeserializer<>(DriftMetric.class, registry));
        alerts = driver.createOutputTopic(TOPICS.alerts(), new StringDeserializer(),
                new AvroDeserializer<>(DriftAlert.class, registry));
        deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static ReferenceProfile referenceProfile(final String modelId) {
        final List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            final Map<String, Object> row = row(i, 0);
            rows.add(new String[] {row.get("x").toString(), row.get("plan").toString(), String.valueOf(score(i))});
        }
        final CsvTable table = CsvTable.of(Path.of("reference.csv"), List.of("x", "plan", "score"), rows);
        final ProfileOptions options = new ProfileOptions(modelId, VERSION, null, "score", null, null, Set.of(), Set.of(),
                Set.of(), ProfileOptions.DEFAULT_CHUNK_SIZE, 10, 2000,
                ProfileOptions.DEFAULT_THRESHOLD_STD_MULTIPLIER);
        return new ProfileBuilder(options).build(table, chunk -> { });
    }

    /** Feature values of reference row {@code i}, with {@code x} moved by {@code shift}. */
    private static Map<String, Object> row(final int i, final double shift) {
        final Map<String, Object> features = new HashMap<>();
        features.put("x", (double) i + shift);
        features.put("plan", i % 2 == 0 ? "basic" : "pro");
        return features;
    }

    private static double score(final int i) {
        return (i % 10) / 10.0;
    }

    private void pipeCleanWindow() {
        pipeEvents(WINDOW_SIZE, 0, START.plusSeconds((long) nextEventId));
    }

    private void pipeDriftedWindow() {
        pipeEvents(WINDOW_SIZE, 1000, START.plusSeconds((long) nextEventId));
    }

    private void pipeEvents(final int count, final double shift, final Instant first) {
        pipeEvents(count, shift, first, Duration.ofSeconds(1));
    }

    private void pipeEvents(final int count, final double shift, final Instant first, final Duration step) {
        for (int i = 0; i < count; i++) {
            pipeEvent(i, shift, first.plus(step.multipliedBy(i)));
        }
    }

    private void pipeEvent(final int i, final double shift, final Instant eventTime) {
        pipeEvent(MODEL, i, shift, eventTime);
    }

    private void pipeEvent(final String modelId, final int i, final double shift, final Instant eventTime) {
        inferences.pipeInput(modelId.getBytes(StandardCharsets.UTF_8), eventBytes(modelId, i, shift, eventTime),
                eventTime);
    }

    /** Serializes reference row {@code i} (mod 100) as an Avro event of the model. */
    private byte[] eventBytes(final String modelId, final int i, final double shift, final Instant eventTime) {
        final int row = i % 100;
        final InferenceEvent event = InferenceEvent.newBuilder()
                .setEventId("e" + nextEventId++)
                .setModelId(modelId)
                .setModelVersion(VERSION)
                .setEventTime(eventTime)
                .setFeatures(row(row, shift))
                .setPrediction(score(row))
                .build();
        return eventSerializer.serialize(TOPICS.inferences(), event);
    }

    private void pipeFlush() {
        final Headers headers = new RecordHeaders().add(DeadLetterHeaders.CONTROL,
                DeadLetterHeaders.CONTROL_FLUSH.getBytes(StandardCharsets.UTF_8));
        inferences.pipeInput(new TestRecord<>((byte[]) null, (byte[]) null, headers, (Instant) null));
    }

    private byte[] json(final int i, final Map<String, Object> features, final Instant eventTime) {
        final String text = "{\"eventId\": \"j" + nextEventId++ + "\", \"modelId\": \"" + MODEL + "\", \"modelVersion\": \""
                + VERSION + "\", \"eventTime\": \"" + eventTime + "\", \"features\": {\"x\": " + features.get("x")
                + ", \"plan\": \"" + features.get("plan") + "\"}, \"prediction\": " + score(i % 100) + "}";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Random bytes that are neither Avro nor JSON, a JSON event without eventId, and one with a blank modelId. */
    private static List<byte[]> malformedValues() {
        final byte[] random = new byte[32];
        new Random(7).nextBytes(random);
        random[0] = (byte) 0x9c;
        final String withoutEventId = "{\"modelId\": \"credit\", \"modelVersion\": \"1\", "
                + "\"eventTime\": \"2024-01-01T00:00:00Z\", \"features\": {\"x\": 1.0}}";
        final String blankModelId = "{\"eventId\": \"e-blank\", \"modelId\": \"  \", \"modelVersion\": \"1\", "
                + "\"eventTime\": \"2024-01-01T00:00:00Z\", \"features\": {\"x\": 1.0}}";
        return List.of(random, withoutEventId.getBytes(StandardCharsets.UTF_8),
                blankModelId.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] key() {
        return MODEL.getBytes(StandardCharsets.UTF_8);
    }

    private static Headers traceHeaders() {
        return new RecordHeaders().add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8));
    }

    private static String header(final Headers headers, final String name) {
        final Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Sum of a Momo counter over the data points whose label has the value. */
    private double counter(final String name, final String label, final String value) {
        return metrics.registry().scrape().stream()
                .filter(snapshot -> snapshot.getMetadata().getName().equals(name))
                .flatMap(snapshot -> ((CounterSnapshot) snapshot).getDataPoints().stream())
                .filter(point -> value.equals(point.getLabels().get(label)))
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
                .sum();
    }
}
