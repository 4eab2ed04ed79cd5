package dev.momo.app;

import dev.momo.alerting.AlertSettings;
import dev.momo.http.HttpSettings;
import dev.momo.metrics.MomoMetrics;
import dev.momo.notify.WebhookSettings;
import dev.momo.registry.RegistrySettings;
import dev.momo.topology.Topics;
import dev.momo.topology.WindowSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Configuration of {@code momo run}: a properties file whose every key can be overridden by an
 * environment variable, {@code MOMO_} followed by the key without its {@code momo.} prefix, upper case,
 * dots and dashes as underscores ({@code momo.window.duration} is {@code MOMO_WINDOW_DURATION},
 * {@code bootstrap.servers} is {@code MOMO_BOOTSTRAP_SERVERS}). Keys outside {@code momo.*} and
 * {@code schema.registry.url} go to Kafka Streams as they are.
 *
 * @param streams engine settings
 * @param topics topic names
 * @param window window settings
 * @param schemaRegistry the schema registry settings: {@code schema.registry.url} ({@code mock://NAME}
 *     or the http(s) URLs of a Confluent-compatible registry) and the client's keys of
 *     {@link RegistrySettings#KEYS}; contains secrets, so {@link #toString()} leaves it out
 * @param metricsHost address of the /metrics endpoint
 * @param metricsPort port of the /metrics endpoint
 * @param metricsMaxFeatures features per model version in the drift gauges ({@code momo.metrics.max-features},
 *     default 50, see {@link MomoMetrics})
 * @param labelDelay how long a prediction waits for its label, and a label for its prediction
 *     ({@code momo.labels.delay}, default 7 days)
 * @param alerts the alert lifecycle ({@code momo.alerts.*}, see {@link AlertSettings})
 * @param http the JSON API's address ({@code momo.http.*}, see {@link HttpSettings})
 * @param webhooks where alerts are posted ({@code momo.webhooks}, {@code momo.webhook.*}, see
 *     {@link WebhookSettings}); empty when none is configured
 * @param inputMapping the input mapping file ({@code momo.input.mapping}, see docs/input-mapping.md), or
 *     null to read {@code InferenceEvent} records
 */
public record MomoConfig(
        StreamsSettings streams,
        Topics topics,
        WindowSettings window,
        Map<String, String> schemaRegistry,
        String metricsHost,
        int metricsPort,
        int metricsMaxFeatures,
        Duration labelDelay,
        AlertSettings alerts,
        HttpSettings http,
        List<WebhookSettings> webhooks,
        Path inputMapping) {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MomoConfig.class);
    /** Variables that the {@code momo} launcher reads itself. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("MOMO_JAVA_OPTS");
    /** The key that lists named webhooks. */
    private static final String WEBHOOK_NAMES = "momo.webhooks";
    private static final Set<String> KNOWN_KEYS = union(union(union(AlertSettings.KEYS, HttpSettings.KEYS),
            RegistrySettings.KEYS), Set.of(
            "bootstrap.servers", "schema.registry.url", "momo.application.id", "momo.state.dir", "momo.threads",
            "momo.window.mode", "momo.window.size", "momo.window.duration", "momo.window.grace",
            "momo.window.merge-timeout", "momo.window.sample-points", "momo.metrics.host", "momo.metrics.port",
            MomoMetrics.MAX_FEATURES_KEY,
            "momo.labels.delay",
            "momo.topic.inferences", "momo.topic.labels", "momo.topic.references", "momo.topic.drift-metrics",
            "momo.topic.alerts", "momo.topic.dlq", "momo.input.mapping"));

    /** Reads the file, applies the environment, and validates every value. */
    public static MomoConfig load(final Path file, final Map<String, String> environment) {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("configuration file not found: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        final Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        applyEnvironment(values, union(values.keySet(), union(KNOWN_KEYS, Set.of(WEBHOOK_NAMES))), environment);
        // The webhook names decide which webhook keys exist, so their environment comes second.
        applyEnvironment(values, WebhookSettings.keys(values), environment);
        warnAboutUnusedEnvironment(environment, union(values.keySet(), union(KNOWN_KEYS,
                WebhookSettings.keys(values))));
        for (final String key : values.keySet()) {
            if (key.startsWith("momo.") && !KNOWN_KEYS.contains(key) && !WebhookSettings.isWebhookKey(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "' in " + file
                        + "; known momo settings are " + new java.util.TreeSet<>(KNOWN_KEYS));
            }
        }
        return fromValues(values);
    }

    static MomoConfig fromValues(final Map<String, String> values) {
        final Map<String, String> overrides = new HashMap<>();
        values.forEach((key, value) -> {
            if (!key.startsWith("momo.") && !RegistrySettings.KEYS.contains(key) && !key.equals("bootstrap.servers")) {
                overrides.put(key, value);
            }
        });
        final StreamsSettings streams = new StreamsSettings(
                values.getOrDefault("momo.application.id", "momo"),
                values.get("bootstrap.servers"),
                Path.of(values.getOrDefault("momo.state.dir", System.getProperty("user.home") + "/.momo/state")),
                integer(values, "momo.threads", 1),
                overrides);
        final Topics defaults = Topics.DEFAULTS;
        final Topics topics = new Topics(
                values.getOrDefault("momo.topic.inferences", defaults.inferences()),
                values.getOrDefault("momo.topic.labels", defaults.labels()),
                values.getOrDefault("momo.topic.references", defaults.references()),
                values.getOrDefault("momo.topic.drift-metrics", defaults.driftMetrics()),
                values.getOrDefault("momo.topic.alerts", defaults.alerts()),
                values.getOrDefault("momo.topic.dlq", defaults.deadLetters()));
        final String mode = values.getOrDefault("momo.window.mode", "time").toLowerCase(Locale.ROOT);
        final WindowSettings.Mode windowMode = switch (mode) {
            case "time" -> WindowSettings.Mode.TIME;
            case "count" -> WindowSettings.Mode.COUNT;
            default -> throw new IllegalArgumentException("invalid momo.window.mode '" + mode + "'; use 'time' or 'count'");
        };
        final WindowSettings window = new WindowSettings(windowMode,
                integer(values, "momo.window.size", 5000),
                duration(values, "momo.window.duration", Duration.ofMinutes(5)),
                duration(values, "momo.window.grace", Duration.ofSeconds(30)),
                duration(values, "momo.window.merge-timeout", WindowSettings.DEFAULT_MERGE_TIMEOUT),
                integer(values, "momo.window.sample-points", WindowSettings.DEFAULT_SAMPLE_POINTS));
        return new MomoConfig(streams, topics, window,
                registrySettings(values),
                values.getOrDefault("momo.metrics.host", "127.0.0.1"),
                integer(values, "momo.metrics.port", 9464),
                integer(values, MomoMetrics.MAX_FEATURES_KEY, MomoMetrics.DEFAULT_MAX_FEATURES),
                duration(values, "momo.labels.delay", Duration.ofDays(7)),
                AlertSettings.from(values),
                HttpSettings.fromProperties(values),
                WebhookSettings.parse(values),
                values.getOrDefault("momo.input.mapping", "").isBlank() ? null
                        : Path.of(values.get("momo.input.mapping")));
    }

    /**
     * Logs a warning for each {@code MOMO_} variable that names no setting, such as a misspelled
     * {@code MOMO_ALERTS_OPNE_AFTER}, which would otherwise be ignored without a word.
     */
    private static void warnAboutUnusedEnvironment(final Map<String, String> environment, final Set<String> keys) {
        final Set<String> known = new java.util.HashSet<>(LAUNCHER_VARIABLES);
        keys.forEach(key -> known.add(environmentName(key)));
        for (final String variable : new java.util.TreeSet<>(environment.keySet())) {
            if (variable.startsWith("MOMO_") && !known.contains(variable)) {
                LOG.warn("Environment variable {} names no setting and is ignored; check its spelling (settings are"
                        + " listed in the README)", variable);
            }
        }
    }

    private static void applyEnvironment(final Map<String, String> values, final Set<String> keys,
                                         final Map<String, String> environment) {
        for (final String key : keys) {
            final String override = environment.get(environmentName(key));
            if (override != null) {
                values.put(key, override.trim());
            }
        }
    }

    /** Returns the registry URL. */
    public String schemaRegistryUrl() {
        return schemaRegistry.get(RegistrySettings.URL_KEY);
    }

    /** Leaves out the registry settings, which may hold a password or a token. */
    @Override
    public String toString() {
        return "MomoConfig[streams=" + streams + ", topics=" + topics + ", window=" + window + ", schemaRegistryUrl="
                + schemaRegistryUrl().replaceAll("//[^/@]*@", "//***@") + ", metrics=" + metricsHost + ":" + metricsPort
                + ", labelDelay=" + labelDelay + ", alerts=" + alerts + ", http=" + http + ", webhooks=" + webhooks + ", inputMapping=" + inputMapping + "]";
    }

    private static Map<String, String> registrySettings(final Map<String, String> values) {
        final Map<String, String> registry = new TreeMap<>();
        values.forEach((key, value) -> {
            if (RegistrySettings.KEYS.contains(key)) {
                registry.put(key, value);
            }
        });
        registry.putIfAbsent(RegistrySettings.URL_KEY, "mock://momo");
        return Map.copyOf(registry);
    }

    static String environmentName(final String key) {
        final String bare = key.startsWith("momo.") ? key.substring("momo.".length()) : key;
        return "MOMO_" + bare.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Set<String> union(final Set<String> a, final Set<String> b) {
        final Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static int integer(final Map<String, String> values, final String key, final int fallback) {
        final String text = values.get(key);
        if (text == null) {
            return fallback;
        }
        final int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + key + " '" + text + "'; expected a whole number");
        }
        if (value < 0) {
            throw new IllegalArgumentException("invalid " + key + " '" + text + "'; expected a number >= 0");
        }
        return value;
    }

    private static Duration duration(final Map<String, String> values, final String key, final Duration fallback) {
        final String text = values.get(key);
        if (text == null) {
            return fallback;
        }
        final Duration value;
        try {
            value = Duration.parse(text.toUpperCase(Locale.ROOT).startsWith("P") ? text : "PT" + text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid " + key + " '" + text + "'; expected a duration such as 30s, 5m or PT1H");
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException("invalid " + key + " '" + text + "'; a duration must not be negative");
        }
        return value;
    }
}
