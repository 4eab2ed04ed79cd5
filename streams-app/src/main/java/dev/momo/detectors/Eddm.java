package dev.momo.detectors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EDDM, the early drift detection method: watches the distance, in values, between consecutive
 * errors of a classifier (1 for an error, 0 for a correct prediction) and detects when errors come
 * closer. It reacts to gradual drift earlier than {@link Ddm}. Source: Baena-García, del
 * Campo-Ávila, Fidalgo, Bifet, Gavaldà and Morales-Bueno, "Early drift detection method", 4th
 * International Workshop on Knowledge Discovery from Data Streams, 2006.
 *
 * <p>At each error it updates the mean p' and sample standard deviation s' (divisor n - 1) of the
 * distances. Once more than {@code warmStart} values have been seen, it tracks the maximum of
 * {@code p' + 2 s'}; at an error that does not raise the maximum, and once more than
 * {@code warmStart} errors have been seen, it computes
 * <pre>
 *   level = (p' + 2 s') / max(p' + 2 s')
 * </pre>
 * and reports a drift if {@code level < beta}, a warning if {@code level < alpha}, and no warning
 * otherwise. Correct predictions leave the state as it was. The value after a drift starts from
 * scratch. This is River's {@code river.drift.binary.EDDM} ({@code river/drift/binary/eddm.py},
 * commit 70cad9e).
 *
 * <p>Estimate: {@code errors}, {@code mean_distance} (p'), {@code std_distance} (s'),
 * {@code statistic} (p' + 2 s'), {@code max_statistic} and {@code level}.
 */
public final class Eddm implements ChangeDetector {

    private static final DetectorKind KIND = DetectorKind.EDDM;
    private static final int FORMAT_VERSION = 1;

    private final EddmParameters parameters;
    private long count;
    private long errors;
    private long lastError;
    private double meanDistance;
    /** Sum of squared deviations of the distances from their running mean (Welford). */
    private double squares;
    private double maxStatistic;
    private DetectorState state;

    public Eddm(final EddmParameters parameters) {
        this.parameters = parameters;
        reset();
    }

    @Override
    public DetectorState update(final double value) {
        Checks.requireBit(value, KIND);
        if (state == DetectorState.DRIFT) {
            reset();
        }

        count++;
        if (value != 1.0) {
            return state;
        }
        errors++;
        final double distance = count - lastError;
        final double previousMean = meanDistance;
        meanDistance += (1.0 / errors) * (distance - meanDistance);
        squares += (distance - previousMean) * (distance - meanDistance);

        if (count > parameters.warmStart()) {
            final double statistic = statistic();
            if (statistic > maxStatistic) {
                maxStatistic = statistic;
            } else if (errors > parameters.warmStart()) {
                final double level = statistic / maxStatistic;
                if (level < parameters.beta()) {
                    state = DetectorState.DRIFT;
                } else if (level < parameters.alpha()) {
                    state = DetectorState.WARNING;
                } else {
                    state = DetectorState.NONE;
                }
            }
        }
        lastError = count;
        return state;
    }

    private double stdDistance() {
        return errors > 1 ? Math.sqrt(squares / (errors - 1)) : 0.0;
    }

    private double statistic() {
        return meanDistance + 2 * stdDistance();
    }

    private void reset() {
        count = 0;
        errors = 0;
        lastError = 0;
        meanDistance = 0.0;
        squares = 0.0;
        maxStatistic = -1.0;
        state = DetectorState.NONE;
    }

    @Override
    public DetectorState state() {
        return state;
    }

    @Override
    public EddmParameters parameters() {
        return parameters;
    }

    @Override
    public Map<String, Double> estimate() {
        final Map<String, Double> estimate = new LinkedHashMap<>();
        estimate.put("errors", (double) errors);
        estimate.put("mean_distance", meanDistance);
        estimate.put("std_distance", stdDistance());
        estimate.put("statistic", statistic());
        estimate.put("max_statistic", maxStatistic);
        estimate.put("level", maxStatistic > 0 ? statistic() / maxStatistic : Double.NaN);
        return estimate;
    }

    @Override
    public byte[] encode() {
        final StateWriter writer = new StateWriter(KIND, FORMAT_VERSION, 80);
        parameters.write(writer);
        writer.putState(state);
        writer.putLong(count);
        writer.putLong(errors);
        writer.putLong(lastError);
        writer.putDouble(meanDistance);
        writer.putDouble(squares);
        writer.putDouble(maxStatistic);
        return writer.toByteArray();
    }

    static Eddm decode(final StateReader reader, final int version) {
        final Eddm detector = new Eddm(EddmParameters.read(reader));
        detector.state = reader.getState();
        detector.count = reader.getCount("count");
        detector.errors = reader.getCount("errors");
        detector.lastError = reader.getCount("last_error");
        detector.meanDistance = reader.getDouble("mean_distance");
        detector.squares = reader.getDouble("squares");
        detector.maxStatistic = reader.getDouble("max_statistic");
        reader.expectEnd();
        if (detector.errors > detector.count || detector.lastError > detector.count) {
            throw reader.invalid("errors (" + detector.errors + ") and last_error (" + detector.lastError
                    + ") must not exceed count (" + detector.count + ")");
        }
        return detector;
    }
}
