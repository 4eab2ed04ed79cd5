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
}
