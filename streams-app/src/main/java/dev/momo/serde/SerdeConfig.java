package dev.momo.serde;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** Reads the registry settings shared by the serializers and deserializers of this package. */
final class SerdeConfig {

    private SerdeConfig() {
    }

    /**
     * Returns the registry client for {@value SchemaRegistries#URL_CONFIG} in {@code configs}.
     *
     * @throws ConfigException if the URL is missing or not a string
     * @throws IllegalArgumentException if the URL is not supported
     */
    static SchemaRegistryClient registryFrom(Map<String, ?> configs, String owner) {
        Object url = configs == null ? null : configs.get(SchemaRegistries.URL_CONFIG);
        if (url == null) {
            throw new ConfigException(SchemaRegistries.URL_CONFIG, null, "Missing setting for " + owner
                    + ": set it to mock://NAME, or pass a SchemaRegistryClient to the constructor.");
        }
        if (!(url instanceof String)) {
            throw new ConfigException(SchemaRegistries.URL_CONFIG, url,
                    "Expected a string such as mock://NAME or https://registry:8081 for " + owner + ".");
        }
        // The registry client reads its credentials, trust store and timeouts from the same settings.
        final Map<String, String> settings = new HashMap<>();
        configs.forEach((key, value) -> {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                settings.put(key, value.toString());
            }
        });
        return SchemaRegistries.forConfig(settings);
    }

    /** Returns {@code registry}, or throws if the serde was neither configured nor given one. */
    static SchemaRegistryClient requireRegistry(SchemaRegistryClient registry, String owner) {
        if (registry == null) {
            throw new IllegalStateException(owner + " has no schema registry: call configure() with "
                    + SchemaRegistries.URL_CONFIG + "=mock://NAME, or pass a SchemaRegistryClient to the constructor.");
        }
        return registry;
    }
}
