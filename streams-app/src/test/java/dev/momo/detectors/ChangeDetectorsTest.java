package dev.momo.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ChangeDetectorsTest {

    @Test
    void emptyParametersGiveDefaults() {
        assertThat(ChangeDetectors.parameters("adwin", Map.of())).isEqualTo(AdwinParameters.defaults());
        assertThat(ChangeDetectors.parameters("page-hinkley", Map.of())).isEqualTo(PageHinkleyParameters.defaults());
        assertThat(ChangeDetectors.parameters("cusum", Map.of())).isEqualTo(CusumParameters.defaults());
        assertThat(ChangeDetectors.parameters("kswin", Map.of())).isEqualTo(KswinParameters.defaults());
        assertThat(ChangeDetectors.parameters("ddm", Map.of())).isEqualTo(DdmParameters.defaults());
        assertThat(ChangeDetectors.parameters("eddm", Map.of())).isEqualTo(EddmParameters.defaults());
        assertThat(ChangeDetectors.parameters("HDDM_A", Map.of())).isEqualTo(HddmAParameters.defaults());
        assertThat(ChangeDetectors.parameters("hddm-w", Map.of())).isEqualTo(HddmWParameters.defaults());
    }

    @Test
    void textParametersParse() {
        assertThat(ChangeDetectors.parameters("adwin", Map.of("delta", "0.01", "clock", "1", "flavor", "MOA")))
                .isEqualTo(new AdwinParameters(0.01, 1, 5, 5, 10, AdwinParameters.Flavor.MOA));
        assertThat(ChangeDetectors.parameters("page-hinkley", Map.of("mode", "down", "threshold", "10")))
                .isEqualTo(new PageHinkleyParameters(30, 0.005, 10.0, 0.9999, Direction.DOWN,
                        PageHinkleyParameters.Flavor.RIVER));
        assertThat(ChangeDetectors.parameters("kswin", Map.of("seed", "42")))
                .isEqualTo(new KswinParameters(0.005, 100, 30, OptionalLong.of(42)));
        assertThat(ChangeDetectors.parameters("hddm-a", Map.of("two_sided_test", "TRUE")))
                .isEqualTo(HddmAParameters.defaults().withTwoSided(true));
    }

    @Test
    void unknownNamesAndValuesAreRejected() {
        assertThatThrownBy(() -> ChangeDetectors.parameters("adwinn", Map.of()))
                .hasMessage("unknown detector 'adwinn'; detectors are adwin, page-hinkley, cusum, kswin, ddm, eddm,"
                        + " hddm-a, hddm-w");
        assertThatThrownBy(() -> ChangeDetectors.parameters("adwin", Map.of("detla", "0.1")))
                .hasMessage("unknown parameter 'detla' for adwin; its parameters are delta, clock, max_buckets,"
                        + " min_window_length, grace_period, flavor");
        assertThatThrownBy(() -> ChangeDetectors.parameters("adwin", Map.of("delta", "small")))
                .hasMessage("invalid value 'small' for parameter delta of adwin: expected a number");
        assertThatThrownBy(() -> ChangeDetectors.parameters("adwin", Map.of("delta", "NaN")))
                .hasMessage("invalid value 'NaN' for parameter delta of adwin: expected a number");
        assertThatThrownBy(() -> ChangeDetectors.parameters("adwin", Map.of("flavor", "sklearn")))
                .hasMessage("invalid value 'sklearn' for parameter flavor of adwin: expected one of "
                        + String.join(", ", Map.of("river", 1, "moa", 2, "scikit-multiflow", 3).keySet()));
        assertThatThrownBy(() -> ChangeDetectors.parameters("hddm-w", Map.of("two_sided_test", "yes")))
                .hasMessage("invalid value 'yes' for parameter two_sided_test of hddm-w: expected true or false");
        assertThatThrownBy(() -> ChangeDetectors.parameters("adwin", Map.of("delta", "2")))
                .hasMessage("adwin delta must be in (0.0, 1.0), got 2.0");
    }

    @Test
    void everyKindRoundTripsFreshAndUsed() {
        for (final DetectorKind kind : DetectorKind.values()) {
            final ChangeDetector detector = ChangeDetectors.parameters(kind.externalName(),
                    kind == DetectorKind.KSWIN ? Map.of("seed", "3") : Map.of()).newDetector();
            assertThat(ChangeDetectors.decode(detector.encode()).encode()).as("fresh %s", kind).isEqualTo(detector.encode());

            for (int i = 0; i < 500; i++) {
                detector.update(i % 3 == 0 ? 1.0 : 0.0);
            }
            final ChangeDetector decoded = ChangeDetectors.decode(detector.encode());

            assertThat(decoded.encode()).as("used %s", kind).isEqualTo(detector.encode());
            assertThat(decoded.parameters()).isEqualTo(detector.parameters());
            assertThat(decoded.state()).isEqualTo(detector.state());
            assertThat(decoded.estimate()).isEqualTo(detector.estimate());
        }
    }

    @Test
    void formatByteNamesKindAndVersion() {
        assertThat(AdwinParameters.defaults().newDetector().encode()[0]).isEqualTo((byte) 0x11);
        assertThat(HddmWParameters.defaults().newDetector().encode()[0]).isEqualTo((byte) 0x81);
    }

    @Test
    void unknownFormatByteIsRejected() {
        assertThatThrownBy(() -> ChangeDetectors.decode(new byte[] {(byte) 0xF1, 0, 0}))
                .isInstanceOf(InvalidDetectorStateException.class)
                .hasMessage("invalid detector state: unknown format byte 0xf1; it was not written by a Momo detector");
        assertThatThrownBy(() -> ChangeDetectors.decode(new byte[0]))
                .isInstanceOf(InvalidDetectorStateException.class).hasMessage("invalid detector state: no bytes");
    }

    @Test
    void newerVersionIsRejected() {
        final byte[] bytes = DdmParameters.defaults().newDetector().encode();
        bytes[0] = 0x52;

        assertThatThrownBy(() -> ChangeDetectors.decode(bytes)).isInstanceOf(InvalidDetectorStateException.class)
                .hasMessage("unsupported ddm state version 2 (format byte 0x52); this build reads version 1");
    }

    @Test
    void truncatedStateIsRejected() {
        final ChangeDetector detector = AdwinParameters.defaults().newDetector();
        for (int i = 0; i < 100; i++) {
            detector.update(i);
        }
        final byte[] bytes = detector.encode();

        for (int length = 1; length < bytes.length; length++) {
            final byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> ChangeDetectors.decode(truncated)).as("first %d bytes", length)
                    .isInstanceOf(InvalidDetectorStateException.class).hasMessageStartingWith("invalid adwin state: ");
        }
    }

    @Test
    void trailingBytesAreRejected() {
        final byte[] encoded = EddmParameters.defaults().newDetector().encode();
        final byte[] bytes = Arrays.copyOf(encoded, encoded.length + 3);

        assertThatThrownBy(() -> ChangeDetectors.decode(bytes)).isInstanceOf(InvalidDetectorStateException.class)
                .hasMessage("invalid eddm state: 3 unexpected bytes after the last field");
    }

    @Test
    void impossibleFieldsAreRejected() {
        final byte[] adwin = AdwinParameters.defaults().newDetector().encode();
        adwin[1] = 0x7F;
        final byte[] state = DdmParameters.defaults().newDetector().encode();
        state[21] = 9;

        assertThatThrownBy(() -> ChangeDetectors.decode(adwin)).isInstanceOf(InvalidDetectorStateException.class)
                .hasMessageStartingWith("invalid adwin state: adwin delta must be in (0.0, 1.0), got ");
        assertThatThrownBy(() -> ChangeDetectors.decode(state)).isInstanceOf(InvalidDetectorStateException.class)
                .hasMessage("invalid ddm state: state is 9, expected 0 to 2");
    }
}
