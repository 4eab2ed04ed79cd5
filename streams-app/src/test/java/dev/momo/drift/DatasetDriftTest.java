package dev.momo.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.profile.CategoricalSummary;
import dev.momo.profile.CheckSettings;
import dev.momo.profile.ColumnKind;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.ColumnRole;
import dev.momo.profile.ReferenceProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetDriftTest {

    private static final ReferenceProfile PROFILE = new ReferenceProfile(2, "loan", "1", Instant.EPOCH, "test", 100,
            null, "y_pred", null, null, 10, 10, List.of(), CheckSettings.version1(),
            List.of(column("a", ColumnRole.FEATURE), column("b", ColumnRole.FEATURE), column("c", ColumnRole.FEATURE),
                    column("d", ColumnRole.FEATURE), column("y_pred", ColumnRole.PREDICTION)));

    @Test
    void of_countsFeaturesWithAnyDriftedDistributionCheck() {
        final DatasetDrift drift = DatasetDrift.of(PROFILE, List.of(
                distance("a", 0.3, true), distance("a", 0.05, false),
                distance("b", 0.05, false),
                distance("c", 0.12, true),
                distance("d", 0.01, false)), 0);

        assertThat(drift.judged()).isEqualTo(4);
        assertThat(drift.driftedFeatures()).containsExactly("a", "c");
        assertThat(drift.share()).isEqualTo(0.5);
    }

    @Test
    void of_ranksByHowFarPastTheThreshold() {
        // a: 0.15 / 0.1 = 1.5; b: log(1e-6) / log(0.05) = 4.6; c: 0.4 / 0.1 = 4.
        final DatasetDrift drift = DatasetDrift.of(PROFILE, List.of(distance("a", 0.15, true),
                new CheckResult("b", Statistic.KOLMOGOROV_SMIRNOV, 0.3, 0.05, Double.NaN, "p_value", 1e-6, 100, 100,
                        true),
                distance("c", 0.4, true)), 0);

        assertThat(drift.driftedFeatures()).containsExactly("b", "c", "a");
    }

    @Test
    void of_leavesOutQualityChecksPredictionsAndSmallSamples() {
        final DatasetDrift drift = DatasetDrift.of(PROFILE, List.of(
                new CheckResult("a", Statistic.MISSING_RATE, 0.5, 0.05, Double.NaN, "fixed", Double.NaN, 100, 100, true),
                distance("y_pred", 0.9, true),
                new CheckResult("b", Statistic.JENSEN_SHANNON, 0.9, 0.1, Double.NaN, "fixed", Double.NaN, 4, 100, true),
                distance("c", Double.NaN, false),
                distance("d", 0.01, false)), 5);

        assertThat(drift.judged()).isEqualTo(1);
        assertThat(drift.driftedFeatures()).isEmpty();
        assertThat(drift.share()).isZero();
    }

    @Test
    void ofNothingJudged_hasNaNShare() {
        final DatasetDrift drift = DatasetDrift.of(PROFILE, List.of(), 0);

        assertThat(drift.judged()).isZero();
        assertThat(drift.share()).isNaN();
    }

    private static CheckResult distance(final String feature, final double value, final boolean drifted) {
        return new CheckResult(feature, Statistic.JENSEN_SHANNON, value, 0.1, Double.NaN, "fixed", Double.NaN, 100, 100,
                drifted);
    }

    private static ColumnProfile column(final String name, final ColumnRole role) {
        return new ColumnProfile(name, ColumnKind.CATEGORICAL, role, 100, 0, null,
                new CategoricalSummary(List.of("x", "y"), new double[] {50, 50}), Map.of());
    }
}
