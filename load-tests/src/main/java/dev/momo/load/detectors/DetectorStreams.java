package dev.momo.load.detectors;

import dev.momo.detectors.DetectorKind;
import java.util.SplittableRandom;

/**
 * Stationary input streams for the detector benchmarks: bits with an error rate of 0.2 for the
 * error-rate detectors (DDM, EDDM, HDDM_A, HDDM_W), standard normal values for the others. A
 * stationary stream is the common case in production and lets ADWIN's window grow to its full
 * length, which is its most expensive state.
 */
final class DetectorStreams {

    static final int LENGTH = 10_000_000;
    private static final long SEED = 42;

    private DetectorStreams() {
    }

    static boolean takesBits(final DetectorKind kind) {
        return kind == DetectorKind.DDM || kind == DetectorKind.EDDM || kind == DetectorKind.HDDM_A
                || kind == DetectorKind.HDDM_W;
    }

    static double[] stationary(final DetectorKind kind, final int length) {
        final SplittableRandom random = new SplittableRandom(SEED);
        final double[] values = new double[length];
        final boolean bits = takesBits(kind);
        for (int i = 0; i < length; i++) {
            if (bits) {
                values[i] = random.nextDouble() < 0.2 ? 1.0 : 0.0;
            } else {
                values[i] = random.nextGaussian();
            }
        }
        return values;
    }
}
