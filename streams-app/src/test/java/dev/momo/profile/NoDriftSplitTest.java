package dev.momo.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.momo.drift.CheckResult;
import dev.momo.drift.DriftEvaluator;
import dev.momo.drift.WindowAggregateBuilder;
import dev.momo.table.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The default checks on data that did not drift: the first half of a reference file is the reference, the
 * second half is cut into windows of the chunk size, and no check may flag. NannyML documents its
 * reference files as free of drift, so every flag here would be a false alarm that the defaults must avoid.
 */
class NoDriftSplitTest {

    private static final Path DATASETS = Path.of(System.getProperty("momo.datasets", "../../shared/datasets"));
    private static final int CHUNK = 5000;

    @Test
    void carLoanReferenceHalves_defaultChecksRaiseNoDrift() {
        final List<CheckResult> flagged = flaggedChecks("synthetic_car_loan_reference.csv.gz", "timestamp", "repaid",
                Set.of());

        assertThat(flagged).isEmpty();
    }

    @Test
    void creditCardReferenceHalves_defaultChecksRaiseNoDrift() {
        final List<CheckResult> flagged = flaggedChecks("synthetic_credit_card_reference.csv.gz", "timestamp", "y_true",
                Set.of("id"));

        assertThat(flagged).isEmpty();
    }

    /** Every check of every window of the second half that drifted against a profile of the first half. */
    private static List<CheckResult> flaggedChecks(final String file, final String timestamp, final String label,
                                                   final Set<String> ignored) {
        final Path path = DATASETS.resolve("nannyml").resolve(file);
        assumeTrue(Files.isRegularFile(path), "skipped: the shared data sets are absent (looked for "
                + path.toAbsolutePath() + "; set -Dmomo.datasets=DIR)");
        final CsvTable whole = CsvTable.read(path);
        final int half = whole.rowCount() / 2;
        final CsvTable first = slice(whole, 0, half);
        final ProfileOptions options = new ProfileOptions("m", "1", timestamp, null, null, label, Set.of(), Set.of(),
                ignored, CHUNK, ProfileOptions.DEFAULT_BINS, ProfileOptions.DEFAULT_SAMPLE_POINTS,
                ProfileOptions.DEFAULT_THRESHOLD_STD_MULTIPLIER);
        final ReferenceProfile profile = new ProfileBuilder(options).build(first, chunk -> { });

        final Map<String, String[]> cells = new HashMap<>();
        profile.columns().forEach(column -> cells.put(column.name(), whole.column(column.name())));
        final List<CheckResult> flagged = new ArrayList<>();
        for (int from = half; from + CHUNK <= whole.rowCount(); from += CHUNK) {
            final WindowAggregateBuilder builder = new WindowAggregateBuilder(profile, 10_000);
            for (int row = from; row < from + CHUNK; row++) {
                final Map<String, Object> values = new HashMap<>();
                for (final ColumnProfile column : profile.columns()) {
                    values.put(column.name(), cells.get(column.name())[row]);
                }
                builder.add(values, row);
            }
            DriftEvaluator.evaluate(profile, builder.build()).stream().filter(CheckResult::drifted).forEach(flagged::add);
        }
        return flagged;
    }

    private static CsvTable slice(final CsvTable table, final int from, final int to) {
        final List<String[]> rows = new ArrayList<>();
        for (int row = from; row < to; row++) {
            rows.add(table.row(row));
        }
        return CsvTable.of(table.source(), table.header(), rows);
    }
}
