package dev.momo.detectors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ADWIN, adaptive windowing (Bifet and Gavaldà, "Learning from time-changing data with adaptive
 * windowing", SIAM SDM 2007): watches the mean of a numeric stream and detects when it moves.
 *
 * <p>The detector keeps a window W of recent values, compressed into an {@link AdwinBuckets}
 * histogram. Every {@code clock} values (once W holds more than {@code gracePeriod} values) it
 * tries each bucket boundary as a cut of W into an older part W0 and a newer part W1, of sizes
 * n0 and n1, and declares a change when
 * <pre>
 *   |mean(W0) - mean(W1)| > sqrt(2 m sigma^2 delta') + 2/3 delta' m,
 *   m = 1 / (n0 - L + 1) + 1 / (n1 - L + 1),   delta' = ln(2 ln(n) / delta),
 * </pre>
 * where n = n0 + n1, sigma^2 is the population variance of W and L is {@code minWindowLength}.
 * On a change it drops the oldest bucket and tests again until no cut holds, so W shrinks to the
 * values that are consistent with one mean. This is River 0.23's {@code river.drift.ADWIN}
 * (its Rust port {@code rust_src/adwin.rs}, commit 8551920), operation for operation, so detection
 * indices match River's. {@link AdwinParameters.Flavor} selects MOA's or scikit-multiflow's details.
 *
 * <p>Cost: amortized O(1) per value, plus O(maxBuckets log W) every {@code clock} values and per
 * dropped bucket. Memory and encoded state: O(maxBuckets log W) buckets of 16 bytes.
 *
 * <p>Estimate: {@code width} (values in W), {@code mean} and {@code variance} (population variance)
 * of W; both are 0 for an empty window. The tick counter is a long, so unlike River's 32-bit one
 * it does not overflow after 2^31 values.
 *
 * <p>NOTE: like River, the detector keeps the window total, so the variance loses precision when
 * the mean is large against the spread: around 1e15 with unit spread it has about two correct digits.
 */
public final class Adwin implements ChangeDetector {

    private static final DetectorKind KIND = DetectorKind.ADWIN;
    private static final int FORMAT_VERSION = 1;

    private final AdwinParameters parameters;
    private final AdwinBuckets buckets;
    private double width;
    private double total;
    /** Sum of squared deviations from the window mean (River's {@code variance}, not divided by the width). */
    private double variance;
    private long tick;
    private DetectorState state = DetectorState.NONE;

    public Adwin(final AdwinParameters parameters) {
        this.parameters = parameters;
        this.buckets = new AdwinBuckets(parameters.maxBuckets(), parameters.flavor());
    }

    @Override
    public DetectorState update(final double value) {
        Checks.requireFinite(value, KIND);
        if (state == DetectorState.DRIFT && parameters.flavor() == AdwinParameters.Flavor.RIVER) {
            reset();
        }

        insert(value);
        state = detectChange() ? DetectorState.DRIFT : DetectorState.NONE;
        return state;
    }

    @Override
    public DetectorState state() {
        return state;
    }

    @Override
    public AdwinParameters parameters() {
        return parameters;
    }

    /** Returns the number of values in the window. */
    public long width() {
        return (long) width;
    }

    /** Returns the mean of the window, 0 when it is empty. */
    public double mean() {
        return width == 0.0 ? 0.0 : total / width;
    }

    /** Returns the population variance of the window, 0 when it is empty. */
    public double variance() {
        return width == 0.0 ? 0.0 : variance / width;
    }

    @Override
    public Map<String, Double> estimate() {
        final Map<String, Double> estimate = new LinkedHashMap<>();
        estimate.put("width", width);
        estimate.put("mean", mean());
        estimate.put("variance", variance());
        return estimate;
    }

    private void reset() {
        buckets.clear();
        width = 0.0;
        total = 0.0;
        variance = 0.0;
        tick = 0;
    }

    /** Adds the value to the window total and variance (Welford's update), then to the histogram. */
    private void insert(final double value) {
        width += 1.0;
        double increment = 0.0;
        if (width > 1.0) {
            final double deviation = value - total / (width - 1.0);
            increment = (width - 1.0) * deviation * deviation / width;
        }
        variance += increment;
        total += value;
        buckets.insert(value);
    }

    /** Drops the oldest bucket and takes its values out of the window statistics. */
    private void removeOldest() {
        final int last = buckets.rows() - 1;
        final double n = AdwinBuckets.bucketSize(last);
        final double bucketTotal = buckets.total(last, 0);
        final double bucketMean = bucketTotal / n;
        final double bucketVariance = buckets.variance(last, 0);

        width -= n;
        total -= bucketTotal;
        final double windowMean = total / width;
        variance -= bucketVariance + n * width * (bucketMean - windowMean) * (bucketMean - windowMean) / (n + width);
        buckets.removeOldest();
    }

    /** Runs the cut test every {@code clock} values and returns whether at least one bucket was dropped. */
    private boolean detectChange() {
        tick++;
        if (tick % parameters.clock() != 0 || width <= parameters.gracePeriod()) {
            return false;
        }
        boolean changed = false;
        while (cutOnce()) {
            changed = true;
        }
        return changed;
    }

    /** Scans the cut points from the oldest bucket on; drops the oldest bucket at the first cut that holds. */
    private boolean cutOnce() {
        final boolean scansNewest = parameters.flavor() != AdwinParameters.Flavor.SCIKIT_MULTIFLOW;
        final double deltaPrime = Math.log(2.0 * Math.log(width) / parameters.delta());
        final double windowVariance = variance / width;
        double n0 = 0.0;
        double n1 = width;
        double u0 = 0.0;
        double u1 = total;

        for (int row = buckets.rows() - 1; row >= 0; row--) {
            final double size = AdwinBuckets.bucketSize(row);
            final int count = buckets.size(row);
            final int scanned = scansNewest ? count : count - 1;
            for (int k = 0; k < scanned; k++) {
                n0 += size;
                n1 -= size;
                final double bucketTotal = buckets.total(row, k);
                u0 += bucketTotal;
                u1 -= bucketTotal;
                if (row == 0 && k == count - 1) {
                    return false;
                }
                final double meanDifference = u0 / n0 - u1 / n1;
                if (longEnough(n0) && longEnough(n1) && holds(n0, n1, meanDifference, deltaPrime, windowVariance)) {
                    removeOldest();
                    return true;
                }
            }
        }
        return false;
    }

    private boolean longEnough(final double n) {
        final int minimum = parameters.minWindowLength();
        return parameters.flavor() == AdwinParameters.Flavor.MOA ? n > minimum + 1 : n >= minimum;
    }

    /** The cut test, with River's order of operations. */
    private boolean holds(final double n0, final double n1, final double meanDifference, final double deltaPrime,
            final double windowVariance) {
        final double minimum = parameters.minWindowLength();
        final double m = 1.0 / (n0 - minimum + 1.0) + 1.0 / (n1 - minimum + 1.0);
        final double epsilon = Math.sqrt(2.0 * m * windowVariance * deltaPrime) + 2.0 / 3.0 * deltaPrime * m;
        return Math.abs(meanDifference) > epsilon;
    }

    @Override
    public byte[] encode() {
        final StateWriter writer = new StateWriter(KIND, FORMAT_VERSION, 96 + 16 * 8 * parameters.maxBuckets());
        parameters.write(writer);
        writer.putState(state);
        writer.putLong(tick);
        writer.putDouble(width);
        writer.putDouble(total);
        writer.putDouble(variance);
        writer.putInt(buckets.rows());
        for (int row = 0; row < buckets.rows(); row++) {
            writer.putInt(buckets.size(row));
            for (int k = 0; k < buckets.size(row); k++) {
                writer.putDouble(buckets.total(row, k));
                writer.putDouble(buckets.variance(row, k));
            }
        }
        return writer.toByteArray();
    }

    static Adwin decode(final StateReader reader, final int version) {
        final AdwinParameters parameters = AdwinParameters.read(reader);
        final Adwin adwin = new Adwin(parameters);
        adwin.state = reader.getState();
        adwin.tick = reader.getCount("tick");
        adwin.width = reader.getDouble("width");
        adwin.total = reader.getDouble("total");
        adwin.variance = reader.getDouble("variance");
        final int rows = reader.getInt("rows", 1, 63);
        double counted = 0.0;
        for (int row = 0; row < rows; row++) {
            final int size = reader.getInt("size of row " + row, 0, parameters.maxBuckets());
            final double[] totals = new double[size];
            final double[] variances = new double[size];
            for (int k = 0; k < size; k++) {
                totals[k] = reader.getDouble("bucket total");
                variances[k] = reader.getDouble("bucket variance");
            }
            adwin.buckets.restoreRow(row, totals, variances);
            counted += size * AdwinBuckets.bucketSize(row);
        }
        reader.expectEnd();
        if (counted != adwin.width) {
            throw reader.invalid("width is " + adwin.width + " but the buckets hold " + counted + " values");
        }
        return adwin;
    }
}
