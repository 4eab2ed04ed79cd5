package dev.momo.detectors;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The detector kinds, with the name that configuration and the command line use and the code that
 * the encoded state starts with.
 */
public enum DetectorKind {
    ADWIN("adwin", 0x1),
    PAGE_HINKLEY("page-hinkley", 0x2),
    CUSUM("cusum", 0x3),
    KSWIN("kswin", 0x4),
    DDM("ddm", 0x5),
    EDDM("eddm", 0x6),
    HDDM_A("hddm-a", 0x7),
    HDDM_W("hddm-w", 0x8);

    private final String externalName;
    private final int code;

    DetectorKind(final String externalName, final int code) {
        this.externalName = externalName;
        this.code = code;
    }

    /** Returns the name used in configuration, on the command line and in reports, such as {@code hddm-a}. */
    public String externalName() {
        return externalName;
    }

    /**
     * Finds a kind by its external name, ignoring case and treating {@code _} as {@code -}.
     *
     * @throws IllegalArgumentException listing the known names when none matches
     */
    public static DetectorKind fromName(final String name) {
        final String normalized = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (final DetectorKind kind : values()) {
            if (kind.externalName.equals(normalized)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown detector '" + name + "'; detectors are " + names());
    }

    /** Returns the external names, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(DetectorKind::externalName).collect(Collectors.joining(", "));
    }

    /** Returns the format byte: this kind's code in the high four bits, {@code version} (1 to 15) in the low four. */
    int formatByte(final int version) {
        return code << 4 | version;
    }

    /** Returns the kind whose code is in the high four bits of {@code formatByte}, or null. */
    static DetectorKind fromFormatByte(final int formatByte) {
        final int wanted = formatByte >>> 4;
        for (final DetectorKind kind : values()) {
            if (kind.code == wanted) {
                return kind;
            }
        }
        return null;
    }
}
