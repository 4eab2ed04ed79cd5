package dev.momo.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.momo.performance.MetricNames;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.DriftMetric;
import dev.momo.topology.MetricView;
import dev.momo.view.VersionActivity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model routes of the JSON API, read from the drift-metric view ({@value MetricView#STORE}), the
 * reference profiles and the alerts:
 * <ul>
 *   <li>{@code GET /api/models}: every model version with its status, open alerts and traffic. Each instance
 *       lists the versions of its own partitions; the one asked adds those of the others
 *       ({@code scope=local}), the versions that have a reference profile but no window yet, and the open
 *       alerts.</li>
 *   <li>{@code GET /api/models/{model}/versions/{version}}, {@code .../features/{feature}} and
 *       {@code GET /api/models/{model}/performance}: served by the instance that hosts the model id's
 *       partition of the view; any other instance forwards the request with {@code scope=local}.</li>
 * </ul>
 * A version's status is {@code critical} or {@code warning} after the worst severity of its open alerts,
 * {@code ok} when it has windows and no open alert, {@code no_data} before its first window.
 */
public final class ModelRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRoutes.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> SCOPE_ONLY = Set.of("scope");
    private static final Set<String> PERFORMANCE_PARAMETERS = Set.of("version", "scope");

    private final ModelLocator locator;
    private final LocalMetrics local;
    private final AlertRoutes alerts;
    private final InstanceClient client;

    /** Creates the routes of the instance that {@code settings} describe, with the default forwarding time-out. */
    public ModelRoutes(final KafkaStreams streams, final HttpSettings settings, final AlertRoutes alerts) {
        this(streams, settings.advertised(), alerts, InstanceClient.DEFAULT_TIMEOUT, settings.token());
    }

    ModelRoutes(final KafkaStreams streams, final HostInfo self, final AlertRoutes alerts, final Duration timeout,
                final String token) {
        this.locator = new ModelLocator(streams, self);
        this.local = new LocalMetrics(streams);
        this.alerts = alerts;
        this.client = new InstanceClient(timeout, token);
    }

    /** Returns the routes, for {@link ApiServer}. */
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/models", this::models),
                ApiRoute.get("/api/models/{model}/versions/{version}", this::version),
                ApiRoute.get("/api/models/{model}/versions/{version}/features/{feature}", this::feature),
                ApiRoute.get("/api/models/{model}/performance", this::performance));
    }

    // ---- GET /api/models

    private ApiResponse models(final ApiRequest request) {
        final boolean localScope = localScope(request, SCOPE_ONLY);
        final List<JsonNode> versions = new ArrayList<>();
        for (final LocalMetrics.Version version : local.versions(null, -1)) {
            versions.add(versionSummary(version.model(), version.version(), version.activity(), -1));
        }
        if (localScope) {
            final ObjectNode page = NODES.objectNode();
            page.putArray("versions").addAll(versions);
            return ApiResponse.ok(page);
        }
        final List<String> unavailable = new ArrayList<>();
        final Map<HostInfo, CompletableFuture<Optional<InstanceClient.Response>>> pending = new LinkedHashMap<>();
        for (final HostInfo instance : locator.others()) {
            pending.put(instance, client.get(instance, "/api/models?scope=" + AlertFilter.LOCAL_SCOPE));
        }
        pending.forEach((host, future) -> {
            final Optional<InstanceClient.Response> response = future.join();
            if (response.isPresent() && response.get().status() == 200 && response.get().body().path("versions").isArray()) {
                response.get().body().path("versions").forEach(versions::add);
            } else {
                LOG.warn("Instance {}:{} sent no list of model versions", host.host(), host.port());
                unavailable.add(host.host() + ":" + host.port());
            }
        });
        final JsonNode openAlerts = alerts.page(new AlertFilter(AlertFilter.StateFilter.OPEN, null, null,
                AlertFilter.MAX_LIMIT, false));
        openAlerts.path("unavailable").forEach(host -> {
            if (!unavailable.contains(host.asText())) {
                unavailable.add(host.asText());
            }
        });
        return ApiResponse.ok(ModelJson.models(versions, local.referencedVersions(), openAlerts.path("alerts"),
                unavailable));
    }

    /** Returns one version from this instance's stores, without its alerts, which the instance serving the request adds. */
    private ObjectNode versionSummary(final String model, final String version, final VersionActivity activity,
                                      final int partition) {
        final ObjectNode node = ModelJson.activity(model, version, activity);
        final Map<String, List<DriftMetric>> byFeature = ModelJson.byFeature(local.latest(model, version, null,
                partition));
        // Input features only, as the data-set drift share counts them: not the outputs (prediction and
        // probability columns), nor the signals that only detectors watch (error, loss).
        final ReferenceProfile profile = local.profile(model, version);
        final List<List<DriftMetric>> inputs = byFeature.entrySet().stream()
                .filter(entry -> !ModelJson.detectorsOnly(entry.getValue()) && !ModelJson.isOutput(profile, entry.getKey()))
                .map(Map.Entry::getValue).toList();
        node.put("features", inputs.size());
        node.put("driftedFeatures", inputs.stream().filter(ModelJson::anyDrifted).count());
        return node;
    }

    // ---- GET /api/models/{model}/versions/{version}

    private ApiResponse version(final ApiRequest request) {
        final String model = request.pathVariable("model");
        final String version = request.pathVariable("version");
        final boolean localScope = localScope(request, SCOPE_ONLY);
        return owned(model, localScope, request.path(), partition -> {
            final VersionActivity activity = activity(model, version, partition);
            final ReferenceProfile profile = local.profile(model, version);
            if (activity == null && profile == null) {
                throw unknownVersion(model, version, partition);
            }
            final ModelAlerts found = modelAlerts(model);
            final List<JsonNode> versionAlerts = found.of(version, null);
            final ObjectNode page = ModelJson.activity(model, version, activity);
            ModelJson.putStatus(page, activity != null, versionAlerts);
            page.set("reference", ModelJson.reference(profile));
            final Map<String, List<DriftMetric>> byFeature = ModelJson.byFeature(local.latest(model, version, null,
                    partition));
            final ArrayNode features = page.putArray("features");
            for (final String feature : ModelJson.featureOrder(profile, byFeature.keySet())) {
                features.add(ModelJson.featureRow(feature, profile, byFeature.getOrDefault(feature, List.of()),
                        found.of(version, feature)));
            }
            page.set("dataset", MetricJson.points(local.history(model, version, MetricJson.DATASET, partition).stream()
                    .filter(metric -> ModelJson.DATASET_CHECK.equals(metric.getStatistic())).toList()));
            page.putArray("alerts").addAll(versionAlerts);
            return ModelJson.withAvailability(page, found.unavailable());
        });
    }

    // ---- GET /api/models/{model}/versions/{version}/features/{feature}

    private ApiResponse feature(final ApiRequest request) {
        final String model = request.pathVariable("model");
        final String version = request.pathVariable("version");
        final String feature = request.pathVariable("feature");
        final boolean localScope = localScope(request, SCOPE_ONLY);
        return owned(model, localScope, request.path(), partition -> {
            final ReferenceProfile profile = local.profile(model, version);
            final List<DriftMetric> latest = local.latest(model, version, feature, partition);
            final ColumnProfile column = profile == null ? null : profile.column(feature).orElse(null);
            if (latest.isEmpty() && column == null) {
                if (activity(model, version, partition) == null && profile == null) {
                    throw unknownVersion(model, version, partition);
                }
                throw ApiException.notFound("model '" + model + "' version '" + version + "' has no feature '" + feature
                        + "': no drift metric and no reference column of that name; known features are "
                        + ModelJson.featureOrder(profile, ModelJson.byFeature(local.latest(model, version, null,
                                partition)).keySet()));
            }
            final ModelAlerts found = modelAlerts(model);
            final List<JsonNode> featureAlerts = found.of(version, feature);
            final ObjectNode page = ModelJson.featureRow(feature, profile, latest, featureAlerts);
            page.put("model", model);
            page.put("version", version);
            ModelJson.putHistory(page, local.history(model, version, feature, partition), latest);
            final DriftMetric distribution = local.distribution(model, version, feature, partition);
            if (distribution == null) {
                page.putNull("distribution");
            } else {
                page.set("distribution", MetricJson.distribution(distribution));
            }
            page.putArray("alerts").addAll(featureAlerts);
            return ModelJson.withAvailability(page, found.unavailable());
        });
    }

    // ---- GET /api/models/{model}/performance

    private ApiResponse performance(final ApiRequest request) {
        final String model = request.pathVariable("model");
        final boolean localScope = localScope(request, PERFORMANCE_PARAMETERS);
        final String only = request.query().get("version").orElse(null);
        if (only != null && only.isEmpty()) {
            throw ApiException.badRequest("query parameter version is empty; give a model version or leave it out");
        }
        final String path = request.path() + (only == null ? "" : "?version=" + PathSegments.encode(only));
        return owned(model, localScope, path, partition -> {
            final Set<String> versions = knownVersions(model, partition);
            if (versions.isEmpty()) {
                throw ApiException.notFound("model '" + model + "' not found: it has no drift metrics and no reference"
                        + " profile; check the model id, which is case-sensitive");
            }
            if (only != null && !versions.contains(only)) {
                throw unknownVersion(model, only, partition);
            }
            final ObjectNode page = NODES.objectNode();
            page.put("model", model);
            final ArrayNode list = page.putArray("versions");
            for (final String version : versions) {
                if (only != null && !only.equals(version)) {
                    continue;
                }
                final ObjectNode entry = list.addObject();
                entry.put("version", version);
                final Map<String, List<DriftMetric>> byMetric = new TreeMap<>();
                for (final DriftMetric metric : local.history(model, version, MetricJson.PERFORMANCE, partition)) {
                    byMetric.computeIfAbsent(metric.getStatistic(), name -> new ArrayList<>()).add(metric);
                }
                final ArrayNode metrics = entry.putArray("metrics");
                byMetric.forEach((name, records) -> metrics.add(ModelJson.performanceSeries(
                        MetricNames.realized(name), name.startsWith(MetricNames.ESTIMATED_PREFIX), records)));
            }
            return ModelJson.withAvailability(page, List.of());
        });
    }

    // ---- shared

    /**
     * Reads this instance's stores when it hosts the model's partition of the view, and forwards the request
     * with {@code scope=local} to the instance that does otherwise.
     */
    private ApiResponse owned(final String model, final boolean localScope, final String pathAndQuery,
                              final Function<Integer, JsonNode> answer) {
        final ModelLocator.Owner owner = locator.locate(MetricView.STORE, model, localScope);
        if (owner.isLocal()) {
            return ApiResponse.ok(answer.apply(owner.partition()));
        }
        final String forwarded = pathAndQuery + (pathAndQuery.indexOf('?') < 0 ? "?" : "&") + "scope="
                + AlertFilter.LOCAL_SCOPE;
        final Optional<InstanceClient.Response> response = client.get(owner.host(), forwarded).join();
        if (response.isEmpty()) {
            throw ApiException.unavailable("instance " + owner.address() + ", which hosts model '" + model
                    + "', sent no response; retry in " + ApiException.RETRY_AFTER_SECONDS + " s");
        }
        return new ApiResponse(response.get().status(), response.get().body());
    }

    private VersionActivity activity(final String model, final String version, final int partition) {
        for (final LocalMetrics.Version known : local.versions(model, partition)) {
            if (known.version().equals(version)) {
                return known.activity();
            }
        }
        return null;
    }

    /** Versions with drift metrics here or a reference profile, sorted. */
    private Set<String> knownVersions(final String model, final int partition) {
        final Set<String> versions = new TreeSet<>();
        local.versions(model, partition).forEach(version -> versions.add(version.version()));
        for (final String[] referenced : local.referencedVersions()) {
            if (referenced[0].equals(model)) {
                versions.add(referenced[1]);
            }
        }
        return versions;
    }

    private ApiException unknownVersion(final String model, final String version, final int partition) {
        final Set<String> versions = knownVersions(model, partition);
        if (versions.isEmpty()) {
            return ApiException.notFound("model '" + model + "' not found: it has no drift metrics and no reference"
                    + " profile; check the model id, which is case-sensitive");
        }
        return ApiException.notFound("model '" + model + "' has no version '" + version + "'; known versions are "
                + versions);
    }

    /** A model's alerts of every state, and the instances that sent no response for them. */
    private record ModelAlerts(List<JsonNode> alerts, List<String> unavailable) {

        /** The alerts of one version, and of one feature when {@code feature} is not null, newest first. */
        List<JsonNode> of(final String version, final String feature) {
            return alerts.stream()
                    .filter(alert -> version.equals(alert.path("modelVersion").asText()))
                    .filter(alert -> feature == null || feature.equals(alert.path("feature").asText()))
                    .toList();
        }
    }

    private ModelAlerts modelAlerts(final String model) {
        final ApiResponse response;
        try {
            response = alerts.modelResponse(model, new AlertFilter(AlertFilter.StateFilter.ALL, null, model,
                    AlertFilter.MAX_LIMIT, false));
        } catch (ApiException e) {
            // The metrics are readable while the alert partitions move: the page comes back partial.
            LOG.warn("Alerts of model {} are not available: {}", model, e.getMessage());
            return new ModelAlerts(List.of(), List.of("alerts"));
        }
        if (response.status() == 404) {
            return new ModelAlerts(List.of(), List.of());
        }
        if (response.status() != 200) {
            LOG.warn("Alerts of model {} are not available: {}", model, response.body().path("error").asText(""));
            return new ModelAlerts(List.of(), List.of("alerts"));
        }
        final List<String> unavailable = new ArrayList<>();
        response.body().path("unavailable").forEach(host -> unavailable.add(host.asText()));
        return new ModelAlerts(AlertJson.alertsOf(response.body()), unavailable);
    }

    private static boolean localScope(final ApiRequest request, final Set<String> known) {
        request.query().requireOnly(known);
        final String scope = request.query().get("scope").orElse(null);
        if (scope != null && !AlertFilter.LOCAL_SCOPE.equals(scope)) {
            throw ApiException.badRequest("invalid scope '" + scope + "'; use scope=" + AlertFilter.LOCAL_SCOPE
                    + " to ask for this instance's data only, or leave it out");
        }
        return scope != null;
    }
}
