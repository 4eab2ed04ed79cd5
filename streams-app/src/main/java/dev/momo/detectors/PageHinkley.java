package dev.momo.detectors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Page-Hinkley test (E. S. Page, "Continuous inspection schemes", Biometrika 41, 1954): detects a
 * lasting shift of the mean of a numeric stream, up, down or both.
 *
 * <p>With the running mean {@code mean_t} of the values so far (the current one included), the
 * detector keeps two faded cumulative sums and their extremes:
 * <pre>
 *   U_t = alpha U_{t-1} + (x_t - mean_t) - delta,   m_t = min(U_1 .. U_t)
 *   D_t = alpha D_{t-1} + (x_t - mean_t) + delta,   M_t = max(D_1 .. D_t)
 * </pre>
 * and reports a drift when {@code U_t - m_t > threshold} (an increase) or {@code M_t - D_t >
 * threshold} (a decrease), as {@code mode} selects, once {@code minInstances} values have been
 * seen. The next value then starts from scratch. This is River 0.23's
 * {@code river.drift.PageHinkley} (River initializes M to -1, which the first value always
 * replaces, since D_1 = delta). {@link PageHinkleyParameters.Flavor#MOA} follows MOA's
 * {@code PageHinkleyDM} instead.
 *
 * <p>Estimate: {@code mean}; {@code increase} and/or {@code decrease}, the statistics tested for
 * the watched directions; {@code statistic}, the larger of them; {@code threshold}. All are 0
 * before the first value.
 */
public final class PageHinkley implements ChangeDetector {

    private static final DetectorKind KIND = DetectorKind.PAGE_HINKLEY;
    private static final int FORMAT_VERSION = 1;

    private final PageHinkleyParameters parameters;
    private final boolean moa;
    private long count;
    private double mean;
    private double sumIncrease;
    private double sumDecrease;
    private double minIncrease;
    private double maxDecrease;
    private DetectorState state = DetectorState.NONE;

    public PageHinkley(final PageHinkleyParameters parameters) {
        this.parameters = parameters;
        this.moa = parameters.flavor() == PageHinkleyParameters.Flavor.MOA;
        reset();
    }

    @Override
    public DetectorState update(final double value) {
        Checks.requireFinite(value, KIND);
        if (state == DetectorState.DRIFT) {
            reset();
        }

        if (moa) {
            updateMoa(value);
        } else {
            updateRiver(value);
        }
        return state;
    }

    private void updateRiver(final double value) {
        count++;
        mean += (1.0 / count) * (value - mean);
        final double deviation = value - mean;
        sumIncrease = parameters.alpha() * sumIncrease + deviation - parameters.delta();
        sumDecrease = parameters.alpha() * sumDecrease + deviation + parameters.delta();
        if (sumIncrease < minIncrease) {
            minIncrease = sumIncrease;
        }
        if (sumDecrease > maxDecrease) {
            maxDecrease = sumDecrease;
        }

        if (count >= parameters.minInstances()) {
            final Direction mode = parameters.mode();
            final boolean up = mode.watchesIncrease() && increase() > parameters.threshold();
            final boolean down = mode.watchesDecrease() && decrease() > parameters.threshold();
            state = up || down ? DetectorState.DRIFT : DetectorState.NONE;
        }
    }

    /** MOA's order of operations; its counter starts at 1, so its warm-up check reads {@code count + 1}. */
    private void updateMoa(final double value) {
        count++;
        mean = mean + (value - mean) / count;
        sumIncrease = parameters.alpha() * sumIncrease + (value - mean - parameters.delta());
        if (sumIncrease <= minIncrease) {
            minIncrease = sumIncrease;
        }

        state = DetectorState.NONE;
        if (count + 1 >= parameters.minInstances() && increase() > parameters.threshold()) {
            state = DetectorState.DRIFT;
        }
    }

    private double increase() {
        return count == 0 ? 0.0 : sumIncrease - minIncrease;
    }

    private double decrease() {
        return count == 0 ? 0.0 : maxDecrease - sumDecrease;
    }

    private void reset() {
        count = 0;
        mean = 0.0;
        sumIncrease = 0.0;
        sumDecrease = 0.0;
        minIncrease = Double.POSITIVE_INFINITY;
        maxDecrease = Double.NEGATIVE_INFINITY;
        state = DetectorState.NONE;
    }

    @Override
    public DetectorState state() {
        return state;
    }

    @Override
    public PageHinkleyParameters parameters() {
        return parameters;
    }

    @Override
    public Map<String, Double> estimate() {
        final Map<String, Double> estimate = new LinkedHashMap<>();
        estimate.put("mean", mean);
        double statistic = Double.NEGATIVE_INFINITY;
        if (parameters.mode().watchesIncrease()) {
            estimate.put("increase", increase());
            statistic = increase();
        }
        if (parameters.mode().watchesDecrease()) {
            estimate.put("decrease", decrease());
            statistic = Math.max(statistic, decrease());
        }
        estimate.put("statistic", statistic);
        estimate.put("threshold", parameters.threshold());
        return estimate;
    }

    @Override
    public byte[] encode() {
        final StateWriter writer = new StateWriter(KIND, FORMAT_VERSION, 96);
        parameters.write(writer);
        writer.putState(state);
        writer.putLong(count);
        writer.putDouble(mean);
        writer.putDouble(sumIncrease);
        writer.putDouble(sumDecrease);
        writer.putDouble(minIncrease);
        writer.putDouble(maxDecrease);
        return writer.toByteArray();
    }

    static PageHinkley decode(final StateReader reader, final int version) {
        final PageHinkley detector = new PageHinkley(PageHinkleyParameters.read(reader));
        detector.state = reader.getState();
        detector.count = reader.getCount("count");
        detector.mean = reader.getDouble("mean");
        detector.sumIncrease = reader.getDouble("sum_increase");
        detector.sumDecrease = reader.getDouble("sum_decrease");
        detector.minIncrease = reader.getDouble("min_increase");
        detector.maxDecrease = reader.getDouble("max_decrease");
        reader.expectEnd();
        return detector;
    }
}
