package dev.momo.detectors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tabular CUSUM (E. S. Page, "Continuous inspection schemes", Biometrika 41, 1954): detects a
 * sustained shift of the mean away from a reference fixed at start-up.
 *
 * <p>The mean mu and sample standard deviation sigma (divisor n - 1) of the first
 * {@code minInstances} values become the reference and stay frozen. From the value that completes
 * the warm-up on, with {@code k = slack sigma} and {@code h = threshold sigma},
 * <pre>
 *   S+_t = max(0, S+_{t-1} + (x_t - mu) - k),   S-_t = max(0, S-_{t-1} - (x_t - mu) - k)
 * </pre>
 * and a drift is reported when {@code S+ > h} or {@code S- > h}, as {@code mode} selects; the next
 * value starts a new warm-up. Because the sums restart at zero, one outlier cannot trigger a
 * detection. A constant warm-up gives sigma = 0, so any later deviation is a drift. This is
 * River's {@code river.drift.CUSUM} ({@code river/drift/cusum.py}, commit 291ccdd).
 *
 * <p>Estimate: {@code reference_mean} and {@code reference_std} (the running ones during the
 * warm-up), {@code increase} (S+) and/or {@code decrease} (S-), {@code statistic} (the larger
 * watched sum) and {@code limit} (h, in the units of the values).
 */
public final class Cusum implements ChangeDetector {

    private static final DetectorKind KIND = DetectorKind.CUSUM;
    private static final int FORMAT_VERSION = 1;

    private final CusumParameters parameters;
    private long count;
    private double mean;
    /** Sum of squared deviations from the running mean (Welford). */
    private double squares;
    private boolean referenceFrozen;
    private double referenceMean;
    private double referenceStd;
    private double sumIncrease;
    private double sumDecrease;
    private DetectorState state = DetectorState.NONE;

    public Cusum(final CusumParameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public DetectorState update(final double value) {
        Checks.requireFinite(value, KIND);
        if (state == DetectorState.DRIFT) {
            reset();
        }

        count++;
        final double previousMean = mean;
        mean += (1.0 / count) * (value - mean);
        squares += (value - previousMean) * (value - mean);
        if (count < parameters.minInstances()) {
            state = DetectorState.NONE;
            return state;
        }
        if (!referenceFrozen) {
            referenceFrozen = true;
            referenceMean = mean;
            referenceStd = Math.sqrt(Math.max(sampleVariance(), 0.0));
        }

        final double slack = parameters.slack() * referenceStd;
        final double deviation = value - referenceMean;
        sumIncrease = Math.max(0.0, sumIncrease + deviation - slack);
        sumDecrease = Math.max(0.0, sumDecrease - deviation - slack);
        final double limit = limit();
        final boolean up = parameters.mode().watchesIncrease() && sumIncrease > limit;
        final boolean down = parameters.mode().watchesDecrease() && sumDecrease > limit;
        state = up || down ? DetectorState.DRIFT : DetectorState.NONE;
        return state;
    }

    private double sampleVariance() {
        return count > 1 ? squares / (count - 1) : 0.0;
    }

    private double limit() {
        return parameters.threshold() * referenceStd;
    }

    private void reset() {
        count = 0;
        mean = 0.0;
        squares = 0.0;
        referenceFrozen = false;
        referenceMean = 0.0;
        referenceStd = 0.0;
        sumIncrease = 0.0;
        sumDecrease = 0.0;
        state = DetectorState.NONE;
    }

    @Override
    public DetectorState state() {
        return state;
    }

    @Override
    public CusumParameters parameters() {
        return parameters;
    }

    @Override
    public Map<String, Double> estimate() {
        final Map<String, Double> estimate = new LinkedHashMap<>();
        estimate.put("reference_mean", referenceFrozen ? referenceMean : mean);
        estimate.put("reference_std", referenceFrozen ? referenceStd : Math.sqrt(sampleVariance()));
        double statistic = 0.0;
        if (parameters.mode().watchesIncrease()) {
            estimate.put("increase", sumIncrease);
            statistic = sumIncrease;
        }
        if (parameters.mode().watchesDecrease()) {
            estimate.put("decrease", sumDecrease);
            statistic = Math.max(statistic, sumDecrease);
        }
        estimate.put("statistic", statistic);
        estimate.put("limit", referenceFrozen ? limit() : Double.NaN);
        return estimate;
    }

    @Override
    public byte[] encode() {
        final StateWriter writer = new StateWriter(KIND, FORMAT_VERSION, 96);
        parameters.write(writer);
        writer.putState(state);
        writer.putLong(count);
        writer.putDouble(mean);
        writer.putDouble(squares);
        writer.putBoolean(referenceFrozen);
        writer.putDouble(referenceMean);
        writer.putDouble(referenceStd);
        writer.putDouble(sumIncrease);
        writer.putDouble(sumDecrease);
        return writer.toByteArray();
    }

    static Cusum decode(final StateReader reader, final int version) {
        final Cusum detector = new Cusum(CusumParameters.read(reader));
        detector.state = reader.getState();
        detector.count = reader.getCount("count");
        detector.mean = reader.getDouble("mean");
        detector.squares = reader.getDouble("squares");
        detector.referenceFrozen = reader.getBoolean("reference_frozen");
        detector.referenceMean = reader.getDouble("reference_mean");
        detector.referenceStd = reader.getDouble("reference_std");
        detector.sumIncrease = reader.getDouble("sum_increase");
        detector.sumDecrease = reader.getDouble("sum_decrease");
        reader.expectEnd();
        return detector;
    }
}
