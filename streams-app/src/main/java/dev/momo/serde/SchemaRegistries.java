package dev.momo.serde;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Creates schema registry clients from the {@code schema.registry.url} setting.
 *
 * <p>Only {@code mock://NAME} is supported so far. It selects an in-memory registry that every
 * serde in this process configured with the same NAME shares, the convention of Confluent's
 * serdes, so a producer and a Kafka Streams application in one JVM see the same schema ids.
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
            throw new IllegalArgumentException("Unsupported " + URL_CONFIG + " '" + url
                    + "': it lists several URLs, but this version supports a single mock://NAME URL.");
        }
        if (!trimmed.startsWith(MOCK_SCHEME)) {
            // TODO: add a REST client for Confluent Schema Registry and accept http:// and https:// URLs.
            throw new IllegalArgumentException("Unsupported " + URL_CONFIG + " '" + url
                    + "': this version supports only mock://NAME, an in-memory registry shared within the"
                    + " process. A client for a Schema Registry server is not implemented yet.");
        }

        String scope = trimmed.substring(MOCK_SCHEME.length());
        if (scope.isEmpty()) {
            throw new IllegalArgumentException("Invalid " + URL_CONFIG + " '" + url
                    + "': the scope name after mock:// is empty. Use mock://NAME, for example mock://momo.");
        }
        return SCOPES.computeIfAbsent(scope, name -> new InMemorySchemaRegistry());
    }

    /**
     * Removes the in-memory registry of scope {@code name}, so that the next {@code mock://NAME}
     * starts empty. Clients already returned keep the old registry. Meant for tests.
     */
    public static void dropScope(String name) {
        SCOPES.remove(name);
    }
}
