package dev.momo.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.momo.app.MomoApplication;
import dev.momo.app.ReferencePublisher;
import dev.momo.app.StreamsSettings;
import dev.momo.drift.DriftEvaluator;
import dev.momo.embedded.EmbeddedKafkaBroker;
import dev.momo.metrics.MomoMetrics;
import dev.momo.profile.CheckSettings;
import dev.momo.profile.ChunkReference;
import dev.momo.profile.PValueCorrection;
import dev.momo.profile.ProfileBuilder;
import dev.momo.profile.ProfileOptions;
import dev.momo.profile.ReferenceProfile;
import dev.momo.profile.ThresholdMode;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import dev.momo.schema.DriftMetric;
import dev.momo.schema.InferenceEvent;
import dev.momo.serde.AvroDeserializer;
import dev.momo.serde.InferenceEventDecoder;
import dev.momo.serde.SchemaRegistries;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.statistics.BinningRule;
import dev.momo.table.CsvTable;
import dev.momo.testing.FakeSchemaRegistry;
import dev.momo.testing.TopicReader;
import dev.momo.topology.Topics;
import dev.momo.topology.WindowSettings;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Momo reads inference events that clients written by others publish. {@code interop/node/produce.js}
 * runs under Node.js and produces with kafkajs 2.2.4. In avro mode it registers the InferenceEvent
 * schema and encodes the Confluent wire format with @kafkajs/confluent-schema-registry 3.9.0 (avsc
 * 5.7.9). The registry is a {@link FakeSchemaRegistry} and the broker an {@link EmbeddedKafkaBroker},
 * both on 127.0.0.1, and Momo reads the schema back from that registry with its own REST client.
 *
 * <p>The script draws {@value #EVENTS} events of one model; from event {@value #DRIFT_START} on,
 * "amount" (numeric) and "channel" (categorical) change distribution, and with "amount" the prediction
 * score. The reference profile comes from the same script in csv mode, with another seed and no drift,
 * so the Java side does not repeat the generator. Both modes, avro and json, run once before the tests.
 *
 * <p>Without {@code node} on the PATH the tests are skipped. Without {@code interop/node/node_modules}
 * the setup runs {@code npm ci} there first, which needs the npm registry.
 */
class NodeClientInteropTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path NODE_PROJECT = ROOT.resolve("interop/node");
    private static final Path SCHEMA = ROOT.resolve("schemas/src/main/avro/InferenceEvent.avsc");
    private static final String MODEL_ID = "node-model";
    private static final int EVENTS = 3000;
    private static final int DRIFT_START = 1500;
    private static final int WINDOW = 250;
    private static final int WINDOWS = EVENTS / WINDOW;
    /** First count window whose events are all drifted. */
    private static final int FIRST_DRIFTED_WINDOW = DRIFT_START / WINDOW;
    private static final int REFERENCE_ROWS = 5000;
    private static final int REFERENCE_SEED = 7;
    private static final int EVENT_SEED = 42;
    /** Significance level of the tests in one window, split over them by the Bonferroni correction. */
    private static final double ALPHA = 0.001;
    private static final Set<String> DRIFTED_FEATURES = Set.of("amount", "channel");
    private static final Set<String> STABLE_FEATURES = Set.of("tenure_months", "region", "returning");
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one mode produced and what Momo made of it. */
    private record Outcome(JsonNode summary, Path dump, List<DriftMetric> metrics, List<DriftAlert> alerts,
                           List<byte[]> inputRecords, int deadLetters, double processed, double rejected) {
    }

    @TempDir
    static Path dir;

    private static String node;
    private static EmbeddedKafkaBroker broker;
    private static FakeSchemaRegistry registryServer;
    private static SchemaRegistryClient registry;
    private static final Map<String, Outcome> OUTCOMES = new HashMap<>();

    @BeforeAll
    static void publishAndProcessBothModes() throws Exception {
        node = findNode();
        if (node == null) {
            // Each test then skips with the reason, because surefire reports a failed assumption in
            // @BeforeAll as zero tests run, without the reason.
            return;
        }
        installModulesIfMissing();

        broker = EmbeddedKafkaBroker.start();
        registryServer = FakeSchemaRegistry.start();
        registry = SchemaRegistries.forConfig(Map.of(SchemaRegistries.URL_CONFIG, registryServer.baseUrl()));
        final ReferenceProfile profile = buildReference();
        for (final String mode : List.of("avro", "json")) {
            OUTCOMES.put(mode, publishAndProcess(mode, profile));
        }
    }

    @BeforeEach
    void requireNode() {
        Assumptions.assumeTrue(node != null, "node is not on the PATH, so the Node.js client interoperability test"
                + " is skipped; install Node.js 18 or later (Debian package nodejs) to run it");
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        if (registryServer != null) {
            registryServer.close();
        }
    }

    @Test
    void avroMode_registersSchemaUnderTopicSubject() throws IOException {
        final Outcome avro = OUTCOMES.get("avro");
        final String subject = topics("avro").inferences() + "-value";
        final int schemaId = avro.summary().get("schemaId").asInt();

        assertThat(avro.summary().get("subject").asText()).isEqualTo(subject);
        assertThat(registryServer.schemaIds(subject)).containsExactly(schemaId);
        final Schema registered = new Schema.Parser().parse(registryServer.schemaText(schemaId).orElseThrow());
        assertThat(registered).isEqualTo(new Schema.Parser().parse(SCHEMA.toFile()));
        assertThat(registryServer.requestCount("POST", "/subjects/" + subject + "/versions")).isEqualTo(1);
        // The library sets the subject's compatibility to BACKWARD when it registers the first version.
        assertThat(registryServer.requests()).anySatisfy(request -> {
            assertThat(request.method()).isEqualTo("PUT");
            assertThat(request.path()).isEqualTo("/config/" + subject);
            assertThat(request.body()).contains("BACKWARD");
        });
    }

    @Test
    void avroMode_recordsCarryRegisteredSchemaId() {
        final Outcome avro = OUTCOMES.get("avro");
        final int schemaId = avro.summary().get("schemaId").asInt();

        assertThat(avro.inputRecords().size()).as("records on the input topic").isEqualTo(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            final byte[] value = avro.inputRecords().get(i);
            assertThat(value[0]).as("magic byte of record %d", i).isZero();
            assertThat(ByteBuffer.wrap(value, 1, 4).getInt()).as("schema id of record %d", i).isEqualTo(schemaId);
        }
    }

    @Test
    void avroMode_momoFetchesSchemaById() {
        final int schemaId = OUTCOMES.get("avro").summary().get("schemaId").asInt();

        assertThat(registryServer.requestCount("GET", "/schemas/ids/" + schemaId)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void avroMode_decodesToSentEvents() throws IOException {
        final Outcome avro = OUTCOMES.get("avro");
        final List<String> sent = Files.readAllLines(avro.dump(), StandardCharsets.UTF_8);
        final InferenceEventDecoder decoder = new InferenceEventDecoder(registry);
        assertThat(avro.inputRecords().size()).as("records on the input topic").isEqualTo(sent.size());

        for (int i = 0; i < sent.size(); i++) {
            final InferenceEvent fromAvro = decoder.decode("record " + i, avro.inputRecords().get(i));
            final InferenceEvent fromJson = decoder.decode("dump line " + (i + 1),
                    sent.get(i).getBytes(StandardCharsets.UTF_8));
            assertThat(comparable(fromAvro)).as("event %d", i).isEqualTo(comparable(fromJson));
        }
    }

    @Test
    void jsonMode_registersNoSchema() {
        assertThat(registryServer.subjects()).noneMatch(subject -> subject.startsWith(topics("json").inferences()));
        final List<byte[]> records = OUTCOMES.get("json").inputRecords();
        assertThat(records.size()).as("records on the input topic").isEqualTo(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            assertThat((char) records.get(i)[0]).as("first byte of record %d", i).isEqualTo('{');
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"avro", "json"})
    void momo_processesEveryEvent(final String mode) {
        final Outcome outcome = OUTCOMES.get(mode);

        assertThat(outcome.processed()).as("events processed").isEqualTo(EVENTS);
        assertThat(outcome.rejected()).as("events rejected").isZero();
        assertThat(outcome.deadLetters()).as("records in the dead-letter topic").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"avro", "json"})
    void driftedFeatures_flaggedInDriftedWindows(final String mode) {
        final List<DriftMetric> metrics = OUTCOMES.get(mode).metrics();

        for (final String feature : DRIFTED_FEATURES) {
            final Set<Long> flagged = driftedWindows(metrics, feature);
            for (long window = FIRST_DRIFTED_WINDOW; window < WINDOWS; window++) {
                assertThat(flagged).as("%s drifted in window %d", feature, window).contains(window);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"avro", "json"})
    void alerts_openOnlyAfterDriftPoint(final String mode) {
        final List<DriftAlert> opened = OUTCOMES.get(mode).alerts().stream()
                .filter(alert -> alert.getState() == AlertState.OPENED).toList();

        assertThat(opened).extracting(DriftAlert::getFeature).containsAll(DRIFTED_FEATURES);
        for (final DriftAlert alert : opened) {
            // The index of a detector alert counts values of its stream, and that of a window alert counts windows.
            final long firstDrifted = isDetector(alert.getThresholdSource()) ? DRIFT_START : FIRST_DRIFTED_WINDOW;
            assertThat(alert.getWindowIndex()).as("opening index of %s", alert.getAlertId())
                    .isGreaterThanOrEqualTo(firstDrifted);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"avro", "json"})
    void stableFeatures_stayQuiet(final String mode) {
        final Outcome outcome = OUTCOMES.get(mode);

        assertThat(outcome.alerts()).extracting(DriftAlert::getFeature).doesNotContainAnyElementsOf(STABLE_FEATURES);
        for (final String feature : STABLE_FEATURES) {
            assertThat(outcome.metrics()).as("metrics of %s", feature)
                    .anyMatch(metric -> metric.getFeature().equals(feature));
            assertThat(driftedWindows(outcome.metrics(), feature)).as("windows in which %s drifted", feature).isEmpty();
        }
    }

    /** Publishes the events of one mode with the script and runs Momo over them until every window closed. */
    private static Outcome publishAndProcess(final String mode, final ReferenceProfile profile) throws Exception {
        final Topics topics = topics(mode);
        topics.configs().forEach((topic, configs) -> broker.createTopic(topic, 1, configs));
        ReferencePublisher.publish(broker.bootstrapServers(), topics, profile);
        final StreamsSettings settings = new StreamsSettings("node-interop-" + mode, broker.bootstrapServers(),
                dir.resolve("state-" + mode), 1, Map.of("commit.interval.ms", "100"));

        try (MomoMetrics metrics = new MomoMetrics();
             MomoApplication app = new MomoApplication(settings, topics, WindowSettings.count(WINDOW), 1, registry,
                     metrics)) {
            app.start(Duration.ofSeconds(60));
            final Path dump = dir.resolve(mode + "-events.jsonl");
            final List<String> arguments = new ArrayList<>(List.of("--mode", mode,
                    "--brokers", broker.bootstrapServers(), "--topic", topics.inferences(),
                    "--events", String.valueOf(EVENTS), "--drift-start", String.valueOf(DRIFT_START),
                    "--seed", String.valueOf(EVENT_SEED), "--dump", dump.toString()));
            if (mode.equals("avro")) {
                arguments.addAll(List.of("--registry", registryServer.baseUrl(), "--schema", SCHEMA.toString()));
            }
            final JsonNode summary = JSON.readTree(runScript(arguments));

            final long expectedMetrics = (long) WINDOWS * DriftEvaluator.recordsPerWindow(profile);
            final List<DriftMetric> driftMetrics = TopicReader.read(broker.bootstrapServers(), topics.driftMetrics(), 1,
                    new AvroDeserializer<>(DriftMetric.class, registry), expectedMetrics, Duration.ofSeconds(120),
                    Duration.ofSeconds(2));
            // Change detectors write records of their own besides the window checks.
            final long windowMetrics = driftMetrics.stream().filter(metric -> !isDetector(metric.getThresholdSource()))
                    .count();
            assertThat(windowMetrics).as("window drift metrics of %d windows in %s mode", WINDOWS, mode)
                    .isEqualTo(expectedMetrics);
            final List<DriftAlert> alerts = TopicReader.read(broker.bootstrapServers(), topics.alerts(), 1,
                    new AvroDeserializer<>(DriftAlert.class, registry), 1, Duration.ofSeconds(30), Duration.ofSeconds(3));
            final List<byte[]> inputRecords = readAll(topics.inferences(), EVENTS);
            final List<byte[]> deadLetters = readAll(topics.deadLetters(), 0);
            return new Outcome(summary, dump, driftMetrics, alerts, inputRecords, deadLetters.size(),
                    counter(metrics, "momo_events_processed"), counter(metrics, "momo_events_rejected"));
        }
    }

    /** Writes the reference table with the script in csv mode and builds the profile from it. */
    private static ReferenceProfile buildReference() throws Exception {
        final Path table = dir.resolve("reference.csv");
        runScript(List.of("--mode", "csv", "--events", String.valueOf(REFERENCE_ROWS),
                "--seed", String.valueOf(REFERENCE_SEED), "--out", table.toString()));
        // A strict level keeps chance flags away. At the default 0.05 without correction, the prediction's
        // p-values in windows 2 and 3 (0.026 and 0.032 by SciPy 1.17.1 ks_2samp on the script's csv output)
        // open an alert before the drift. The strict level misses no drift, because SciPy gives p-values
        // below 1e-28 for amount and channel in every drifted window.
        final ProfileOptions options = new ProfileOptions(MODEL_ID, "1", null, "prediction", null, null, Set.of(),
                Set.of(), Set.of(), WINDOW, ProfileOptions.DEFAULT_BINS, 2000, ProfileOptions.DEFAULT_THRESHOLD_STD_MULTIPLIER,
                BinningRule.QUANTILE, Map.of(), ThresholdMode.FIXED, ALPHA, PValueCorrection.BONFERRONI, null,
                CheckSettings.DEFAULT_EPSILON, ChunkReference.REST, null, Map.of());
        return new ProfileBuilder(options).build(CsvTable.read(table), chunk -> { });
    }

    /** Runs produce.js with {@code arguments} and returns its stdout. Fails with its stderr unless it exits with 0. */
    private static String runScript(final List<String> arguments) throws Exception {
        final List<String> command = new ArrayList<>(List.of(node, NODE_PROJECT.resolve("produce.js").toString()));
        command.addAll(arguments);
        final ProcessResult result = run(command, NODE_TIMEOUT);
        assertThat(result.exitCode()).as("exit code of %s; stderr:%n%s", command, result.stderr()).isZero();
        return result.stdout();
    }

    /** Runs {@code npm ci} in interop/node unless an install has completed there. */
    private static void installModulesIfMissing() throws Exception {
        // npm 7 and later write this hidden lockfile once they have installed the tree, so a failed install
        // leaves none behind.
        if (Files.isRegularFile(NODE_PROJECT.resolve("node_modules/.package-lock.json"))) {
            return;
        }
        final List<String> command = List.of("npm", "ci", "--no-audit", "--no-fund");
        final ProcessResult result;
        try {
            result = run(command, NPM_TIMEOUT, NODE_PROJECT);
        } catch (IOException e) {
            throw new AssertionError("node is installed but npm is not on the PATH, so the packages of " + NODE_PROJECT
                    + " cannot be installed. Install npm, or run 'npm ci' there on a machine that has it.", e);
        }
        assertThat(result.exitCode()).as("'npm ci' in %s failed. It downloads kafkajs and"
                + " @kafkajs/confluent-schema-registry from the npm registry, so this machine must reach"
                + " https://registry.npmjs.org (or the registry npm is configured for). npm output:%n%s%s",
                NODE_PROJECT, result.stdout(), result.stderr()).isZero();
    }

    /** Returns the {@code node} executable on the PATH, or null when there is none. */
    private static String findNode() throws InterruptedException {
        try {
            final ProcessResult version = run(List.of("node", "--version"), Duration.ofSeconds(30));
            return version.exitCode() == 0 ? "node" : null;
        } catch (IOException e) {
            return null;
        }
    }

    private record ProcessResult(int exitCode, String stdout, String stderr) {
    }

    private static ProcessResult run(final List<String> command, final Duration timeout)
            throws IOException, InterruptedException {
        return run(command, timeout, ROOT);
    }

    /**
     * Runs {@code command} in {@code workingDir} with its output in files, so that a full pipe cannot
     * block it, and destroys it when it outlives {@code timeout}.
     *
     * @throws IOException if the executable cannot be started
     */
    private static ProcessResult run(final List<String> command, final Duration timeout, final Path workingDir)
            throws IOException, InterruptedException {
        final Path stdout = Files.createTempFile(dir, "stdout", ".txt");
        final Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        final Process process = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError(command + " timed out after " + timeout.toSeconds() + " s and was destroyed."
                        + " stderr:\n" + Files.readString(stderr, StandardCharsets.UTF_8));
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        return new ProcessResult(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private static Topics topics(final String prefix) {
        final Topics d = Topics.DEFAULTS;
        return new Topics(prefix + "." + d.inferences(), prefix + "." + d.labels(), prefix + "." + d.references(),
                prefix + "." + d.driftMetrics(), prefix + "." + d.alerts(), prefix + "." + d.deadLetters());
    }

    /**
     * Reads the committed record values of a one-partition topic: until {@code expected} arrived, then 2 s
     * longer, so that records beyond the expected count show up too.
     */
    private static List<byte[]> readAll(final String topic, final int expected) {
        return TopicReader.read(broker.bootstrapServers(), topic, 1, new ByteArrayDeserializer(), expected,
                Duration.ofSeconds(30), Duration.ofSeconds(2));
    }

    /** Returns the windows in which at least one check of {@code feature} drifted, data-quality rates included. */
    private static Set<Long> driftedWindows(final List<DriftMetric> metrics, final String feature) {
        final Set<Long> windows = new TreeSet<>();
        for (final DriftMetric metric : metrics) {
            if (metric.getFeature().equals(feature) && metric.getDrifted()) {
                windows.add(metric.getWindowIndex());
            }
        }
        return windows;
    }

    /**
     * Returns the event's fields with every feature number as a double. JSON gives an integral amount
     * such as 120 as a long and the avro mode writes it to the double branch, but Momo treats both as
     * the same numeric value.
     */
    private static Map<String, Object> comparable(final InferenceEvent event) {
        final Map<String, Object> features = new LinkedHashMap<>();
        event.getFeatures().forEach((name, value) -> features.put(name,
                value instanceof Number number ? (Object) number.doubleValue() : value));
        final Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("eventId", event.getEventId());
        fields.put("modelId", event.getModelId());
        fields.put("modelVersion", event.getModelVersion());
        fields.put("eventTime", event.getEventTime());
        fields.put("features", features);
        fields.put("prediction", event.getPrediction());
        fields.put("probabilities", event.getProbabilities());
        fields.put("segments", event.getSegments());
        return fields;
    }

    private static boolean isDetector(final String thresholdSource) {
        return "detector".equals(thresholdSource);
    }

    /** Returns the sum of a Momo counter over all its label values. */
    private static double counter(final MomoMetrics metrics, final String name) {
        return metrics.registry().scrape().stream()
                .filter(snapshot -> snapshot.getMetadata().getName().equals(name))
                .flatMap(snapshot -> ((CounterSnapshot) snapshot).getDataPoints().stream())
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
                .sum();
    }
}
