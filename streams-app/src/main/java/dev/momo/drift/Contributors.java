package dev.momo.drift;

import dev.momo.profile.ColumnKind;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.NumericSummary;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bins or categories of a column whose share moved most between the reference and a window: the
 * "why" of a drift alert. Shares are of the compared values (missing values left out), so they add up
 * to 1 on each side. The ranking is by the absolute change of share, largest first, ties in bin or
 * category order.
 *
 * <p>Numeric columns use the reference bins with their underflow and overflow bins: labels read
 * {@code < e0}, {@code [a, b)} (the last inner bin {@code [a, b]}) and {@code > ek}, numbers with
 * six significant digits. Categorical columns name the category; a category the reference lacks has
 * reference share 0.
 */
public final class Contributors {

    /**
     * One bin or category.
     *
     * @param label the bin or category
     * @param referenceShare share of the reference in it, 0..1
     * @param currentShare share of the window in it, 0..1
     */
    public record Contributor(String label, double referenceShare, double currentShare) {

        public double change() {
            return currentShare - referenceShare;
        }
    }

    /** Most unseen categories that {@link #distribution} lists one by one. */
    public static final int MAX_UNSEEN = 30;
    /** Label of the unseen categories past {@link #MAX_UNSEEN}, summed. */
    public static final String OTHER_UNSEEN = "(other unseen)";

    private Contributors() {
    }

    /**
     * Ranks the bins or categories of a column.
     *
     * @param limit the most to return
     * @return at most {@code limit} contributors that moved, empty when either side has no values
     */
    public static List<Contributor> top(final ColumnProfile column, final FeatureWindow window, final int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        final List<Contributor> all = column.kind() == ColumnKind.NUMERIC ? numeric(column.numeric(), window)
                : categorical(column, window);
        final List<Contributor> ranked = new ArrayList<>();
        for (final Contributor contributor : all) {
            if (contributor.change() != 0) {
                ranked.add(contributor);
            }
        }
        // A stable sort keeps bin order among equal changes.
        ranked.sort(Comparator.comparingDouble((Contributor c) -> Math.abs(c.change())).reversed());
        return List.copyOf(ranked.subList(0, Math.min(limit, ranked.size())));
    }

    /**
     * Returns every bin or category of a column with its reference and window shares, for drawing the two
     * distributions side by side: the reference bins in order with their underflow and overflow bins; or the
     * reference categories in profile order, then unseen categories by window share, largest first, at most
     * {@value #MAX_UNSEEN}, the rest summed under {@value #OTHER_UNSEEN}. Empty when either side has no values.
     */
    public static List<Contributor> distribution(final ColumnProfile column, final FeatureWindow window) {
        if (column.kind() == ColumnKind.NUMERIC) {
            return numeric(column.numeric(), window);
        }
        final List<Contributor> all = categorical(column, window);
        final int known = column.categorical().categories().size();
        if (all.size() <= known) {
            return all;
        }
        final List<Contributor> unseen = new ArrayList<>(all.subList(known, all.size()));
        unseen.sort(Comparator.comparingDouble(Contributor::currentShare).reversed().thenComparing(Contributor::label));
        final List<Contributor> out = new ArrayList<>(all.subList(0, known));
        out.addAll(unseen.subList(0, Math.min(MAX_UNSEEN, unseen.size())));
        if (unseen.size() <= MAX_UNSEEN) {
            return out;
        }
        double rest = 0;
        for (final Contributor other : unseen.subList(MAX_UNSEEN, unseen.size())) {
            rest += other.currentShare();
        }
        out.add(new Contributor(OTHER_UNSEEN, 0, rest));
        return out;
    }

    private static List<Contributor> numeric(final NumericSummary reference, final FeatureWindow window) {
        if (window.sample().size() == 0) {
            return List.of();
        }
        final double[] edges = reference.binEdges();
        final double[] current = ColumnStatistics.binCounts(reference, window);
        final double[] referenceCounts = reference.binCounts();
        final double referenceTotal = sum(referenceCounts);
        final double currentTotal = sum(current);
        if (referenceTotal == 0 || currentTotal == 0) {
            return List.of();
        }
        final List<Contributor> out = new ArrayList<>(current.length);
        for (int bin = 0; bin < current.length; bin++) {
            out.add(new Contributor(binLabel(edges, bin), referenceCounts[bin] / referenceTotal,
                    current[bin] / currentTotal));
        }
        return out;
    }

    private static List<Contributor> categorical(final ColumnProfile column, final FeatureWindow window) {
        final List<String> categories = column.categorical().categories();
        final double[] referenceCounts = column.categorical().counts();
        final double referenceTotal = sum(referenceCounts);
        final double currentTotal = window.sampleSize();
        if (referenceTotal == 0 || currentTotal == 0) {
            return List.of();
        }
        final List<Contributor> out = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            out.add(new Contributor(categories.get(i), referenceCounts[i] / referenceTotal,
                    window.categoryCounts().getOrDefault(categories.get(i), 0.0) / currentTotal));
        }
        for (final Map.Entry<String, Double> entry : window.categoryCounts().entrySet()) {
            if (!categories.contains(entry.getKey())) {
                out.add(new Contributor(entry.getKey(), 0, entry.getValue() / currentTotal));
            }
        }
        return out;
    }

    /** Label of bin {@code bin} of the layout that {@code Binning.binIndex} defines. */
    static String binLabel(final double[] edges, final int bin) {
        final int last = edges.length - 1;
        if (bin == 0) {
            return "< " + number(edges[0]);
        }
        if (bin == last + 1) {
            return "> " + number(edges[last]);
        }
        return "[" + number(edges[bin - 1]) + ", " + number(edges[bin]) + (bin == last ? "]" : ")");
    }

    /** Six significant digits, plain between 1e-4 and 1e9 (bin edges in money or counts read as written). */
    static String number(final double value) {
        final double magnitude = Math.abs(value);
        if (value == 0 || magnitude >= 1e-4 && magnitude < 1e9) {
            return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.5e", value);
    }

    private static double sum(final double[] values) {
        double total = 0;
        for (final double value : values) {
            total += value;
        }
        return total;
    }
}
