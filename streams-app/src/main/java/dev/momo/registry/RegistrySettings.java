package dev.momo.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of a {@link RestSchemaRegistry}: where the registry is, how to authenticate, which
 * certificates to trust, how long to wait, how often to retry and how much to cache. Immutable and
 * validated at construction.
 *
 * <p>{@link #parse(Map)} reads them from flat properties with the keys of Confluent's Schema Registry
 * clients where those exist:
 * <pre>{@code
 * schema.registry.url=https://registry-1.example.com:8081,https://registry-2.example.com:8081
 * basic.auth.credentials.source=USER_INFO
 * basic.auth.user.info=momo:secret
 * schema.registry.ssl.truststore.location=/etc/momo/registry-ca.p12
 * schema.registry.ssl.truststore.password=changeit
 * }</pre>
 * The other keys are listed in {@link #KEYS}. Secrets (the user info, the bearer token, the trust
 * store password and user info inside a URL) never appear in {@link #toString()} or in exception
 * messages.
 *
 * <p>Worst case of one call: every retry round tries each URL once, so a registry that never responds
 * blocks the calling thread for about {@code (maxRetries + 1) * urls * (connectTimeout + readTimeout)}
 * plus the back-off waits. With the defaults and one URL that is 4 * 40 s + 7 s, below the 5 minutes
 * of Kafka's {@code max.poll.interval.ms} default, after which a stream thread leaves its group.
 *
 * @param endpoints base URLs in the order they are tried, each with its credentials; at least one
 * @param trustStore trust store for https URLs, or empty for the JVM's default trust store
 * @param connectTimeout time limit for opening a connection; positive
 * @param readTimeout time limit for one request, from sending it to the response headers; positive. The whole
 *     exchange, connecting and reading the body included, is limited to {@code connectTimeout + readTimeout}.
 * @param maxRetries retry rounds after the first round; 0 or more
 * @param retryBackoff wait before the first retry round, doubled before each further round; 0 or more
 * @param maxRetryBackoff upper limit of any wait between rounds; at least {@code retryBackoff}
 * @param latestCacheTtl how long a "latest version" lookup is reused; zero turns that cache off
 * @param cacheCapacity entries that each cache keeps, the least recently used leaving first; at least 1
 */
public record RegistrySettings(
        List<RegistryEndpoint> endpoints,
        Optional<TrustStoreSettings> trustStore,
        Duration connectTimeout,
        Duration readTimeout,
        int maxRetries,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        Duration latestCacheTtl,
        int cacheCapacity) {

    /** Comma-separated base URLs, tried in turn. */
    public static final String URL_KEY = "schema.registry.url";
    /** {@code USER_INFO} or {@code URL}, Confluent's names for where the Basic credentials come from. */
    public static final String BASIC_AUTH_SOURCE_KEY = "basic.auth.credentials.source";
    /** {@code user:password} for Basic authentication. */
    public static final String BASIC_AUTH_USER_INFO_KEY = "basic.auth.user.info";
    /** {@code STATIC_TOKEN}, the only bearer source this client supports. */
    public static final String BEARER_AUTH_SOURCE_KEY = "bearer.auth.credentials.source";
    /** Token for bearer authentication. */
    public static final String BEARER_AUTH_TOKEN_KEY = "bearer.auth.token";
    public static final String TRUSTSTORE_LOCATION_KEY = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD_KEY = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE_KEY = "schema.registry.ssl.truststore.type";
    public static final String CONNECT_TIMEOUT_KEY = "http.connect.timeout.ms";
    public static final String READ_TIMEOUT_KEY = "http.read.timeout.ms";
    public static final String MAX_RETRIES_KEY = "max.retries";
    public static final String RETRY_BACKOFF_KEY = "retries.wait.ms";
    public static final String MAX_RETRY_BACKOFF_KEY = "retries.max.wait.ms";
    public static final String LATEST_CACHE_TTL_KEY = "latest.cache.ttl.sec";
    public static final String CACHE_CAPACITY_KEY = "schema.registry.cache.capacity";

    /** Every key that {@link #parse(Map)} reads. */
    public static final Set<String> KEYS = Set.of(URL_KEY, BASIC_AUTH_SOURCE_KEY, BASIC_AUTH_USER_INFO_KEY,
            BEARER_AUTH_SOURCE_KEY, BEARER_AUTH_TOKEN_KEY, TRUSTSTORE_LOCATION_KEY, TRUSTSTORE_PASSWORD_KEY,
            TRUSTSTORE_TYPE_KEY, CONNECT_TIMEOUT_KEY, READ_TIMEOUT_KEY, MAX_RETRIES_KEY, RETRY_BACKOFF_KEY,
            MAX_RETRY_BACKOFF_KEY, LATEST_CACHE_TTL_KEY, CACHE_CAPACITY_KEY);

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** Confluent's client default for {@code max.retries}. */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** Confluent's client default for {@code retries.wait.ms}. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(20);
    public static final Duration DEFAULT_LATEST_CACHE_TTL = Duration.ofMinutes(5);
    public static final int DEFAULT_CACHE_CAPACITY = 1000;
    public static final String DEFAULT_TRUSTSTORE_TYPE = "PKCS12";

    /** Validates every component; messages name the component and show no secret. */
    public RegistrySettings {
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
        Objects.requireNonNull(latestCacheTtl, "latestCacheTtl");
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no Schema Registry URL; set " + URL_KEY);
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("readTimeout", readTimeout);
        requireNotNegative("retryBackoff", retryBackoff);
        requireNotNegative("latestCacheTtl", latestCacheTtl);
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries " + maxRetries + " must be 0 or more");
        }
        if (maxRetryBackoff.compareTo(retryBackoff) < 0) {
            throw new IllegalArgumentException("maxRetryBackoff " + maxRetryBackoff.toMillis()
                    + " ms is shorter than retryBackoff " + retryBackoff.toMillis() + " ms; expected at least as long");
        }
        if (cacheCapacity < 1) {
            throw new IllegalArgumentException("cacheCapacity " + cacheCapacity + " must be at least 1");
        }
        endpoints = List.copyOf(endpoints);
    }

    /**
     * Parses the settings from flat properties. Keys outside {@link #KEYS} are ignored, so the same map
     * may hold Kafka client settings.
     *
     * @throws IllegalArgumentException if the URL is missing, a value is invalid or out of range, or the
     *     credential settings conflict. The message names the key, and shows the value unless it is a secret.
     */
    public static RegistrySettings parse(final Map<String, String> properties) {
        return RegistrySettingsParser.parse(properties);
    }

    private static void requirePositive(final String component, final Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(component + " " + value.toMillis() + " ms must be positive");
        }
    }

    private static void requireNotNegative(final String component, final Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(component + " " + value.toMillis() + " ms must not be negative");
        }
    }
}
