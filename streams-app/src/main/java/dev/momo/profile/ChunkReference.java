package dev.momo.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** What each reference chunk is compared with when thresholds are derived from the reference. */
public enum ChunkReference {
    /**
     * The reference without the chunk (default). A live window is not part of the reference either;
     * comparing a chunk with a reference that contains it shrinks the statistics (the expected chi-square
     * of a 10 % chunk falls to about (1 - 0.1) / (1 + 0.1) = 0.82 of its value), so thresholds come out low.
     */
    REST,
    /** The whole reference, chunk included: NannyML's method, for results that agree with it. */
    WHOLE;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ChunkReference fromId(final String id) {
        for (final ChunkReference reference : values()) {
            if (reference.id().equals(id)) {
                return reference;
            }
        }
        throw new IllegalArgumentException("unknown chunk reference '" + id + "'; valid values are "
                + Arrays.stream(values()).map(ChunkReference::id).toList());
    }
}
