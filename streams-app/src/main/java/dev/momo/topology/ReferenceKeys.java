package dev.momo.topology;

/**
 * Keys of the references topic and of the global store fed by it: {@code modelId/modelVersion}. The
 * global store is restored from the topic as it is, so both use the same key. Model versions must not
 * contain '/'; model ids may.
 */
public final class ReferenceKeys {

    private ReferenceKeys() {
    }

    public static String of(final String modelId, final String modelVersion) {
        if (modelVersion.indexOf('/') >= 0) {
            throw new IllegalArgumentException("model version '" + modelVersion + "' contains '/'; use a version without it");
        }
        return modelId + '/' + modelVersion;
    }

    /** Splits a key into model id and version at its last '/'. */
    static String[] split(final String key) {
        final int slash = key.lastIndexOf('/');
        return new String[] {key.substring(0, slash), key.substring(slash + 1)};
    }
}
