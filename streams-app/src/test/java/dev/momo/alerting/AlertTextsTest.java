package dev.momo.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.schema.AlertContributor;
import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertTextsTest {

    private static final String CONSOLE = "http://127.0.0.1:8080";

    @Test
    void completeOpenedFeatureAlert_statesValueEvidenceAndMoves() {
        final DriftAlert alert = alert("feature", "car_value", "jensen_shannon", AlertState.OPENED);
        alert.setContributors(List.of(new AlertContributor("[12000, 15000)", 0.08, 0.21),
                new AlertContributor("> 40000", 0.01, 0.05)));

        AlertTexts.complete(alert, CONSOLE);

        assertThat(alert.getSummary()).isEqualTo("Feature 'car_value' of model car loan version 1 drifted:"
                + " jensen_shannon 0.2310 above 0.1000 (fixed) in 2 of the last 3 windows, window 5, 5000 values;"
                + " largest moves: [12000, 15000) 8.0% to 21.0%, > 40000 1.0% to 5.0%.");
        assertThat(alert.getConsoleUrl())
                .isEqualTo("http://127.0.0.1:8080/#/models/car%20loan/versions/1/features/car_value");
    }

    @Test
    void completeResolved_countsTheCleanWindows() {
        final DriftAlert alert = alert("feature", "car_value", "jensen_shannon", AlertState.RESOLVED);
        alert.setValue(0.04);

        AlertTexts.complete(alert, CONSOLE);

        assertThat(alert.getSummary()).isEqualTo("Resolved: Feature 'car_value' of model car loan version 1"
                + " (jensen_shannon) showed no drift in 3 windows in a row; latest value 0.04000, window 5.");
    }

    @Test
    void completeDataset_listsFeaturesAndLinksTheVersion() {
        final DriftAlert alert = alert("dataset", "dataset", "drifted_feature_share", AlertState.OPENED);
        alert.setValue(0.75);
        alert.setThreshold(0.5);
        alert.setSeverity(AlertSeverity.CRITICAL);
        alert.setDriftedFeatures(List.of("b", "a", "c"));

        AlertTexts.complete(alert, CONSOLE);

        assertThat(alert.getSummary()).startsWith("The data set of model car loan version 1 drifted critically:"
                + " drifted_feature_share 0.7500 above 0.5000 (fixed)").contains("drifted features: b, a, c");
        assertThat(alert.getConsoleUrl()).isEqualTo("http://127.0.0.1:8080/#/models/car%20loan/versions/1");
    }

    @Test
    void completePerformance_readsBelowAndLinksThePerformancePage() {
        final DriftAlert alert = alert("performance", "performance", "roc_auc", AlertState.OPENED);
        alert.setValue(0.91);
        alert.setThreshold(0.95);
        alert.setThresholdSource("reference_chunks_lower");

        AlertTexts.complete(alert, CONSOLE);

        assertThat(alert.getSummary()).startsWith("Performance metric 'roc_auc' of model car loan version 1 drifted:"
                + " roc_auc 0.9100 below 0.9500 (reference_chunks_lower)");
        assertThat(alert.getConsoleUrl()).endsWith("/versions/1/performance");
    }

    @Test
    void completePValueCheck_comparesThePValue() {
        final DriftAlert alert = alert("feature", "car_value", "kolmogorov_smirnov", AlertState.UPDATED);
        alert.setThresholdSource("p_value");
        alert.setThreshold(0.05);
        alert.setPValue(0.0001);

        AlertTexts.complete(alert, CONSOLE);

        assertThat(alert.getSummary()).startsWith("Still: Feature 'car_value' of model car loan version 1 drifted:"
                + " kolmogorov_smirnov p-value 0.0001000 at most 0.05000 (p_value)");
    }

    @Test
    void completeDetector_namesTheDetector() {
        final DriftAlert alert = alert("performance", "error", "adwin", AlertState.OPENED);
        alert.setThresholdSource("detector");
        alert.setEvidenceWindows(1);

        AlertTexts.complete(alert, CONSOLE);

        assertThat(alert.getSummary()).startsWith("Signal 'error' of model car loan version 1 drifted:"
                + " detector adwin found a change at value 5, 5000 values since its previous detection.");
        assertThat(alert.getConsoleUrl()).endsWith("/features/error");
    }

    @Test
    void completeTimeWindow_namesItsSpanAndQuotesCategories() {
        final DriftAlert alert = alert("feature", "region", "jensen_shannon", AlertState.OPENED);
        alert.setWindowStart(Instant.parse("2026-12-05T01:40:50Z"));
        alert.setWindowEnd(Instant.parse("2026-12-05T01:41:00Z"));
        alert.setSeverity(AlertSeverity.CRITICAL);
        alert.setCriticalThreshold(0.2);
        alert.setContributors(List.of(new AlertContributor("1", 0.006, 0.04)));

        AlertTexts.complete(alert, CONSOLE);

        assertThat(alert.getSummary()).isEqualTo("Feature 'region' of model car loan version 1 drifted critically:"
                + " jensen_shannon 0.2310 above 0.1000 (fixed) (critical level 0.2000) in 2 of the last 3 windows,"
                + " in the window 2026-12-05T01:40:50Z to 2026-12-05T01:41:00Z, 5000 values; largest moves:"
                + " '1' 0.6% to 4.0%.");
    }

    @Test
    void completeResolvedDetectorOnOneChunk_namesThePartitionInTheSingular() {
        final DriftAlert alert = alert("prediction", "y_pred_proba", "adwin", AlertState.RESOLVED);
        alert.setThresholdSource("detector");
        alert.setInputPartition(2);
        alert.setCleanWindows(1);

        AlertTexts.complete(alert, CONSOLE);

        assertThat(alert.getSummary()).isEqualTo("Resolved: Prediction 'y_pred_proba' of model car loan version 1"
                + " (adwin) found no new change in 1 chunk of values in a row; latest value 0.2310, at value 5 of"
                + " input partition 2.");
    }

    @Test
    void completeResolvedPerformance_namesTheMetricOnce() {
        final DriftAlert alert = alert("performance", "performance", "roc_auc", AlertState.RESOLVED);

        AlertTexts.complete(alert, CONSOLE);

        assertThat(alert.getSummary()).startsWith("Resolved: Performance metric 'roc_auc' of model car loan version 1"
                + " showed no drift in 3 windows in a row");
    }

    private static DriftAlert alert(final String subject, final String feature, final String check,
                                    final AlertState state) {
        return DriftAlert.newBuilder().setAlertId("id").setModelId("car loan").setModelVersion("1").setFeature(feature)
                .setCheck(check).setSeverity(AlertSeverity.WARNING).setState(state).setValue(0.231).setThreshold(0.1)
                .setThresholdSource("fixed").setWindowIndex(5).setSampleSize(5000).setFirstSeen(Instant.EPOCH)
                .setUpdatedAt(Instant.EPOCH).setSubject(subject).setDriftedWindows(2).setEvidenceWindows(3)
                .setCleanWindows(3).setContributors(List.of()).setDriftedFeatures(List.of()).build();
    }
}
