package dev.momo.detectors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HDDM_W, drift detection with McDiarmid's bound and weighted moving averages: watches the mean of
 * values in [0, 1], weighting recent values more, and detects when it rises (and, two-sided, when
 * it falls). It reacts to abrupt changes faster than {@link HddmA}. Source: Frías-Blanco et al.,
 * "Online and non-parametric drift detection methods based on Hoeffding's bounds", IEEE TKDE 27(3),
 * 2015.
 *
 * <p>The detector keeps an {@link EwmaSample} T of all values. For increases it keeps a cut point:
 * when {@code T.ewma + bound(T)} reaches a new minimum, S1 becomes a copy of T and S2 restarts
 * empty; otherwise S2 takes the value. An increase is significant at level c when
 * <pre>
 *   S2.ewma - S1.ewma > sqrt((S1.ibc + S2.ibc) ln(1/c) / 2)
 * </pre>
 * tested with {@code driftConfidence} for a drift and {@code warningConfidence} for a warning, where
 * {@code bound(T) = sqrt(T.ibc ln(1/driftConfidence) / 2)}. Decreases use the mirror image, with a
 * maximum of {@code T.ewma - bound(T)}; they are tracked always and tested when two-sided. The value
 * after a drift starts from scratch. This is River's {@code river.drift.binary.HDDM_W}
 * ({@code river/drift/binary/hddm_w.py}, commit 3aa815f), which follows MOA's {@code HDDM_W_Test}.
 *
 * <p>Estimate: {@code ewma} (T), {@code increase} (S2 - S1) and {@code increase_bound} (its drift
 * bound), both NaN while S2 is empty, and, two-sided, {@code decrease} and {@code decrease_bound}.
 */
public final class HddmW implements ChangeDetector {

    private static final DetectorKind KIND = DetectorKind.HDDM_W;
    private static final int FORMAT_VERSION = 1;

    private final HddmWParameters parameters;
    private final EwmaSample total;
    private final EwmaSample increaseBefore;
    private final EwmaSample increaseAfter;
    private final EwmaSample decreaseBefore;
    private final EwmaSample decreaseAfter;
    private double increaseCut;
    private double decreaseCut;
    private DetectorState state;

    public HddmW(final HddmWParameters parameters) {
        this.parameters = parameters;
        this.total = new EwmaSample(parameters.lambda());
        this.increaseBefore = new EwmaSample(parameters.lambda());
        this.increaseAfter = new EwmaSample(parameters.lambda());
        this.decreaseBefore = new EwmaSample(parameters.lambda());
        this.decreaseAfter = new EwmaSample(parameters.lambda());
        reset();
    }

    @Override
    public DetectorState update(final double value) {
        Checks.requireUnitInterval(value, KIND);
        if (state == DetectorState.DRIFT) {
            reset();
        }

        total.update(value);
        final double drift = parameters.driftConfidence();
        final double warningLevel = parameters.warningConfidence();

        final double increaseBound = mcDiarmidBound(total.ibc(), drift);
        if (total.ewma() + increaseBound < increaseCut) {
            increaseCut = total.ewma() + increaseBound;
            increaseBefore.copyFrom(total);
            increaseAfter.clear();
        } else {
            increaseAfter.update(value);
        }
        boolean driftFound = false;
        boolean warning = false;
        if (changed(increaseBefore, increaseAfter, drift)) {
            driftFound = true;
        } else if (changed(increaseBefore, increaseAfter, warningLevel)) {
            warning = true;
        }

        final double decreaseBound = mcDiarmidBound(total.ibc(), drift);
        if (total.ewma() - decreaseBound > decreaseCut) {
            decreaseCut = total.ewma() - decreaseBound;
            decreaseBefore.copyFrom(total);
            decreaseAfter.clear();
        } else {
            decreaseAfter.update(value);
        }
        if (parameters.twoSided()) {
            if (changed(decreaseAfter, decreaseBefore, drift)) {
                driftFound = true;
            } else if (changed(decreaseAfter, decreaseBefore, warningLevel)) {
                warning = true;
            }
        }
        state = DetectorState.NONE;
        if (driftFound) {
            state = DetectorState.DRIFT;
        } else if (warning) {
            state = DetectorState.WARNING;
        }
        return state;
    }

    private static double mcDiarmidBound(final double ibc, final double confidence) {
        return Math.sqrt(ibc * Math.log(1 / confidence) / 2);
    }

    /** Tests whether {@code later} exceeds {@code earlier} by more than the bound at {@code confidence}. */
    private static boolean changed(final EwmaSample earlier, final EwmaSample later, final double confidence) {
        if (!(earlier.initialized() && later.initialized())) {
            return false;
        }
        return later.ewma() - earlier.ewma() > mcDiarmidBound(earlier.ibc() + later.ibc(), confidence);
    }

    private void reset() {
        total.clear();
        increaseBefore.clear();
        increaseAfter.clear();
        decreaseBefore.clear();
        decreaseAfter.clear();
        increaseCut = Double.POSITIVE_INFINITY;
        decreaseCut = Double.NEGATIVE_INFINITY;
        state = DetectorState.NONE;
    }

    @Override
    public DetectorState state() {
        return state;
    }

    @Override
    public HddmWParameters parameters() {
        return parameters;
    }

    @Override
    public Map<String, Double> estimate() {
        final Map<String, Double> estimate = new LinkedHashMap<>();
        estimate.put("ewma", total.ewma());
        putDifference(estimate, "increase", increaseBefore, increaseAfter);
        if (parameters.twoSided()) {
            putDifference(estimate, "decrease", decreaseAfter, decreaseBefore);
        }
        return estimate;
    }

    /** Puts {@code later - earlier} and its drift bound under {@code name}, both NaN while a sample is empty. */
    private void putDifference(final Map<String, Double> estimate, final String name, final EwmaSample earlier,
            final EwmaSample later) {
        final boolean defined = earlier.initialized() && later.initialized();
        final double bound = mcDiarmidBound(earlier.ibc() + later.ibc(), parameters.driftConfidence());
        estimate.put(name, defined ? later.ewma() - earlier.ewma() : Double.NaN);
        estimate.put(name + "_bound", defined ? bound : Double.NaN);
    }

    @Override
    public byte[] encode() {
        final StateWriter writer = new StateWriter(KIND, FORMAT_VERSION, 160);
        parameters.write(writer);
        writer.putState(state);
        writer.putDouble(increaseCut);
        writer.putDouble(decreaseCut);
        total.write(writer);
        increaseBefore.write(writer);
        increaseAfter.write(writer);
        decreaseBefore.write(writer);
        decreaseAfter.write(writer);
        return writer.toByteArray();
    }

    static HddmW decode(final StateReader reader, final int version) {
        final HddmW detector = new HddmW(HddmWParameters.read(reader));
        detector.state = reader.getState();
        detector.increaseCut = reader.getDouble("increase_cut");
        detector.decreaseCut = reader.getDouble("decrease_cut");
        detector.total.read(reader, "total");
        detector.increaseBefore.read(reader, "increase_before");
        detector.increaseAfter.read(reader, "increase_after");
        detector.decreaseBefore.read(reader, "decrease_before");
        detector.decreaseAfter.read(reader, "decrease_after");
        reader.expectEnd();
        return detector;
    }
}
