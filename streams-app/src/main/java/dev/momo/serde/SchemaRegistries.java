package dev.momo.serde;

import dev.momo.registry.RegistrySettings;
import dev.momo.registry.RestSchemaRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Creates schema registry clients from the {@code schema.registry.url} setting.
 *
 * <p>{@code mock://NAME} selects an in-memory registry that every serde in this process configured
 * with the same NAME shares, the convention of Confluent's serdes, so a producer and a Kafka Streams
 * application in one JVM see the same schema ids. {@code http://} and {@code https://} URLs, one or a
 * comma-separated list, select a {@link RestSchemaRegistry} through {@link #forConfig(Map)}, which also
 * reads the credential, TLS, time-out, retry and cache settings of {@link RegistrySettings}.
 */
public final class SchemaRegistries {

    /** Configuration key of the registry URL, as in Confluent's serdes. */
    public static final String URL_CONFIG = "schema.registry.url";

    /** URL scheme of the in-memory registry scopes. */
    public static final String MOCK_SCHEME = "mock://";

    private static final ConcurrentMap<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private SchemaRegistries() {
    }

    /**
     * Returns the registry client for {@code url}. For {@code mock://NAME} this is the in-memory
     * registry of scope NAME, created on first use.
     *
     * @throws IllegalArgumentException if the URL is blank, lists several URLs, has an empty scope
     *     name or uses another scheme
     */
    public static SchemaRegistryClient forUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Missing " + URL_CONFIG + ": set it to mock://NAME.");
        }

        String trimmed = url.trim();
        if (trimmed.contains(",")) {
            throw new IllegalArgumentException("Unsupported " + URL_CONFIG + " '" + hideUserInfo(url)
                    + "': it lists several URLs, but SchemaRegistries.forUrl supports a single mock://NAME URL."
                    + " For Schema Registry servers, call SchemaRegistries.forConfig with all registry settings.");
        }
        if (!trimmed.startsWith(MOCK_SCHEME)) {
            // The URL alone lacks the credentials and TLS settings that a server may need, so servers go
            // through forConfig, which reads all of them.
            throw new IllegalArgumentException("Unsupported " + URL_CONFIG + " '" + hideUserInfo(url)
                    + "' in SchemaRegistries.forUrl, which supports only mock://NAME, an in-memory registry shared"
                    + " within the process. For a Schema Registry server at an http:// or https:// URL, call"
                    + " SchemaRegistries.forConfig with all registry settings.");
        }

        String scope = trimmed.substring(MOCK_SCHEME.length());
        if (scope.isEmpty()) {
            throw new IllegalArgumentException("Invalid " + URL_CONFIG + " '" + url
                    + "': the scope name after mock:// is empty. Use mock://NAME, for example mock://momo.");
        }
        return SCOPES.computeIfAbsent(scope, name -> new InMemorySchemaRegistry());
    }

    /**
     * Returns the registry client for the settings in {@code config}: the in-memory registry of scope
     * NAME for {@code schema.registry.url=mock://NAME}, or a new {@link RestSchemaRegistry} for http and
     * https URLs, with the other keys of {@link RegistrySettings} (credentials, trust store, time-outs,
     * retries, caches). Keys that neither reads are ignored, so the map may hold Kafka settings too.
     * Each call for an http or https URL creates a client with its own caches.
     *
     * @throws IllegalArgumentException if the URL is missing or invalid, or another registry setting
     *     is invalid; the message names the key and shows no secret
     */
    public static SchemaRegistryClient forConfig(Map<String, String> config) {
        String url = config == null ? null : config.get(URL_CONFIG);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Missing " + URL_CONFIG + ": set it to the Schema Registry URL, such"
                    + " as http://localhost:8081, or to mock://NAME for an in-memory registry.");
        }
        if (url.trim().startsWith(MOCK_SCHEME)) {
            return forUrl(url);
        }
        return new RestSchemaRegistry(RegistrySettings.parse(config));
    }

    /**
     * Removes the in-memory registry of scope {@code name}, so that the next {@code mock://NAME}
     * starts empty. Clients already returned keep the old registry. Meant for tests.
     */
    public static void dropScope(String name) {
        SCOPES.remove(name);
    }

    /** Returns the URL with any user info replaced by {@code ***}, so that messages carry no password. */
    private static String hideUserInfo(String url) {
        return url.replaceAll("(^|,)(\\s*[A-Za-z][A-Za-z0-9+.-]*://)[^/@,]*@", "$1$2***@");
    }
}
