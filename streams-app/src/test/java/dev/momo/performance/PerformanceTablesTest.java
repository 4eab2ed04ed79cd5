package dev.momo.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.momo.table.CsvTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chunks and rejected rows of tables read into performance windows. */
class PerformanceTablesTest {

    private static final List<String> HEADER = List.of("label", "prediction", "score");

    @Test
    void shortTable_isOneChunk() {
        assertThat(PerformanceTables.chunks(7, 10)).hasSize(1);
        assertThat(PerformanceTables.chunks(7, 10).get(0)).containsExactly(0, 7);
    }

    @Test
    void lastPartialChunk_isDropped() {
        final List<int[]> chunks = PerformanceTables.chunks(25, 10);

        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(1)).containsExactly(10, 20);
    }

    @Test
    void zeroChunkSize_isRejected() {
        assertThatThrownBy(() -> PerformanceTables.chunks(10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunk size must be at least 1 row, got 0");
    }

    @Test
    void invalidRows_areCountedAndSkipped() {
        final CsvTable table = table(new String[][] {
                {"1", "1", "0.9"},
                {"0", "0", "1.7"},
                {"", "0", "0.2"},
                {"1", "", "0.8"},
                {"2", "1", "0.6"},
                {"0", "1", "abc"}});
        final ClassifierColumns columns = ClassifierColumns.binary("label", "prediction", "score");

        final TableWindows<ClassificationWindow> windows = PerformanceTables.classificationChunks(table, columns,
                ClassLabels.of(List.of("0", "1")), 100, 1000);

        final ClassificationWindow window = windows.windows().get(0);
        assertThat(windows.rejectedRows()).isEqualTo(4);
        assertThat(windows.firstRejection()).contains("row 2").contains("probability 1.7");
        assertThat(window.rowCount()).isEqualTo(2);
        assertThat(window.labeledCount()).isEqualTo(1);
    }

    @Test
    void classesOf_readsLabelsAndPredictions() {
        final CsvTable table = table(new String[][] {{"1.0", "0", "0.4"}, {"0.0", "0", "0.1"}});

        assertThat(PerformanceTables.classesOf(table, ClassifierColumns.binary("label", "prediction", "score")).names())
                .containsExactly("0", "1");
    }

    @Test
    void classesOf_prefersProbabilityColumns() {
        final CsvTable table = table(new String[][] {{"a", "a", "0.4"}});
        final ClassifierColumns columns = ClassifierColumns.perClass("label", "prediction",
                Map.of("a", "score", "b", "score", "c", "score"));

        assertThat(PerformanceTables.classesOf(table, columns).names()).containsExactly("a", "b", "c");
    }

    @Test
    void nonNumericRegressionValue_isCountedAndSkipped() {
        final CsvTable table = table(new String[][] {{"1.5", "2", ""}, {"x", "2", ""}, {"3", "inf", ""}});

        final TableWindows<RegressionWindow> windows = PerformanceTables.regressionChunks(table, "label", "prediction", 10);

        assertThat(windows.rejectedRows()).isEqualTo(2);
        assertThat(windows.firstRejection()).contains("row 2").contains("value 'x'");
        assertThat(windows.windows().get(0).count()).isEqualTo(1);
    }

    @Test
    void valuesByMetric_transposesChunks() {
        final PerformanceMetrics first = new PerformanceMetrics(1, false, Map.of("mae", 1.0), null);
        final PerformanceMetrics second = new PerformanceMetrics(1, false, Map.of("mae", 2.0, "r2", 0.5), null);

        final Map<String, double[]> series = PerformanceTables.valuesByMetric(List.of(first, second));

        assertThat(series.get("mae")).containsExactly(1.0, 2.0);
        assertThat(series.get("r2")[0]).isNaN();
        assertThat(series.get("r2")[1]).isEqualTo(0.5);
    }

    private static CsvTable table(final String[][] rows) {
        final List<String[]> list = new ArrayList<>(List.of(rows));
        return CsvTable.of(Path.of("memory.csv"), HEADER, list);
    }
}
