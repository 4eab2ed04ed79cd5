package dev.momo.detectors;

import java.util.Map;

/** Builds detectors from textual parameters and restores them from encoded state. */
public final class ChangeDetectors {

    private ChangeDetectors() {
    }

    /**
     * Parses the parameters of the detector {@code name} (see {@link DetectorKind#fromName(String)})
     * from KEY=VALUE pairs; keys left out take the defaults of the reference implementation.
     *
     * @throws IllegalArgumentException for an unknown detector or key, a value that does not parse,
     *     or a value outside its allowed range, naming it
     */
    public static DetectorParameters parameters(final String name, final Map<String, String> values) {
        final DetectorKind kind = DetectorKind.fromName(name);
        final ParameterMap map = new ParameterMap(kind, values);
        final DetectorParameters parameters = switch (kind) {
            case ADWIN -> AdwinParameters.parse(map);
            case PAGE_HINKLEY -> PageHinkleyParameters.parse(map);
            case CUSUM -> CusumParameters.parse(map);
            case KSWIN -> KswinParameters.parse(map);
            case DDM -> DdmParameters.parse(map);
            case EDDM -> EddmParameters.parse(map);
            case HDDM_A -> HddmAParameters.parse(map);
            case HDDM_W -> HddmWParameters.parse(map);
        };
        map.finish();
        return parameters;
    }

    /**
     * Restores a detector from {@link ChangeDetector#encode()}.
     *
     * @throws InvalidDetectorStateException when the format byte is unknown, the version is not
     *     one this build reads, or the bytes are truncated, too long or hold impossible values
     */
    public static ChangeDetector decode(final byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidDetectorStateException("invalid detector state: no bytes");
        }
        final int formatByte = bytes[0] & 0xFF;
        final DetectorKind kind = DetectorKind.fromFormatByte(formatByte);
        if (kind == null) {
            throw new InvalidDetectorStateException(String.format(
                    "invalid detector state: unknown format byte 0x%02x; it was not written by a Momo detector", formatByte));
        }
        final int version = formatByte & 0x0F;
        if (version != 1) {
            throw new InvalidDetectorStateException(String.format("unsupported %s state version %d (format byte 0x%02x);"
                    + " this build reads version 1", kind.externalName(), version, formatByte));
        }
        final StateReader reader = new StateReader(bytes, kind.externalName());
        return switch (kind) {
            case ADWIN -> Adwin.decode(reader, version);
            case PAGE_HINKLEY -> PageHinkley.decode(reader, version);
            case CUSUM -> Cusum.decode(reader, version);
            case KSWIN -> Kswin.decode(reader, version);
            case DDM -> Ddm.decode(reader, version);
            case EDDM -> Eddm.decode(reader, version);
            case HDDM_A -> HddmA.decode(reader, version);
            case HDDM_W -> HddmW.decode(reader, version);
        };
    }
}
