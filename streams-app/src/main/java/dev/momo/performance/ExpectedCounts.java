package dev.momo.performance;

/**
 * Expected one-vs-rest confusion counts of one class under CBPE: with c the calibrated probability of the
 * class, a row predicted as the class adds c to TP and 1 - c to FP, any other row adds c to FN and 1 - c
 * to TN (NannyML's {@code estimate_precision}, {@code estimate_recall}, {@code estimate_specificity},
 * {@code estimate_f1} and {@code estimate_accuracy}). Sums are compensated (Neumaier).
 */
record ExpectedCounts(double truePositives, double falsePositives, double falseNegatives, double trueNegatives,
                      int rows) {

    static ExpectedCounts of(final double[] calibrated, final boolean[] predicted) {
        final CompensatedSum tp = new CompensatedSum();
        final CompensatedSum fp = new CompensatedSum();
        final CompensatedSum fn = new CompensatedSum();
        final CompensatedSum tn = new CompensatedSum();
        for (int i = 0; i < calibrated.length; i++) {
            if (predicted[i]) {
                tp.add(calibrated[i]);
                fp.add(1.0 - calibrated[i]);
            } else {
                fn.add(calibrated[i]);
                tn.add(1.0 - calibrated[i]);
            }
        }
        return new ExpectedCounts(tp.value(), fp.value(), fn.value(), tn.value(), calibrated.length);
    }

    /** (TP + TN) / n, NaN for no rows. */
    double accuracy() {
        return rows == 0 ? Double.NaN : (truePositives + trueNegatives) / rows;
    }

    double precision() {
        return divide(truePositives, truePositives + falsePositives);
    }

    double recall() {
        return divide(truePositives, truePositives + falseNegatives);
    }

    double specificity() {
        return divide(trueNegatives, trueNegatives + falsePositives);
    }

    double f1() {
        return divide(truePositives, truePositives + 0.5 * (falsePositives + falseNegatives));
    }

    private static double divide(final double numerator, final double denominator) {
        return denominator == 0.0 ? 0.0 : numerator / denominator;
    }
}
