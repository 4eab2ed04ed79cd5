package dev.momo.performance;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Rank-based metrics of scores against (possibly fractional) positive weights: ROC AUC and average
 * precision.
 *
 * <p>Both sort the rows by descending score and treat tied scores as one threshold, as scikit-learn
 * 1.6.1's {@code _binary_clf_curve} does, so that the result does not depend on row order. At the end of
 * each block of tied scores, tps is the cumulated positive weight and fps the rows so far minus tps.
 * <ul>
 *   <li>ROC AUC: the trapezoid area under (fps / fps_total, tps / tps_total), from (0, 0); NaN when either
 *       total is 0 ({@code roc_auc_score} returns NaN for a single class).</li>
 *   <li>Average precision: sum over thresholds of (R_i - R_{i-1}) P_i with R = tps / tps_total, P = tps /
 *       (tps + fps) and R_0 = 0, clipped at 0 ({@code average_precision_score}); without positives R is 1
 *       at every threshold, as in {@code precision_recall_curve}, which gives 0.</li>
 * </ul>
 * Realized metrics pass weights of 0 and 1. CBPE passes calibrated probabilities as expected weights, and
 * its ROC AUC rounds tps and fps to 5 decimals as NannyML does ({@code estimate_roc_auc} in NannyML's
 * {@code nannyml/performance_estimation/confidence_based/metrics.py}, commit
 * ba5d2636dd8c7561729587d6bbdfdc99e21bf92d). NannyML does not group ties; for a binary model tied scores
 * have equal calibrated probabilities, so grouping changes nothing there.
 */
final class RankingMetrics {

    private static final double NANNYML_ROUNDING = 1e5;

    private RankingMetrics() {
    }

    static double rocAuc(final double[] scores, final double[] positiveWeights, final boolean roundLikeNannyMl) {
        final int[] order = descending(scores);
        double area = 0.0;
        double previousTps = 0.0;
        double previousFps = 0.0;
        double tps = 0.0;
        double cumulative = 0.0;
        for (int i = 0; i < order.length; i++) {
            cumulative += positiveWeights[order[i]];
            if (i + 1 < order.length && scores[order[i + 1]] == scores[order[i]]) {
                continue;
            }
            tps = cumulative;
            double fps = (i + 1) - cumulative;
            if (roundLikeNannyMl) {
                tps = Math.rint(tps * NANNYML_ROUNDING) / NANNYML_ROUNDING;
                fps = Math.rint(fps * NANNYML_ROUNDING) / NANNYML_ROUNDING;
            }
            area += (fps - previousFps) * (tps + previousTps);
            previousTps = tps;
            previousFps = fps;
        }
        if (!(previousTps > 0.0 && previousFps > 0.0)) {
            return Double.NaN;
        }
        return area / (2.0 * previousTps * previousFps);
    }

    static double averagePrecision(final double[] scores, final double[] positiveWeights) {
        final int[] order = descending(scores);
        double totalPositive = 0.0;
        for (final double weight : positiveWeights) {
            totalPositive += weight;
        }
        double sum = 0.0;
        double previousRecall = 0.0;
        double tps = 0.0;
        for (int i = 0; i < order.length; i++) {
            tps += positiveWeights[order[i]];
            if (i + 1 < order.length && scores[order[i + 1]] == scores[order[i]]) {
                continue;
            }
            final double precision = tps / (i + 1);
            final double recall = totalPositive == 0.0 ? 1.0 : tps / totalPositive;
            sum += (recall - previousRecall) * precision;
            previousRecall = recall;
        }
        return order.length == 0 ? Double.NaN : Math.max(0.0, sum);
    }

    /** Row indices by descending score; ties keep row order, which the block grouping makes irrelevant. */
    static int[] descending(final double[] scores) {
        return IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer row) -> scores[row]).reversed())
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
