package dev.momo.topology;

import dev.momo.profile.InvalidProfileException;
import dev.momo.profile.ProfileJson;
import dev.momo.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads reference profiles from the global {@link StoreNames#REFERENCES} store and keeps the parsed
 * form while the stored array stays the same. The store is in memory, so an unchanged entry returns
 * the same array and the check is one comparison per lookup. One instance per processor, no locking.
 *
 * <p>Parsed profiles are also shared by every processor and task of the JVM, keyed by the identity of
 * the stored array: a profile with exact reference samples can be megabytes of JSON, and parsing it once
 * per processor and task multiplied the cost by a dozen on four partitions.
 */
public final class ProfileLookup {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileLookup.class);

    private record Parsed(byte[] source, ReferenceProfile profile) {
    }

    /** Parsed profiles by stored array; byte arrays compare by identity, and entries go when the array does. */
    private static final Map<byte[], ReferenceProfile> SHARED = Collections.synchronizedMap(new WeakHashMap<>());

    private final ReadOnlyKeyValueStore<String, byte[]> store;
    private final Map<String, Parsed> cache = new HashMap<>();

    public ProfileLookup(final ReadOnlyKeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** Model id and version of every stored profile. */
    public List<String[]> modelVersions() {
        final List<String[]> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> iterator = store.all()) {
            iterator.forEachRemaining(entry -> {
                if (entry.key.indexOf('/') >= 0) {
                    keys.add(ReferenceKeys.split(entry.key));
                }
            });
        }
        return keys;
    }

    /** The profile of a model version, or null when none was published or the stored one is invalid. */
    public ReferenceProfile find(final String modelId, final String modelVersion) {
        final String key = ReferenceKeys.of(modelId, modelVersion);
        final byte[] bytes = store.get(key);
        if (bytes == null) {
            cache.remove(key);
            return null;
        }
        final Parsed parsed = cache.get(key);
        if (parsed != null && parsed.source() == bytes) {
            return parsed.profile();
        }
        ReferenceProfile profile = SHARED.get(bytes);
        try {
            if (profile == null) {
                profile = ProfileJson.fromBytes(bytes);
                SHARED.put(bytes, profile);
            }
        } catch (InvalidProfileException e) {
            LOG.error("Reference profile stored for model {} version {} is unusable, so its windows are not compared: {}",
                    modelId, modelVersion, e.getMessage());
        }
        cache.put(key, new Parsed(bytes, profile));
        return profile;
    }
}
