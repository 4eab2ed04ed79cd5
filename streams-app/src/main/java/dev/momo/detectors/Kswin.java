package dev.momo.detectors;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * KSWIN, Kolmogorov-Smirnov windowing (Raab, Heusinger and Schleif, "Reactive soft prototype
 * computing for concept drift streams", Neurocomputing 416, 2020): detects a change of the whole
 * distribution of a numeric stream, not only of its mean.
 *
 * <p>The detector keeps the last {@code windowSize} values. Once the window is full, at every value
 * it compares the newest {@code statSize} values R with {@code statSize} values W drawn without
 * replacement from the older part, using the two-sample Kolmogorov-Smirnov test (see
 * {@link EqualSizeKolmogorovSmirnov}), and reports a drift when
 * <pre>
 *   p-value <= alpha   and   D > 0.1
 * </pre>
 * The value after a drift starts an empty window and, with a seed, reseeds the sampler. This is River's
 * {@code river.drift.KSWIN} ({@code river/drift/kswin.py}, commit 7cb9956): with a seed, the
 * sampler is CPython's {@code random.Random(seed)} ({@link PythonRandom}), so the draws, and with
 * them the detections, are River's. River's option to start from already collected values is not
 * offered.
 *
 * <p>Cost per value once the window is full: O(statSize log statSize) for sorting, plus the exact
 * p-value. Encoded state: the window (8 bytes per value) and the sampler state (2.5 kB).
 *
 * <p>Estimate: {@code statistic} (D) and {@code p_value} of the latest test, both NaN before the
 * window first fills (River reports a p-value of 0 then).
 */
public final class Kswin implements ChangeDetector {

    private static final DetectorKind KIND = DetectorKind.KSWIN;
    private static final int FORMAT_VERSION = 1;
    /** River's fixed minimum of D for a drift. */
    private static final double MIN_STATISTIC = 0.1;

    private final KswinParameters parameters;
    private final double[] window;
    private int windowStart;
    private int windowLength;
    private PythonRandom random;
    private long count;
    private double statistic;
    private double pValue;
    private DetectorState state;

    private final int[] sampleIndexes;
    private final double[] sampled;
    private final double[] recent;

    public Kswin(final KswinParameters parameters) {
        this(parameters, true);
    }

    /** Builds an empty detector; a decoder passes {@code seedSampler = false} and restores the sampler itself. */
    private Kswin(final KswinParameters parameters, final boolean seedSampler) {
        this.parameters = parameters;
        this.window = new double[parameters.windowSize()];
        this.sampleIndexes = new int[parameters.statSize()];
        this.sampled = new double[parameters.statSize()];
        this.recent = new double[parameters.statSize()];
        if (seedSampler) {
            reset();
        }
    }

    @Override
    public DetectorState update(final double value) {
        Checks.requireFinite(value, KIND);
        if (state == DetectorState.DRIFT) {
            reset();
        }

        count++;
        append(value);
        if (windowLength < parameters.windowSize()) {
            state = DetectorState.NONE;
            return state;
        }

        final int n = parameters.statSize();
        final int older = parameters.windowSize() - n;
        random.sample(older, n, sampleIndexes);
        for (int i = 0; i < n; i++) {
            sampled[i] = valueAt(sampleIndexes[i]);
            recent[i] = valueAt(older + i);
        }
        Arrays.sort(sampled);
        Arrays.sort(recent);
        final int h = EqualSizeKolmogorovSmirnov.maxCountDifference(sampled, recent, n);
        statistic = (double) h / n;
        pValue = EqualSizeKolmogorovSmirnov.pValue(n, h);
        state = pValue <= parameters.alpha() && statistic > MIN_STATISTIC ? DetectorState.DRIFT : DetectorState.NONE;
        return state;
    }

    /** Returns the value at {@code position} in the window, 0 being the oldest. */
    private double valueAt(final int position) {
        return window[(windowStart + position) % window.length];
    }

    private void append(final double value) {
        if (windowLength < window.length) {
            window[(windowStart + windowLength) % window.length] = value;
            windowLength++;
        } else {
            window[windowStart] = value;
            windowStart = (windowStart + 1) % window.length;
        }
    }

    private void reset() {
        windowStart = 0;
        windowLength = 0;
        // Without a seed, River draws a new operating-system seed at each reset. Keeping the running
        // generator is just as random, and a restored detector then continues deterministically.
        if (parameters.seed().isPresent()) {
            random = new PythonRandom(parameters.seed().getAsLong());
        } else if (random == null) {
            random = PythonRandom.unseeded();
        }
        count = 0;
        statistic = Double.NaN;
        pValue = Double.NaN;
        state = DetectorState.NONE;
    }

    @Override
    public DetectorState state() {
        return state;
    }

    @Override
    public KswinParameters parameters() {
        return parameters;
    }

    @Override
    public Map<String, Double> estimate() {
        final Map<String, Double> estimate = new LinkedHashMap<>();
        estimate.put("statistic", statistic);
        estimate.put("p_value", pValue);
        return estimate;
    }

    @Override
    public byte[] encode() {
        final StateWriter writer = new StateWriter(KIND, FORMAT_VERSION, 2600 + 8 * windowLength);
        parameters.write(writer);
        writer.putState(state);
        writer.putLong(count);
        writer.putDouble(statistic);
        writer.putDouble(pValue);
        writer.putInt(windowLength);
        for (int i = 0; i < windowLength; i++) {
            writer.putDouble(valueAt(i));
        }
        random.write(writer);
        return writer.toByteArray();
    }

    static Kswin decode(final StateReader reader, final int version) {
        final Kswin detector = new Kswin(KswinParameters.read(reader), false);
        detector.state = reader.getState();
        detector.count = reader.getCount("count");
        detector.statistic = reader.getDouble("statistic");
        detector.pValue = reader.getDouble("p_value");
        final int length = reader.getInt("window length", 0, detector.parameters.windowSize());
        for (int i = 0; i < length; i++) {
            detector.window[i] = reader.getDouble("window value");
        }
        detector.windowLength = length;
        detector.random = PythonRandom.read(reader);
        reader.expectEnd();
        return detector;
    }
}
