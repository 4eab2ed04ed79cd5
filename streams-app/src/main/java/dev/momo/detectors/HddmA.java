package dev.momo.detectors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HDDM_A, drift detection with Hoeffding's bound and moving averages: watches the mean of values in
 * [0, 1], typically a classifier's error indicator, and detects when it rises (and, two-sided, when
 * it falls). Source: Frías-Blanco, del Campo-Ávila, Ramos-Jiménez, Morales-Bueno, Ortiz-Díaz and
 * Caballero-Mota, "Online and non-parametric drift detection methods based on Hoeffding's bounds",
 * IEEE TKDE 27(3), 2015.
 *
 * <p>With Z the mean of all n values since the start and {@code eps(n) = sqrt(ln(1/driftConfidence)
 * / (2n))}, the detector keeps a cut point X: the prefix mean (over n_x values) that minimized
 * {@code mean + eps}. An increase is significant at level c when
 * <pre>
 *   Z - X >= sqrt(m / 2 ln(2 / c)),   m = (n - n_x) / n_x / n
 * </pre>
 * tested with {@code driftConfidence} for a drift and {@code warningConfidence} for a warning. The
 * two-sided test does the same for decreases with a second cut point that maximized
 * {@code mean - eps}. The value after a drift starts from scratch. This is River's
 * {@code river.drift.binary.HDDM_A} ({@code river/drift/binary/hddm_a.py}, commit 7cb9956), which
 * follows MOA's {@code HDDM_A_Test}.
 *
 * <p>Estimate: {@code count} (n), {@code mean} (Z), {@code increase_cut_mean} (X) and, two-sided,
 * {@code decrease_cut_mean}.
 */
public final class HddmA implements ChangeDetector {

    private static final DetectorKind KIND = DetectorKind.HDDM_A;
    private static final int FORMAT_VERSION = 1;

    private final HddmAParameters parameters;
    private double count;
    private double mean;
    private double increaseCutCount;
    private double increaseCutMean;
    private double decreaseCutCount;
    private double decreaseCutMean;
    private DetectorState state = DetectorState.NONE;

    public HddmA(final HddmAParameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public DetectorState update(final double value) {
        Checks.requireUnitInterval(value, KIND);
        if (state == DetectorState.DRIFT) {
            reset();
        }

        count += 1.0;
        mean += (1.0 / count) * (value - mean);
        if (increaseCutCount == 0.0) {
            increaseCutCount = count;
            increaseCutMean = mean;
        }
        if (decreaseCutCount == 0.0) {
            decreaseCutCount = count;
            decreaseCutMean = mean;
        }
        moveCutPoints();

        boolean drift = false;
        boolean warning = false;
        if (increased(parameters.driftConfidence())) {
            drift = true;
        } else if (increased(parameters.warningConfidence())) {
            warning = true;
        }
        if (parameters.twoSided()) {
            if (decreased(parameters.driftConfidence())) {
                drift = true;
            } else if (decreased(parameters.warningConfidence())) {
                warning = true;
            }
        }
        state = DetectorState.NONE;
        if (drift) {
            state = DetectorState.DRIFT;
        } else if (warning) {
            state = DetectorState.WARNING;
        }
        return state;
    }

    private void moveCutPoints() {
        final double boundAll = hoeffdingBound(count);
        if (increaseCutMean + hoeffdingBound(increaseCutCount) >= mean + boundAll) {
            increaseCutCount = count;
            increaseCutMean = mean;
        }
        if (decreaseCutMean - hoeffdingBound(decreaseCutCount) <= mean - boundAll) {
            decreaseCutCount = count;
            decreaseCutMean = mean;
        }
    }

    private double hoeffdingBound(final double n) {
        return Math.sqrt(1.0 / (2 * n) * Math.log(1.0 / parameters.driftConfidence()));
    }

    private boolean increased(final double confidence) {
        if (increaseCutCount == count) {
            return false;
        }
        final double m = (count - increaseCutCount) / increaseCutCount * (1.0 / count);
        return mean - increaseCutMean >= Math.sqrt(m / 2 * Math.log(2.0 / confidence));
    }

    private boolean decreased(final double confidence) {
        if (decreaseCutCount == count) {
            return false;
        }
        final double m = (count - decreaseCutCount) / decreaseCutCount * (1.0 / count);
        return decreaseCutMean - mean >= Math.sqrt(m / 2 * Math.log(2.0 / confidence));
    }

    private void reset() {
        count = 0.0;
        mean = 0.0;
        increaseCutCount = 0.0;
        increaseCutMean = 0.0;
        decreaseCutCount = 0.0;
        decreaseCutMean = 0.0;
        state = DetectorState.NONE;
    }

    @Override
    public DetectorState state() {
        return state;
    }

    @Override
    public HddmAParameters parameters() {
        return parameters;
    }

    @Override
    public Map<String, Double> estimate() {
        final Map<String, Double> estimate = new LinkedHashMap<>();
        estimate.put("count", count);
        estimate.put("mean", mean);
        estimate.put("increase_cut_mean", increaseCutMean);
        if (parameters.twoSided()) {
            estimate.put("decrease_cut_mean", decreaseCutMean);
        }
        return estimate;
    }

    @Override
    public byte[] encode() {
        final StateWriter writer = new StateWriter(KIND, FORMAT_VERSION, 80);
        parameters.write(writer);
        writer.putState(state);
        writer.putDouble(count);
        writer.putDouble(mean);
        writer.putDouble(increaseCutCount);
        writer.putDouble(increaseCutMean);
        writer.putDouble(decreaseCutCount);
        writer.putDouble(decreaseCutMean);
        return writer.toByteArray();
    }

    static HddmA decode(final StateReader reader, final int version) {
        final HddmA detector = new HddmA(HddmAParameters.read(reader));
        detector.state = reader.getState();
        detector.count = reader.getDouble("count");
        detector.mean = reader.getDouble("mean");
        detector.increaseCutCount = reader.getDouble("increase_cut_count");
        detector.increaseCutMean = reader.getDouble("increase_cut_mean");
        detector.decreaseCutCount = reader.getDouble("decrease_cut_count");
        detector.decreaseCutMean = reader.getDouble("decrease_cut_mean");
        reader.expectEnd();
        if (!(detector.increaseCutCount <= detector.count && detector.decreaseCutCount <= detector.count)) {
            throw reader.invalid("cut point counts (" + detector.increaseCutCount + ", " + detector.decreaseCutCount
                    + ") must not exceed count (" + detector.count + ")");
        }
        return detector;
    }
}
