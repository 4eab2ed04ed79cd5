package dev.momo.load.detectors;

import dev.momo.detectors.Adwin;
import dev.momo.detectors.AdwinParameters;
import dev.momo.detectors.ChangeDetector;
import dev.momo.detectors.ChangeDetectors;
import dev.momo.detectors.DetectorKind;
import dev.momo.detectors.DetectorState;
import java.util.Map;

/**
 * Prints the size of each detector's encoded state after 10 million stationary values
 * ({@link DetectorStreams}), and ADWIN's state size as its window grows from 10^3 to 10^7 values,
 * to show that it grows with the logarithm of the window length. Run it with
 * {@code load-tests/run-detectors}.
 */
public final class DetectorStateSize {

    private DetectorStateSize() {
    }

    public static void main(final String[] args) {
        System.out.println("Encoded state after " + DetectorStreams.LENGTH + " stationary values, default parameters");
        System.out.printf("%-14s %12s %8s%n", "detector", "state bytes", "drifts");
        for (final DetectorKind kind : DetectorKind.values()) {
            final ChangeDetector detector = ChangeDetectors.parameters(kind.externalName(),
                    kind == DetectorKind.KSWIN ? Map.of("seed", "42") : Map.of()).newDetector();
            int drifts = 0;
            for (final double value : DetectorStreams.stationary(kind, DetectorStreams.LENGTH)) {
                if (detector.update(value) == DetectorState.DRIFT) {
                    drifts++;
                }
            }
            System.out.printf("%-14s %12d %8d%n", kind.externalName(), detector.encode().length, drifts);
        }

        System.out.println();
        System.out.println("ADWIN state as its window grows (stationary normal values, default parameters)");
        System.out.printf("%12s %12s %12s%n", "values", "width", "state bytes");
        final Adwin adwin = AdwinParameters.defaults().newDetector();
        final double[] values = DetectorStreams.stationary(DetectorKind.ADWIN, DetectorStreams.LENGTH);
        long next = 1000;
        for (int i = 0; i < values.length; i++) {
            adwin.update(values[i]);
            if (i + 1 == next) {
                System.out.printf("%12d %12d %12d%n", next, adwin.width(), adwin.encode().length);
                next *= 10;
            }
        }
    }
}
