package dev.momo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.momo.drift.CheckResult;
import dev.momo.drift.Statistic;
import dev.momo.profile.PerformanceProfile;
import dev.momo.profile.StatisticThreshold;
import dev.momo.testing.PrometheusText;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The drift gauges and their feature cap, read back from the text exposition. Scores are worked out by
 * hand in each test: value / threshold for a threshold on the value, threshold / p-value for one on the
 * p-value.
 */
class DriftGaugesTest {

    private static final String MODEL = "fraud";
    private static final String VERSION = "3";
    private static final Predicate<String> NONE_PINNED = column -> false;

    private MomoMetrics metrics;

    @AfterEach
    void close() {
        if (metrics != null) {
            metrics.close();
        }
    }

    @Test
    void cap_keepsMostDriftedFeatures() {
        metrics = new MomoMetrics(2);

        // Scores: a 0.05 / 0.1 = 0.5, b 0.3 / 0.1 = 3, c 0.2 / 0.1 = 2, d without a value.
        metrics.columnDrift(MODEL, VERSION, List.of(psi("a", 0.05), psi("b", 0.3), psi("c", 0.2), psi("d", Double.NaN)),
                NONE_PINNED);

        final PrometheusText scrape = scrape();
        assertThat(features(scrape, "momo_drift_value")).containsExactly("b", "c");
        assertThat(scrape.value("momo_drift_value", "feature", "b")).isEqualTo(0.3);
        assertThat(scrape.value("momo_metrics_features_dropped_total", "model", MODEL)).isEqualTo(2.0);
    }

    @Test
    void cap_keepsPinnedColumnsOutsideTheCount() {
        metrics = new MomoMetrics(1);

        metrics.columnDrift(MODEL, VERSION, List.of(psi("prediction", 0.01), psi("a", 0.5), psi("b", 0.4)),
                "prediction"::equals);

        final PrometheusText scrape = scrape();
        assertThat(features(scrape, "momo_drift_value")).containsExactly("a", "prediction");
        assertThat(scrape.value("momo_metrics_features_dropped_total", "model", MODEL)).isEqualTo(1.0);
    }

    @Test
    void cap_removesEveryGaugeOfAnEvictedFeature() {
        metrics = new MomoMetrics(1);
        metrics.columnDrift(MODEL, VERSION, List.of(ks("a", 0.4, 0.001), psi("b", 0.05)), NONE_PINNED);
        assertThat(features(scrape(), "momo_drift_p_value")).containsExactly("a");

        // Next window: b scores 0.5 / 0.1 = 5, a 0.05 / 0.5 = 0.1.
        metrics.columnDrift(MODEL, VERSION, List.of(ks("a", 0.1, 0.5), psi("b", 0.5)), NONE_PINNED);

        final PrometheusText scrape = scrape();
        for (final String gauge : List.of("momo_drift_value", "momo_drift_threshold", "momo_drift_critical_threshold",
                "momo_drift_drifted")) {
            assertThat(features(scrape, gauge)).as(gauge).containsExactly("b");
        }
        assertThat(scrape.samples("momo_drift_p_value")).isEmpty();
        assertThat(scrape.value("momo_metrics_features_dropped_total", "model", MODEL)).isEqualTo(2.0);
    }

    @Test
    void cap_ranksPValueChecksByThresholdOverPValue() {
        metrics = new MomoMetrics(1);

        // a: 0.05 / 0.001 = 50 on its p-value; b: 0.9 / 0.1 = 9 on its value.
        metrics.columnDrift(MODEL, VERSION, List.of(ks("a", 0.2, 0.001), psi("b", 0.9)), NONE_PINNED);

        assertThat(features(scrape(), "momo_drift_value")).containsExactly("a");
    }

    @Test
    void cap_breaksTiesByFeatureName() {
        metrics = new MomoMetrics(2);

        metrics.columnDrift(MODEL, VERSION, List.of(psi("c", 0.2), psi("b", 0.2), psi("a", 0.2)), NONE_PINNED);

        assertThat(features(scrape(), "momo_drift_value")).containsExactly("a", "b");
    }

    @Test
    void cap_ranksFeaturesWithoutValueLast() {
        metrics = new MomoMetrics(1);

        metrics.columnDrift(MODEL, VERSION, List.of(psi("a", Double.NaN), psi("b", 0.0)), NONE_PINNED);

        assertThat(features(scrape(), "momo_drift_value")).containsExactly("b");
    }

    @Test
    void cap_usesTheFeaturesBestCheck() {
        metrics = new MomoMetrics(1);

        // a's checks score 0.1 and 4; b's single check scores 3.
        metrics.columnDrift(MODEL, VERSION, List.of(psi("a", 0.01), check("a", Statistic.JENSEN_SHANNON, 0.4),
                psi("b", 0.3)), NONE_PINNED);

        final PrometheusText scrape = scrape();
        assertThat(features(scrape, "momo_drift_value")).containsExactly("a");
        assertThat(scrape.samples("momo_drift_value", "feature", "a")).hasSize(2);
    }

    @Test
    void zeroCap_exportsOnlyPinnedColumns() {
        metrics = new MomoMetrics(0);

        metrics.columnDrift(MODEL, VERSION, List.of(psi("prediction", 0.2), psi("a", 0.9), psi("b", 0.4)),
                "prediction"::equals);

        final PrometheusText scrape = scrape();
        assertThat(features(scrape, "momo_drift_value")).containsExactly("prediction");
        assertThat(scrape.value("momo_metrics_features_dropped_total", "model", MODEL)).isEqualTo(2.0);
    }

    @Test
    void droppedCounter_growsWithEveryWindow() {
        metrics = new MomoMetrics(1);

        for (int window = 0; window < 3; window++) {
            metrics.columnDrift(MODEL, VERSION, List.of(psi("a", 0.5), psi("b", 0.4), psi("c", 0.3)), NONE_PINNED);
        }

        assertThat(scrape().value("momo_metrics_features_dropped_total", "model", MODEL)).isEqualTo(6.0);
    }

    @Test
    void criticalThreshold_followsTheAlertingDefaults() {
        metrics = new MomoMetrics();

        metrics.columnDrift(MODEL, VERSION, List.of(psi("value_default", 0.05), ks("p_value_default", 0.1, 0.2),
                new CheckResult("explicit", Statistic.PSI, 0.05, 0.1, 0.35, StatisticThreshold.SOURCE_REFERENCE_CHUNKS,
                        Double.NaN, 500, 5000, false)), NONE_PINNED);
        metrics.drift(MODEL, VERSION, "accuracy", new CheckResult("performance", Statistic.JENSEN_SHANNON, 0.9, 0.8,
                Double.NaN, PerformanceProfile.SOURCE_REFERENCE_CHUNKS_LOWER, Double.NaN, 500, 5000, false));

        final PrometheusText scrape = scrape();
        // Twice the warning level of a value, a fifth of the level of a p-value, the check's own, none.
        assertThat(scrape.value("momo_drift_critical_threshold", "feature", "value_default")).isEqualTo(0.2);
        assertThat(scrape.value("momo_drift_critical_threshold", "feature", "p_value_default")).isEqualTo(0.01);
        assertThat(scrape.value("momo_drift_critical_threshold", "feature", "explicit")).isEqualTo(0.35);
        assertThat(scrape.value("momo_drift_critical_threshold", "feature", "performance")).isNaN();
    }

    @Test
    void pValueGauge_onlyForPValueThresholds() {
        metrics = new MomoMetrics();

        metrics.columnDrift(MODEL, VERSION, List.of(ks("a", 0.12, 0.03), psi("b", 0.3)), NONE_PINNED);

        final PrometheusText scrape = scrape();
        assertThat(scrape.value("momo_drift_p_value", "feature", "a", "statistic", "kolmogorov_smirnov"))
                .isEqualTo(0.03);
        assertThat(scrape.value("momo_drift_value", "feature", "a")).isEqualTo(0.12);
        assertThat(scrape.value("momo_drift_drifted", "feature", "a")).isEqualTo(1.0);
        assertThat(scrape.samples("momo_drift_p_value", "feature", "b")).isEmpty();
    }

    @Test
    void singleChecks_areOutsideTheCap() {
        metrics = new MomoMetrics(0);

        metrics.drift(MODEL, VERSION, "drifted_feature_share", new CheckResult("dataset", Statistic.JENSEN_SHANNON, 0.6,
                0.5, 0.75, StatisticThreshold.SOURCE_FIXED, Double.NaN, 500, 5000, true));

        final PrometheusText scrape = scrape();
        assertThat(scrape.value("momo_drift_value", "feature", "dataset", "statistic", "drifted_feature_share"))
                .isEqualTo(0.6);
        assertThat(scrape.samples("momo_metrics_features_dropped_total")).isEmpty();
    }

    @Test
    void constructor_rejectsCapOutOfRange() {
        assertThatThrownBy(() -> new MomoMetrics(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momo.metrics.max-features").hasMessageContaining("-1")
                .hasMessageContaining("0 and 10000");
        assertThatThrownBy(() -> new MomoMetrics(10_001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10001");
    }

    private PrometheusText scrape() {
        return PrometheusText.scrape(metrics.registry());
    }

    private static Set<String> features(final PrometheusText scrape, final String sampleName) {
        final Set<String> features = new TreeSet<>();
        scrape.samples(sampleName, "model", MODEL, "version", VERSION)
                .forEach(sample -> features.add(sample.labels().get("feature")));
        return features;
    }

    /** Returns a PSI check with the fixed threshold 0.1. */
    private static CheckResult psi(final String feature, final double value) {
        return check(feature, Statistic.PSI, value);
    }

    /** Returns a distance check with the fixed threshold 0.1. */
    private static CheckResult check(final String feature, final Statistic statistic, final double value) {
        return new CheckResult(feature, statistic, value, 0.1, Double.NaN, StatisticThreshold.SOURCE_FIXED, Double.NaN,
                500, 5000, value > 0.1);
    }

    /** Returns a Kolmogorov-Smirnov check judged on its p-value at 0.05. */
    private static CheckResult ks(final String feature, final double statistic, final double pValue) {
        return new CheckResult(feature, Statistic.KOLMOGOROV_SMIRNOV, statistic, 0.05, Double.NaN,
                StatisticThreshold.SOURCE_P_VALUE, pValue, 500, 5000, pValue <= 0.05);
    }
}
