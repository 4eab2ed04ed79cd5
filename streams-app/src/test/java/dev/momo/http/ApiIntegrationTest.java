package dev.momo.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.momo.embedded.EmbeddedKafkaBroker;
import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import dev.momo.schema.DistributionBin;
import dev.momo.schema.DriftAlert;
import dev.momo.schema.DriftMetric;
import dev.momo.testing.OpenApiSchemas;
import dev.momo.serde.AvroSerializer;
import dev.momo.serde.SchemaRegistries;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.testing.AlertRecords;
import dev.momo.topology.AlertView;
import dev.momo.topology.MetricView;
import dev.momo.topology.MomoTopology;
import dev.momo.topology.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Kafka Streams instances of one application id in this JVM, on the embedded broker, each with its own
 * state directory and API server on 127.0.0.1, both requiring one bearer token. The alerts and drift-metrics
 * topics have 4 partitions, so each instance stores part of the alerts and metrics. Every response must
 * nevertheless be complete and the same on both instances. Then one instance's server stops (the response
 * becomes partial), and then its Kafka Streams (the other instance takes over its partitions and the response
 * is complete again).
 */
class ApiIntegrationTest {

    private static final String APPLICATION_ID = "api-it";
    private static final String TOKEN = "it-token-0123456789abcdef";
    private static final String VERSION = "v1";
    private static final long WINDOW_MILLIS = 10_000;
    private static final int WINDOWS = 5;
    private static final Topics TOPICS = Topics.DEFAULTS;
    private static final int PARTITIONS = 4;
    private static final long START = 1_709_294_400_000L;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /**
     * Model ids: plain, with a slash, a space, a plus sign and non-ASCII letters, which travel percent-encoded.
     * Their murmur2 hashes (Kafka's default partitioner) put them on all 4 partitions, so each instance owns some.
     */
    private static final List<String> MODELS = List.of("fraud", "churn", "credit/eu", "ranking v2", "precio+ñ",
            "ltv", "spam", "propensity");
    private static final List<String> QUERIES = List.of("", "state=open", "state=resolved", "state=all",
            "severity=critical", "state=all&severity=warning", "state=all&limit=2");

    @TempDir
    Path tempDir;

    private final List<Instance> instances = new ArrayList<>();
    private final Map<String, List<DriftAlert>> published = new LinkedHashMap<>();
    private SchemaRegistryClient registry;
    private EmbeddedKafkaBroker broker;

    @AfterEach
    void stop() {
        instances.forEach(Instance::close);
        if (broker != null) {
            broker.close();
        }
        SchemaRegistries.dropScope(APPLICATION_ID);
    }

    @Test
    void twoInstances_answerCompletelyAndAlike_thenPartially() throws Exception {
        registry = SchemaRegistries.forUrl("mock://" + APPLICATION_ID);
        broker = EmbeddedKafkaBroker.start();
        broker.createTopic(TOPICS.alerts(), PARTITIONS, Map.of());
        broker.createTopic(TOPICS.driftMetrics(), PARTITIONS, Map.of());
        broker.createTopic(TOPICS.references(), 1, Map.of("cleanup.policy", "compact"));

        final Instance first = startInstance("first");
        final Instance second = startInstance("second");
        awaitBalanced();
        publish();
        publishMetrics();
        awaitAllRecords(first);

        // Both instances own alert partitions, and the models live on both, so responses need forwarding.
        final Set<HostInfo> owners = new HashSet<>();
        for (final String model : MODELS) {
            owners.add(first.streams.queryMetadataForKey(AlertView.STORE, model, new StringSerializer()).activeHost());
        }
        assertThat(owners).containsExactlyInAnyOrder(first.host(), second.host());

        for (final String query : QUERIES) {
            final JsonNode fromFirst = getOk(first, "/api/alerts", query);
            assertThat(getOk(second, "/api/alerts", query)).as("/api/alerts?%s", query).isEqualTo(fromFirst);
            assertPage(fromFirst, expectedAll(query), "/api/alerts?" + query);

            for (final String model : MODELS) {
                final String path = "/api/models/" + PathSegments.encode(model) + "/alerts";
                final JsonNode modelPage = getOk(first, path, query);
                assertThat(getOk(second, path, query)).as("%s?%s", path, query).isEqualTo(modelPage);
                assertPage(modelPage, expected(model, query), path + "?" + query);
                final String withModel = (query.isEmpty() ? "" : query + "&") + "model=" + PathSegments.encode(model);
                assertThat(getOk(second, "/api/alerts", withModel)).as("/api/alerts?%s", withModel).isEqualTo(modelPage);
            }
        }

        assertModelRoutes(first, second);
        assertErrors(first);
        assertErrors(second);
        assertTokenRequired(first);
        assertPartialAfterServerStops(first, second);
        assertCompleteAfterInstanceLeaves(first, second);
    }

    private void assertErrors(final Instance instance) throws Exception {
        final Reply unknown = get(instance, "/api/models/nope/alerts", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("error").asText()).contains("'nope'").contains("no reference profile");

        final JsonNode referenceOnly = getOk(instance, "/api/models/ref-only/alerts", "state=all");
        assertThat(referenceOnly.get("alerts")).isEmpty();
        assertThat(referenceOnly.get("partial").asBoolean()).isFalse();

        final Reply badState = get(instance, "/api/alerts", "state=closed");
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.body().get("error").asText()).contains("'closed'");

        final Reply badLimit = get(instance, "/api/models/fraud/alerts", "limit=5000");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.body().get("error").asText()).contains("'5000'").contains("1 to 1000");

        final HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(instance.uri("/api/alerts", ""))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    /**
     * Publishes five 10-second windows per model, as the topology writes them: feature x, whose PSI
     * (threshold 0.1) jumps from 0.05 to 0.3 in window 3, with its distribution on the PSI record; its
     * missing rate over 1000 events per window (100 events/s); the data-set share; realized and estimated
     * accuracy; and one ADWIN detection on x in window 3.
     */
    private void publishMetrics() {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer());
             AvroSerializer<DriftMetric> serializer = new AvroSerializer<>(registry)) {
            for (final String model : MODELS) {
                for (int window = 0; window < WINDOWS; window++) {
                    final boolean drifted = window >= 3;
                    final List<DriftMetric> records = new ArrayList<>();
                    final DriftMetric psi = metric(model, window, "x", "psi", drifted ? 0.3 : 0.05, 0.1, "reference_chunks");
                    psi.setDistribution(List.of(new DistributionBin("< 0", 0.5, drifted ? 0.2 : 0.5),
                            new DistributionBin("> 0", 0.5, drifted ? 0.8 : 0.5)));
                    records.add(psi);
                    records.add(metric(model, window, "x", "missing_rate", 0.0, 0.05, "fixed"));
                    records.add(metric(model, window, "dataset", "drifted_feature_share", drifted ? 1.0 : 0.0, 0.5,
                            "fixed"));
                    records.add(metric(model, window, "performance", "accuracy", 0.9 - window * 0.01, 0.87,
                            "reference_chunks_lower"));
                    records.add(metric(model, window, "performance", "estimated_accuracy", 0.91, 0.85,
                            "reference_chunks_lower"));
                    if (window == 3) {
                        records.add(metric(model, window, "x", "adwin", 0.31, Double.NaN, "detector"));
                    }
                    for (final DriftMetric record : records) {
                        producer.send(new ProducerRecord<>(TOPICS.driftMetrics(), model,
                                serializer.serialize(TOPICS.driftMetrics(), record)));
                    }
                }
            }
            producer.flush();
        }
    }

    private static DriftMetric metric(final String model, final int window, final String feature,
                                      final String statistic, final double value, final double threshold,
                                      final String source) {
        final long start = START + window * WINDOW_MILLIS;
        return DriftMetric.newBuilder().setModelId(model).setModelVersion(VERSION).setFeature(feature)
                .setStatistic(statistic).setWindowIndex(start / WINDOW_MILLIS)
                .setWindowStart(java.time.Instant.ofEpochMilli(start))
                .setWindowEnd(java.time.Instant.ofEpochMilli(start + WINDOW_MILLIS)).setInputPartition(null)
                .setSampleSize(1000).setReferenceSize(5000).setValue(value).setThreshold(threshold)
                .setThresholdSource(source).setPValue(null)
                .setDrifted("reference_chunks_lower".equals(source) ? value < threshold
                        : "detector".equals(source) || value > threshold)
                .setReferenceValue(feature.equals("performance") ? 0.9 : null)
                .setComputedAt(java.time.Instant.ofEpochMilli(start + WINDOW_MILLIS + 500)).build();
    }

    /** The model routes answer alike on both instances, whichever holds the model, and as the OpenAPI document says. */
    private void assertModelRoutes(final Instance first, final Instance second) throws Exception {
        await("every model's five windows in the metric view", () -> {
            for (final String model : MODELS) {
                final Reply page = get(first, "/api/models/" + PathSegments.encode(model) + "/versions/" + VERSION
                        + "/features/x", "");
                if (page.status() != 200 || page.body().path("statistics").size() < 2
                        || page.body().path("statistics").get(0).path("points").size() < WINDOWS) {
                    return false;
                }
            }
            return true;
        });
        final JsonNode models = getOk(first, "/api/models", "");
        assertThat(getOk(second, "/api/models", "")).isEqualTo(models);
        assertThat(OpenApiSchemas.violations(models, "ModelsPage")).isEmpty();
        assertThat(texts(models.get("models"), "model")).containsExactlyElementsOf(
                java.util.stream.Stream.concat(MODELS.stream(), java.util.stream.Stream.of("ref-only")).sorted().toList());

        for (final String model : MODELS) {
            final String base = "/api/models/" + PathSegments.encode(model);
            final JsonNode version = getOk(first, base + "/versions/" + VERSION, "");
            assertThat(getOk(second, base + "/versions/" + VERSION, "")).as(model).isEqualTo(version);
            assertThat(OpenApiSchemas.violations(version, "VersionPage")).as(model).isEmpty();
            assertThat(version.get("status").asText()).as(model).isEqualTo(expectedStatus(model));
            assertThat(version.get("eventsPerSecond").asDouble()).as(model).isEqualTo(100.0);
            assertThat(version.get("lastEventTime").asText()).isEqualTo(
                    java.time.Instant.ofEpochMilli(START + WINDOWS * WINDOW_MILLIS).toString());
            assertThat(version.get("dataset")).hasSize(WINDOWS);
            assertThat(version.get("alerts")).hasSize(expected(model, "state=all").size());
            final JsonNode x = version.get("features").get(0);
            assertThat(x.get("feature").asText()).isEqualTo("x");
            assertThat(x.get("status").asText()).isEqualTo("drifted");
            assertThat(x.get("score").asDouble()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(x.get("worstStatistic").asText()).isEqualTo("psi");
            assertThat(x.get("missingRate").asDouble()).isZero();

            final JsonNode feature = getOk(second, base + "/versions/" + VERSION + "/features/x", "");
            assertThat(getOk(first, base + "/versions/" + VERSION + "/features/x", "")).isEqualTo(feature);
            assertThat(OpenApiSchemas.violations(feature, "FeaturePage")).as(model).isEmpty();
            assertThat(texts(feature.get("statistics"), "statistic")).containsExactly("missing_rate", "psi");
            assertThat(feature.get("statistics").get(1).get("points").findValuesAsText("value"))
                    .containsExactly("0.05", "0.05", "0.05", "0.3", "0.3");
            assertThat(feature.get("detectors").get(0).get("detector").asText()).isEqualTo("adwin");
            assertThat(feature.get("detectors").get(0).get("points")).hasSize(1);
            assertThat(feature.get("distribution").get("bins").findValuesAsText("current")).containsExactly("0.2", "0.8");

            final JsonNode performance = getOk(first, base + "/performance", "version=" + VERSION);
            assertThat(OpenApiSchemas.violations(performance, "PerformancePage")).as(model).isEmpty();
            final JsonNode metrics = performance.get("versions").get(0).get("metrics");
            assertThat(texts(metrics, "kind")).containsExactly("realized", "estimated");
            assertThat(texts(metrics, "metric")).containsExactly("accuracy", "accuracy");
            assertThat(metrics.get(0).get("latest").get("drifted").asBoolean()).isTrue();
        }

        final Reply unknownVersion = get(second, "/api/models/fraud/versions/v9", "");
        assertThat(unknownVersion.status()).isEqualTo(404);
        assertThat(unknownVersion.body().get("error").asText()).contains("'v9'").contains("[v1]");
        final Reply unknownFeature = get(first, "/api/models/churn/versions/v1/features/nope", "");
        assertThat(unknownFeature.status()).isEqualTo(404);
        assertThat(unknownFeature.body().get("error").asText()).contains("'nope'").contains("x");
        final Reply unknownModel = get(first, "/api/models/nope/performance", "");
        assertThat(unknownModel.status()).isEqualTo(404);
        final Reply badParameter = get(first, "/api/models/fraud/versions/v1", "sort=psi");
        assertThat(badParameter.status()).isEqualTo(400);
        assertThat(badParameter.body().get("error").asText()).contains("sort");
    }

    /** Status of a model's version from its published alerts: the worst severity among the open ones. */
    private String expectedStatus(final String model) {
        String status = "ok";
        for (final List<DriftAlert> records : expected(model, "state=open")) {
            final DriftAlert latest = records.get(records.size() - 1);
            if (latest.getSeverity() == AlertSeverity.CRITICAL) {
                return "critical";
            }
            status = "warning";
        }
        return status;
    }

    /** Without the token every API path is 401 on every instance; the OpenAPI document and console files are not. */
    private void assertTokenRequired(final Instance instance) throws Exception {
        for (final String path : List.of("/api/alerts", "/api/models", "/api/models/fraud/versions/v1")) {
            final HttpResponse<String> refused = CLIENT.send(HttpRequest.newBuilder(instance.uri(path, "")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"momo\"");
            assertThat(refused.body()).contains(HttpSettings.TOKEN_KEY).doesNotContain(TOKEN);
            final HttpResponse<String> wrong = CLIENT.send(HttpRequest.newBuilder(instance.uri(path, ""))
                    .header("Authorization", "Bearer " + TOKEN + "x").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).as(path).isEqualTo(401);
        }
        final HttpResponse<String> document = CLIENT.send(HttpRequest.newBuilder(instance.uri("/api/openapi.json", ""))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("\"openapi\": \"3.1.0\"");
    }

    private void assertPartialAfterServerStops(final Instance first, final Instance second) throws Exception {
        second.server.close();
        final String unavailable = second.host().host() + ":" + second.host().port();

        final JsonNode all = getOk(first, "/api/alerts", "state=all&limit=1000");
        assertThat(all.get("partial").asBoolean()).isTrue();
        assertThat(texts(all.get("unavailable"))).containsExactly(unavailable);
        final List<String> localModels = new ArrayList<>();
        for (final String model : MODELS) {
            if (first.streams.queryMetadataForKey(AlertView.STORE, model, new StringSerializer()).activeHost()
                    .equals(first.host())) {
                localModels.add(model);
            }
        }
        assertPage(all, expected(localModels::contains, "state=all&limit=1000"), "partial /api/alerts");

        for (final String model : MODELS) {
            final JsonNode page = getOk(first, "/api/models/" + PathSegments.encode(model) + "/alerts", "state=all");
            if (localModels.contains(model)) {
                assertThat(page.get("partial").asBoolean()).as(model).isFalse();
                assertThat(page.get("alerts")).as(model).hasSize(expected(model, "state=all").size());
            } else {
                assertThat(page.get("partial").asBoolean()).as(model).isTrue();
                assertThat(texts(page.get("unavailable"))).as(model).containsExactly(unavailable);
                assertThat(page.get("alerts")).as(model).isEmpty();
            }
        }
    }

    private void assertCompleteAfterInstanceLeaves(final Instance first, final Instance second) throws Exception {
        second.close();

        await("the first instance to answer for every model alone", () -> {
            final Reply answer = get(first, "/api/alerts", "state=all&limit=1000");
            return answer.status() == 200 && !answer.body().get("partial").asBoolean()
                    && answer.body().get("alerts").size() == published.size();
        });
        assertPage(getOk(first, "/api/alerts", "state=all&limit=1000"), expectedAll("state=all&limit=1000"),
                "/api/alerts after the second instance left");
    }

    private Instance startInstance(final String name) throws IOException {
        final int port = freePort();
        final HttpSettings settings = new HttpSettings("127.0.0.1", port, new HostInfo("127.0.0.1", port), TOKEN);
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(tempDir.resolve(name)).toString());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.applicationServer());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");

        final KafkaStreams streams = new KafkaStreams(topology(), props);
        final AlertRoutes alerts = new AlertRoutes(streams, settings);
        final List<ApiRoute> routes = new ArrayList<>(alerts.routes());
        routes.addAll(new ModelRoutes(streams, settings, alerts).routes());
        final ApiServer server = new ApiServer(settings, routes);
        final Instance instance = new Instance(streams, server, settings);
        instances.add(instance);
        server.start();
        streams.start();
        return instance;
    }

    /** Builds the alert view and, for the 404 check, the global reference store as MomoTopology builds it. */
    private StreamsBuilder topologyBuilder() {
        final StreamsBuilder builder = new StreamsBuilder();
        MomoTopology.addReferences(builder, TOPICS);
        AlertView.addTo(builder, TOPICS, registry, alert -> { });
        MetricView.addTo(builder, TOPICS, registry, MetricView.DEFAULT_RETENTION);
        return builder;
    }

    private org.apache.kafka.streams.Topology topology() {
        return topologyBuilder().build();
    }

    private void awaitBalanced() {
        await("both instances RUNNING with alert partitions each", () -> {
            for (final Instance instance : instances) {
                if (instance.streams.state() != KafkaStreams.State.RUNNING) {
                    return false;
                }
            }
            final var clients = instances.get(0).streams.streamsMetadataForStore(AlertView.STORE);
            return clients.size() == 2 && clients.stream().allMatch(client -> !client.topicPartitions().isEmpty());
        });
    }

    /** Publishes 2 to 3 alerts per model with OPENED, UPDATED and RESOLVED records, and one reference. */
    private void publish() {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer());
             AvroSerializer<DriftAlert> serializer = new AvroSerializer<>(registry)) {
            long minute = 0;
            for (int m = 0; m < MODELS.size(); m++) {
                final String model = MODELS.get(m);
                final List<List<DriftAlert>> alerts = new ArrayList<>();
                alerts.add(lifecycle(model + "-resolved", model, m % 2 == 0, minute += 3, true));
                alerts.add(lifecycle(model + "-open", model, m % 3 == 0, minute += 3, false));
                if (m % 2 == 1) {
                    alerts.add(lifecycle(model + "-warning", model, false, minute += 3, false));
                }
                for (final List<DriftAlert> records : alerts) {
                    for (final DriftAlert record : records) {
                        published.computeIfAbsent(model + '\u0000' + record.getAlertId(), key -> new ArrayList<>())
                                .add(record);
                        producer.send(new ProducerRecord<>(TOPICS.alerts(), model,
                                serializer.serialize(TOPICS.alerts(), record)));
                    }
                }
            }
            producer.send(new ProducerRecord<>(TOPICS.references(), "ref-only/v1", new byte[] {1}));
            producer.flush();
        }
    }

    /** Returns OPENED, then UPDATED and, if {@code resolve}, RESOLVED records of one alert, a minute apart. */
    private static List<DriftAlert> lifecycle(final String alertId, final String model, final boolean critical,
                                              final long minute, final boolean resolve) {
        final AlertSeverity severity = critical ? AlertSeverity.CRITICAL : AlertSeverity.WARNING;
        final List<DriftAlert> records = new ArrayList<>();
        records.add(AlertRecords.alert(alertId, model, AlertState.OPENED, AlertSeverity.WARNING, START + minute * 60_000));
        records.add(AlertRecords.alert(alertId, model, AlertState.UPDATED, severity, START + (minute + 1) * 60_000));
        if (resolve) {
            records.add(AlertRecords.alert(alertId, model, AlertState.RESOLVED, severity, START + (minute + 2) * 60_000));
        }
        return records;
    }

    private void awaitAllRecords(final Instance instance) {
        final int records = published.values().stream().mapToInt(List::size).sum();
        await("all " + records + " alert records in the stores", () -> {
            final Reply answer = get(instance, "/api/alerts", "state=all&limit=1000");
            if (answer.status() != 200 || answer.body().get("partial").asBoolean()) {
                return false;
            }
            int stored = 0;
            for (final JsonNode alert : answer.body().get("alerts")) {
                stored += alert.get("history").size();
            }
            return stored == records;
        });
    }

    /** Returns the expected alerts of one model's page, newest first, as the published records of each alert. */
    private List<List<DriftAlert>> expected(final String model, final String query) {
        return expected(model::equals, query);
    }

    private List<List<DriftAlert>> expectedAll(final String query) {
        return expected(candidate -> true, query);
    }

    private List<List<DriftAlert>> expected(final Predicate<String> modelFilter, final String query) {
        final AlertFilter filter = AlertFilter.forAllModels(QueryParameters.parse(query));
        return published.values().stream()
                .filter(records -> modelFilter.test(records.get(0).getModelId()))
                .filter(records -> filter.matches(records.get(records.size() - 1)))
                .sorted(Comparator.comparing((List<DriftAlert> records) -> records.get(records.size() - 1).getUpdatedAt())
                        .reversed())
                .limit(filter.limit())
                .toList();
    }

    private static void assertPage(final JsonNode page, final List<List<DriftAlert>> expected, final String request) {
        assertThat(page.get("partial").isBoolean()).as(request).isTrue();
        final List<String> ids = new ArrayList<>();
        page.get("alerts").forEach(alert -> ids.add(alert.get("modelId").asText() + "/" + alert.get("alertId").asText()));
        assertThat(ids).as(request).containsExactlyElementsOf(expected.stream()
                .map(records -> records.get(0).getModelId() + "/" + records.get(0).getAlertId()).toList());
        for (int i = 0; i < expected.size(); i++) {
            final JsonNode alert = page.get("alerts").get(i);
            final List<DriftAlert> records = expected.get(i);
            final DriftAlert latest = records.get(records.size() - 1);
            assertThat(alert.get("state").asText()).as(request).isEqualTo(latest.getState().name());
            assertThat(alert.get("severity").asText()).as(request).isEqualTo(latest.getSeverity().name());
            assertThat(alert.get("updatedAt").asText()).as(request).isEqualTo(latest.getUpdatedAt().toString());
            assertThat(texts(alert.get("history"), "state")).as(request)
                    .containsExactlyElementsOf(records.stream().map(record -> record.getState().name()).toList());
            assertThat(alert.get("historyOmitted").asLong()).as(request).isZero();
        }
    }

    private JsonNode getOk(final Instance instance, final String path, final String query) throws Exception {
        final Reply answer = get(instance, path, query);
        assertThat(answer.status()).as("%s?%s: %s", path, query, answer.body()).isEqualTo(200);
        assertThat(answer.body().get("partial")).as("%s?%s", path, query).isNotNull();
        return answer.body();
    }

    private static Reply get(final Instance instance, final String path, final String query) throws Exception {
        final HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(instance.uri(path, query)).GET()
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        return new Reply(response.statusCode(), JSON.readTree(response.body()));
    }

    private static List<String> texts(final JsonNode array) {
        final List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> texts(final JsonNode array, final String field) {
        final List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.get(field).asText()));
        return texts;
    }

    private static void await(final String condition, final Check check) {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.passes()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            sleep();
        }
        throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + condition, last);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean passes() throws Exception;
    }

    private record Reply(int status, JsonNode body) {
    }

    /** One application instance: its Kafka Streams client and its API server. */
    private static final class Instance implements AutoCloseable {
        private final KafkaStreams streams;
        private final ApiServer server;
        private final HttpSettings settings;
        private boolean closed;

        Instance(final KafkaStreams streams, final ApiServer server, final HttpSettings settings) {
            this.streams = streams;
            this.server = server;
            this.settings = settings;
        }

        HostInfo host() {
            return settings.advertised();
        }

        URI uri(final String path, final String query) {
            return URI.create("http://127.0.0.1:" + settings.port() + path + (query.isEmpty() ? "" : "?" + query));
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            server.close();
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
        }
    }

}
