package dev.momo.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.ColumnRole;
import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.DriftMetric;
import dev.momo.topology.DetectorProcessor;
import dev.momo.view.VersionActivity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** JSON pages of the model routes; see {@link ModelRoutes} and the OpenAPI document for their shape. */
final class ModelJson {

    /** Statistic of the data-set drift share on the subject {@value MetricJson#DATASET}. */
    static final String DATASET_CHECK = "drifted_feature_share";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String CRITICAL = "critical";
    private static final String WARNING = "warning";

    private ModelJson() {
    }

    /** Model, version and traffic of a version; the traffic fields are null without activity. */
    static ObjectNode activity(final String model, final String version, final VersionActivity activity) {
        final ObjectNode node = NODES.objectNode();
        node.put("model", model);
        node.put("version", version);
        MetricJson.putNumber(node, "eventsPerSecond", activity == null ? null : activity.eventsPerSecond());
        MetricJson.putTime(node, "lastEventTime", activity == null ? null : activity.lastWindowEnd());
        MetricJson.putTime(node, "lastComputedAt", activity == null ? null : activity.lastComputedAt());
        MetricJson.putTime(node, "firstComputedAt", activity == null ? null : activity.firstComputedAt());
        return node;
    }

    /** Groups latest records by feature, leaving out the data-set share and the performance metrics. */
    static Map<String, List<DriftMetric>> byFeature(final List<DriftMetric> latest) {
        final Map<String, List<DriftMetric>> byFeature = new TreeMap<>();
        for (final DriftMetric metric : latest) {
            if (!MetricJson.DATASET.equals(metric.getFeature()) && !MetricJson.PERFORMANCE.equals(metric.getFeature())) {
                byFeature.computeIfAbsent(metric.getFeature(), name -> new ArrayList<>()).add(metric);
            }
        }
        return byFeature;
    }

    /**
     * Returns whether a window check of the subject drifted. Detections of streaming detectors do not count: their
     * latest record stays drifted until the next detection, however long ago it was.
     */
    static boolean anyDrifted(final List<DriftMetric> checks) {
        return checks.stream().anyMatch(metric -> metric.getDrifted() && !isDetection(metric));
    }

    /** Returns whether only streaming detectors watch the subject, as they do the error and loss signals. */
    static boolean detectorsOnly(final List<DriftMetric> checks) {
        return !checks.isEmpty() && checks.stream().allMatch(ModelJson::isDetection);
    }

    /** Returns whether the profile names the column a prediction or probability: an output of the model, not an input. */
    static boolean isOutput(final ReferenceProfile profile, final String column) {
        return profile != null && profile.column(column).map(c -> c.role() != ColumnRole.FEATURE).orElse(false);
    }

    private static boolean isOpen(final JsonNode alert) {
        return !"RESOLVED".equals(alert.path("state").asText());
    }

    private static boolean isDetection(final DriftMetric metric) {
        return DetectorProcessor.THRESHOLD_SOURCE.equals(metric.getThresholdSource());
    }

    /**
     * Puts {@code status}, {@code openAlerts} and {@code openAlertsBySeverity}, from the open ones among
     * {@code alerts}.
     */
    static void putStatus(final ObjectNode node, final boolean hasWindows, final List<JsonNode> alerts) {
        int warning = 0;
        int critical = 0;
        for (final JsonNode alert : alerts) {
            if (isOpen(alert)) {
                if ("CRITICAL".equals(alert.path("severity").asText())) {
                    critical++;
                } else {
                    warning++;
                }
            }
        }
        final String status;
        if (critical > 0) {
            status = CRITICAL;
        } else if (warning > 0) {
            status = WARNING;
        } else {
            status = hasWindows ? "ok" : "no_data";
        }
        node.put("status", status);
        node.put("openAlerts", warning + critical);
        final ObjectNode bySeverity = node.putObject("openAlertsBySeverity");
        bySeverity.put(WARNING, warning);
        bySeverity.put(CRITICAL, critical);
    }

    /** Source, rows and creation time of a reference profile, or JSON null. */
    static JsonNode reference(final ReferenceProfile profile) {
        if (profile == null) {
            return NODES.nullNode();
        }
        final ObjectNode node = NODES.objectNode();
        node.put("source", profile.source());
        node.put("rows", profile.rows());
        MetricJson.putTime(node, "createdAt", profile.createdAt());
        return node;
    }

    /** Returns the profile's columns in file order, then the other features seen, in name order. */
    static List<String> featureOrder(final ReferenceProfile profile, final Collection<String> seen) {
        final Set<String> order = new LinkedHashSet<>();
        if (profile != null) {
            profile.columns().forEach(column -> order.add(column.name()));
        }
        order.addAll(new TreeSet<>(seen));
        return List.copyOf(order);
    }

    /**
     * One feature: its role and kind from the profile ({@code signal} for a subject outside the profile that
     * only detectors watch), its status ({@code drifted} when a latest window check drifted, or for a signal
     * while it has open alerts; {@code ok}; {@code no_data}), its score and worst check (see
     * {@link MetricJson#score}), open alerts, the latest checks, and its latest missing and unseen shares.
     */
    static ObjectNode featureRow(final String feature, final ReferenceProfile profile, final List<DriftMetric> latest,
                                 final List<JsonNode> alerts) {
        final ObjectNode node = NODES.objectNode();
        node.put("feature", feature);
        final ColumnProfile column = profile == null ? null : profile.column(feature).orElse(null);
        final boolean signal = column == null && detectorsOnly(latest);
        final long openAlerts = alerts.stream().filter(ModelJson::isOpen).count();
        final String role;
        if (column != null) {
            role = column.role().name().toLowerCase(Locale.ROOT);
        } else {
            role = signal ? "signal" : "unknown";
        }
        node.put("role", role);
        node.put("kind", column == null ? "unknown" : column.kind().name().toLowerCase(Locale.ROOT));
        final boolean drifted = signal ? openAlerts > 0 : anyDrifted(latest);
        if (latest.isEmpty()) {
            node.put("status", "no_data");
        } else {
            node.put("status", drifted ? "drifted" : "ok");
        }
        DriftMetric worst = null;
        double worstScore = Double.NaN;
        for (final DriftMetric metric : latest) {
            final double score = MetricJson.score(metric);
            if (!Double.isNaN(score) && (worst == null || score > worstScore)) {
                worst = metric;
                worstScore = score;
            }
        }
        MetricJson.putNumber(node, "score", worstScore);
        if (worst == null) {
            node.putNull("worstStatistic");
        } else {
            node.put("worstStatistic", worst.getStatistic());
        }
        node.put("openAlerts", openAlerts);
        final ArrayNode statistics = node.putArray("statistics");
        latest.stream().sorted(java.util.Comparator.comparing(DriftMetric::getStatistic))
                .forEach(metric -> statistics.add(MetricJson.check(metric)));
        MetricJson.putNumber(node, "missingRate", valueOf(latest, "missing_rate"));
        MetricJson.putNumber(node, "unseenShare", valueOf(latest, "unseen_share"));
        return node;
    }

    /**
     * Replaces {@code statistics} with one series per check of the feature ({@code statistic}, {@code family},
     * {@code thresholdSource}, {@code latest}, {@code points}), and puts the detectors' series under
     * {@code detectors}.
     */
    static void putHistory(final ObjectNode page, final List<DriftMetric> history, final List<DriftMetric> latest) {
        final Map<String, List<DriftMetric>> byStatistic = new TreeMap<>();
        for (final DriftMetric metric : history) {
            byStatistic.computeIfAbsent(metric.getStatistic(), name -> new ArrayList<>()).add(metric);
        }
        final Map<String, DriftMetric> latestByStatistic = new LinkedHashMap<>();
        latest.forEach(metric -> latestByStatistic.put(metric.getStatistic(), metric));
        latestByStatistic.keySet().forEach(name -> byStatistic.computeIfAbsent(name, key -> new ArrayList<>()));

        final ArrayNode statistics = page.putArray("statistics");
        final ArrayNode detectors = page.putArray("detectors");
        byStatistic.forEach((name, records) -> {
            final DriftMetric last = latestByStatistic.getOrDefault(name,
                    records.stream().max(MetricJson.OLDEST_FIRST).orElseThrow());
            final String family = MetricJson.family(last);
            final ObjectNode series = "detector".equals(family) ? detectors.addObject() : statistics.addObject();
            series.put("detector".equals(family) ? "detector" : "statistic", name);
            series.put("family", family);
            series.put("thresholdSource", last.getThresholdSource());
            series.set("latest", MetricJson.check(last));
            series.set("points", MetricJson.points(records));
        });
    }

    /** One performance metric of a version over time, realized or estimated. */
    static ObjectNode performanceSeries(final String metric, final boolean estimated, final List<DriftMetric> records) {
        final ObjectNode node = NODES.objectNode();
        node.put("metric", metric);
        node.put("kind", estimated ? "estimated" : "realized");
        final DriftMetric last = records.stream().max(MetricJson.OLDEST_FIRST).orElseThrow();
        node.put("thresholdSource", last.getThresholdSource());
        MetricJson.putNumber(node, "referenceValue", last.getReferenceValue());
        node.set("latest", MetricJson.check(last));
        node.set("points", MetricJson.points(records));
        return node;
    }

    /**
     * The page of {@code GET /api/models}: the version summaries of every instance and the versions that
     * only have a reference profile, grouped by model in id order, each with its status from the open alerts.
     */
    static ObjectNode models(final List<JsonNode> versions, final List<String[]> referenced, final JsonNode openAlerts,
                             final List<String> unavailable) {
        final Map<String, Map<String, ObjectNode>> byModel = new TreeMap<>();
        for (final JsonNode version : versions) {
            final ObjectNode copy = version.deepCopy();
            copy.put("hasReference", false);
            copy.put("hasWindows", true);
            byModel.computeIfAbsent(version.path("model").asText(), model -> new TreeMap<>())
                    .putIfAbsent(version.path("version").asText(), copy);
        }
        for (final String[] modelVersion : referenced) {
            final Map<String, ObjectNode> known = byModel.computeIfAbsent(modelVersion[0], model -> new TreeMap<>());
            final ObjectNode entry = known.computeIfAbsent(modelVersion[1], version -> {
                final ObjectNode empty = activity(modelVersion[0], modelVersion[1], null);
                empty.put("features", 0);
                empty.put("driftedFeatures", 0);
                empty.put("hasWindows", false);
                return empty;
            });
            entry.put("hasReference", true);
        }
        final Map<String, List<JsonNode>> alertsByVersion = new LinkedHashMap<>();
        openAlerts.forEach(alert -> alertsByVersion.computeIfAbsent(alert.path("modelId").asText() + '\u0000'
                + alert.path("modelVersion").asText(), key -> new ArrayList<>()).add(alert));

        final ObjectNode page = NODES.objectNode();
        final ArrayNode models = page.putArray("models");
        byModel.forEach((model, byVersion) -> {
            final ObjectNode modelNode = models.addObject();
            modelNode.put("model", model);
            final ArrayNode list = modelNode.putArray("versions");
            final List<JsonNode> modelAlerts = new ArrayList<>();
            boolean anyWindows = false;
            for (final ObjectNode version : byVersion.values()) {
                final List<JsonNode> alerts = alertsByVersion.getOrDefault(model + '\u0000'
                        + version.path("version").asText(), List.of());
                final boolean hasWindows = version.remove("hasWindows").asBoolean();
                anyWindows |= hasWindows;
                putStatus(version, hasWindows, alerts);
                modelAlerts.addAll(alerts);
                list.add(version);
            }
            putStatus(modelNode, anyWindows, modelAlerts);
        });
        return withAvailability(page, unavailable);
    }

    /** Adds {@code partial} and {@code unavailable} (sorted) to a page. */
    static ObjectNode withAvailability(final ObjectNode page, final List<String> unavailable) {
        page.put("partial", !unavailable.isEmpty());
        final ArrayNode hosts = page.putArray("unavailable");
        unavailable.stream().distinct().sorted().forEach(hosts::add);
        return page;
    }

    private static Double valueOf(final List<DriftMetric> latest, final String statistic) {
        for (final DriftMetric metric : latest) {
            if (statistic.equals(metric.getStatistic())) {
                return metric.getValue();
            }
        }
        return null;
    }
}
