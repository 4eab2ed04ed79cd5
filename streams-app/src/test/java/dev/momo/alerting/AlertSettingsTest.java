package dev.momo.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertSettingsTest {

    @Test
    void fromEmpty_givesDefaults() {
        assertThat(AlertSettings.from(Map.of())).isEqualTo(AlertSettings.DEFAULTS);
    }

    @Test
    void fromProperties_readsEveryKey() {
        final AlertSettings settings = AlertSettings.from(Map.of("momo.alerts.open-after", "3",
                "momo.alerts.evidence-windows", "5", "momo.alerts.resolve-after", "2", "momo.alerts.cooldown", "0",
                "momo.alerts.open-on-critical", "false", "momo.alerts.dataset-share", "0.3",
                "momo.alerts.dataset-critical-share", "0.6", "momo.console.url", "https://momo.example/"));

        assertThat(settings).isEqualTo(new AlertSettings(3, 5, 2, 0, false, 0.3, 0.6, "https://momo.example"));
    }

    @Test
    void fromOpenAfterAboveEvidence_namesBoth() {
        assertThatThrownBy(() -> AlertSettings.from(Map.of("momo.alerts.open-after", "4")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momo.alerts.open-after").hasMessageContaining("(3), got 4");
    }

    @Test
    void fromTextCount_namesKeyAndValue() {
        assertThatThrownBy(() -> AlertSettings.from(Map.of("momo.alerts.cooldown", "three")))
                .hasMessageContaining("momo.alerts.cooldown").hasMessageContaining("'three'");
    }

    @Test
    void fromBadFlag_namesTheChoices() {
        assertThatThrownBy(() -> AlertSettings.from(Map.of("momo.alerts.open-on-critical", "yes")))
                .hasMessageContaining("true or false").hasMessageContaining("'yes'");
    }

    @Test
    void fromShareOutOfRange_isRejected() {
        assertThatThrownBy(() -> AlertSettings.from(Map.of("momo.alerts.dataset-share", "1.5")))
                .hasMessageContaining("momo.alerts.dataset-share").hasMessageContaining("1.5");
        assertThatThrownBy(() -> AlertSettings.from(Map.of("momo.alerts.dataset-share", "NaN")))
                .hasMessageContaining("NaN");
    }

    @Test
    void fromCriticalShareBelowShare_isRejected() {
        assertThatThrownBy(() -> AlertSettings.from(Map.of("momo.alerts.dataset-critical-share", "0.4")))
                .hasMessageContaining("momo.alerts.dataset-critical-share");
    }

    @Test
    void fromConsoleUrlWithoutScheme_isRejected() {
        assertThatThrownBy(() -> AlertSettings.from(Map.of("momo.console.url", "momo.local:8080")))
                .hasMessageContaining("momo.console.url").hasMessageContaining("momo.local:8080");
    }

    @Test
    void forDetectors_opensOnOneDetection() {
        final AlertSettings detectors = AlertSettings.DEFAULTS.forDetectors();

        assertThat(detectors.openAfter()).isEqualTo(1);
        assertThat(detectors.evidenceWindows()).isEqualTo(1);
        assertThat(detectors.resolveAfter()).isEqualTo(AlertSettings.DEFAULTS.resolveAfter());
    }
}
