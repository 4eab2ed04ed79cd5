package dev.momo.detectors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DDM, the drift detection method (Gama, Medas, Castillo and Rodrigues, "Learning with drift
 * detection", SBIA 2004): watches the error rate of a classifier, given one 0 (correct) or 1
 * (error) per prediction, and detects when it rises.
 *
 * <p>After n values with error rate p (their mean) it computes {@code s = sqrt(p (1 - p) / n)}.
 * Once n exceeds {@code warmStart} it remembers p_min and s_min at the smallest p + s seen, and
 * reports
 * <pre>
 *   drift     if p + s > p_min + driftThreshold   s_min
 *   warning   if p + s > p_min + warningThreshold s_min
 * </pre>
 * The value after a drift starts from scratch. This is River's {@code river.drift.binary.DDM}
 * ({@code river/drift/binary/ddm.py}, commit 7cb9956). MOA's {@code DDM.java} differs slightly: it
 * tracks the minimum from n = warmStart - 1 on and reports drifts from n = warmStart on. Values
 * strictly between 0 and 1 are accepted and averaged like bits.
 *
 * <p>Estimate: {@code error_rate} (p), {@code std} (s), {@code statistic} (p + s),
 * {@code warning_level} and {@code drift_level} (infinite until the warm-up ends).
 */
public final class Ddm implements ChangeDetector {

    private static final DetectorKind KIND = DetectorKind.DDM;
    private static final int FORMAT_VERSION = 1;

    private final DdmParameters parameters;
    private long count;
    private double errorRate;
    private double minErrorRate;
    private double minStd;
    private double minSum;
    private DetectorState state;

    public Ddm(final DdmParameters parameters) {
        this.parameters = parameters;
        reset();
    }

    @Override
    public DetectorState update(final double value) {
        Checks.requireUnitInterval(value, KIND);
        if (state == DetectorState.DRIFT) {
            reset();
        }

        count++;
        errorRate += (1.0 / count) * (value - errorRate);
        final double std = std();
        if (count > parameters.warmStart()) {
            if (errorRate + std <= minSum) {
                minErrorRate = errorRate;
                minStd = std;
                minSum = minErrorRate + minStd;
            }
            state = errorRate + std > minErrorRate + parameters.warningThreshold() * minStd
                    ? DetectorState.WARNING : DetectorState.NONE;
            if (errorRate + std > minErrorRate + parameters.driftThreshold() * minStd) {
                state = DetectorState.DRIFT;
            }
        }
        return state;
    }

    private double std() {
        return count == 0 ? 0.0 : Math.sqrt(errorRate * (1 - errorRate) / count);
    }

    private void reset() {
        count = 0;
        errorRate = 0.0;
        minErrorRate = Double.POSITIVE_INFINITY;
        minStd = Double.POSITIVE_INFINITY;
        minSum = Double.POSITIVE_INFINITY;
        state = DetectorState.NONE;
    }

    @Override
    public DetectorState state() {
        return state;
    }

    @Override
    public DdmParameters parameters() {
        return parameters;
    }

    @Override
    public Map<String, Double> estimate() {
        final Map<String, Double> estimate = new LinkedHashMap<>();
        estimate.put("error_rate", errorRate);
        estimate.put("std", std());
        estimate.put("statistic", errorRate + std());
        estimate.put("warning_level", minErrorRate + parameters.warningThreshold() * minStd);
        estimate.put("drift_level", minErrorRate + parameters.driftThreshold() * minStd);
        return estimate;
    }

    @Override
    public byte[] encode() {
        final StateWriter writer = new StateWriter(KIND, FORMAT_VERSION, 80);
        parameters.write(writer);
        writer.putState(state);
        writer.putLong(count);
        writer.putDouble(errorRate);
        writer.putDouble(minErrorRate);
        writer.putDouble(minStd);
        writer.putDouble(minSum);
        return writer.toByteArray();
    }

    static Ddm decode(final StateReader reader, final int version) {
        final Ddm detector = new Ddm(DdmParameters.read(reader));
        detector.state = reader.getState();
        detector.count = reader.getCount("count");
        detector.errorRate = reader.getDouble("error_rate");
        detector.minErrorRate = reader.getDouble("min_error_rate");
        detector.minStd = reader.getDouble("min_std");
        detector.minSum = reader.getDouble("min_sum");
        reader.expectEnd();
        return detector;
    }
}
