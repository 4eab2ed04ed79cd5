package dev.momo.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.momo.topology.AlertView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert routes of the JSON API, which every instance serves through interactive queries:
 * <ul>
 *   <li>{@code GET /api/models/{model}/alerts}: the instance finds the active host of the model id's
 *       partition of {@value AlertView#STORE} ({@link KafkaStreams#queryMetadataForKey}). It reads its own store
 *       when that host is itself, and otherwise forwards the request with {@code scope=local} and returns
 *       that instance's response unchanged.</li>
 *   <li>{@code GET /api/alerts}: the instance reads its own stores, sends the request with {@code scope=local}
 *       to every other instance of {@link KafkaStreams#metadataForAllStreamsClients()}, and merges.</li>
 * </ul>
 * An instance that sends no response in time, or an error status, is listed in {@code "unavailable"} and
 * makes the page {@code "partial": true}, but the request still succeeds. A model with no alerts and no
 * reference profile is 404. Without an advertised address (see {@link HttpSettings}) the instance reads its
 * own stores only.
 */
public final class AlertRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AlertRoutes.class);

    private final ModelLocator locator;
    private final LocalAlerts local;
    private final InstanceClient client;

    /** Creates the routes of the instance that {@code settings} describe, with the default forwarding time-out. */
    public AlertRoutes(final KafkaStreams streams, final HttpSettings settings) {
        this(streams, settings.advertised(), InstanceClient.DEFAULT_TIMEOUT, settings.token());
    }

    /**
     * @param self the advertised address of this instance, its {@code application.server}, or null
     * @param timeout connect and response time-out of forwarded requests
     */
    AlertRoutes(final KafkaStreams streams, final HostInfo self, final Duration timeout) {
        this(streams, self, timeout, null);
    }

    /** @param token bearer token sent to the other instances, or null */
    AlertRoutes(final KafkaStreams streams, final HostInfo self, final Duration timeout, final String token) {
        this.locator = new ModelLocator(streams, self);
        this.local = new LocalAlerts(streams);
        this.client = new InstanceClient(timeout, token);
    }

    /** Returns the routes, for {@link ApiServer}. */
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/alerts", this::allAlerts),
                ApiRoute.get("/api/models/{model}/alerts", this::modelAlerts));
    }

    private ApiResponse allAlerts(final ApiRequest request) {
        final AlertFilter filter = AlertFilter.forAllModels(request.query());
        if (filter.model() != null) {
            return modelResponse(filter.model(), filter);
        }
        return ApiResponse.ok(page(filter));
    }

    /** Returns the page of alerts of every model that pass {@code filter}, from every instance. */
    JsonNode page(final AlertFilter filter) {
        final List<JsonNode> alerts = new ArrayList<>(local.all(filter));
        final List<String> unavailable = new ArrayList<>();
        if (!filter.localScope()) {
            final String path = "/api/alerts?" + filter.localQuery();
            final Map<HostInfo, CompletableFuture<Optional<InstanceClient.Response>>> pending = new LinkedHashMap<>();
            for (final HostInfo instance : locator.others()) {
                pending.put(instance, client.get(instance, path));
            }
            pending.forEach((host, response) -> collect(host, path, response.join(), alerts, unavailable));
        }
        return AlertJson.page(AlertJson.merge(alerts, filter.limit()), unavailable);
    }

    private ApiResponse modelAlerts(final ApiRequest request) {
        final String model = request.pathVariable("model");
        return modelResponse(model, AlertFilter.forModel(request.query(), model));
    }

    /** Returns one model's alerts that pass {@code filter}, from the instance that holds them. */
    ApiResponse modelResponse(final String model, final AlertFilter filter) {
        final ModelLocator.Owner owner = locator.locate(AlertView.STORE, model, filter.localScope());
        if (owner.isLocal()) {
            return localModelResponse(model, owner.partition(), filter);
        }
        final String path = "/api/models/" + PathSegments.encode(model) + "/alerts?" + filter.localQuery();
        final Optional<InstanceClient.Response> response = client.get(owner.host(), path).join();
        if (response.isEmpty()) {
            return ApiResponse.ok(AlertJson.page(List.of(), List.of(owner.address())));
        }
        return new ApiResponse(response.get().status(), response.get().body());
    }

    private ApiResponse localModelResponse(final String model, final int partition, final AlertFilter filter) {
        final LocalAlerts.ModelAlerts found = local.ofModel(model, partition, filter);
        if (!found.any() && !local.hasReference(model)) {
            throw ApiException.notFound("model '" + model + "' not found: it has no alerts and no reference profile;"
                    + " check the model id, which is case-sensitive");
        }
        return ApiResponse.ok(AlertJson.page(found.alerts(), List.of()));
    }

    /** Adds another instance's alerts, or its address to {@code unavailable} when its response is not a page. */
    private static void collect(final HostInfo host, final String path,
                                final Optional<InstanceClient.Response> response, final List<JsonNode> alerts,
                                final List<String> unavailable) {
        final String address = host.host() + ":" + host.port();
        if (response.isEmpty()) {
            unavailable.add(address);
            return;
        }
        if (response.get().status() != 200) {
            LOG.warn("Forwarded GET {} to {} failed with status {}: {}", path, address, response.get().status(),
                    response.get().body().path("error").asText(""));
            unavailable.add(address);
            return;
        }
        try {
            alerts.addAll(AlertJson.alertsOf(response.get().body()));
        } catch (IllegalArgumentException e) {
            LOG.warn("Forwarded GET {} to {} returned no page of alerts: {}", path, address, e.getMessage());
            unavailable.add(address);
        }
    }
}
