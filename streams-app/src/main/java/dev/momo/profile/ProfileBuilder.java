package dev.momo.profile;

import dev.momo.drift.CheckResult;
import dev.momo.drift.DriftEvaluator;
import dev.momo.drift.FeatureWindow;
import dev.momo.drift.Statistic;
import dev.momo.drift.WindowAggregate;
import dev.momo.drift.WindowAggregateBuilder;
import dev.momo.statistics.Binning;
import dev.momo.statistics.BinningRule;
import dev.momo.statistics.Moments;
import dev.momo.statistics.WeightedSample;
import dev.momo.table.Cells;
import dev.momo.table.CsvTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link ReferenceProfile} from a reference table: bins (by the chosen {@link BinningRule}),
 * category frequencies, moments and a weighted sample per column, then a threshold per check.
 *
 * <p>The reference is cut into chunks of {@code chunkSize} consecutive rows (a shorter last chunk is
 * left out) and every check is measured on every chunk, against the rest of the reference or, as
 * NannyML does, against the whole of it ({@link ChunkReference}). The chunk values are kept in every
 * mode, so that an alert can show how the reference itself varied; the {@link ThresholdMode} decides
 * whether they set the threshold (mean plus k population standard deviations, which fits windows of
 * about {@code chunkSize} events, since most statistics grow as windows shrink) or whether fixed levels
 * and p-values do. With fewer than two full chunks the fixed defaults apply.
 */
public final class ProfileBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileBuilder.class);

    /**
     * Below this many chunks the reference mode warns. On NannyML's car-loan reference, thresholds from
     * 5 chunks of 5000 rows flagged 10 to 20 of every 100 checks of the reference's own second half.
     */
    static final int FEW_CHUNKS = 10;

    private final ProfileOptions options;

    public ProfileBuilder(final ProfileOptions options) {
        this.options = options;
    }

    /**
     * Builds the profile.
     *
     * @param table the reference rows
     * @param progress receives the number of chunks evaluated so far
     * @throws IllegalArgumentException when a named column is absent or the table has no rows
     */
    public ReferenceProfile build(final CsvTable table, final IntConsumer progress) {
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException(table.source() + " has a header but no rows");
        }
        final List<ColumnProfile> columns = new ArrayList<>();
        for (final String name : monitoredColumns(table)) {
            columns.add(profileColumn(name, table.column(name)));
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException(table.source() + " has no column left to monitor after removing "
                    + "the timestamp, label and ignored columns");
        }
        final int chunkCount = table.rowCount() / options.chunkSize();
        final PerformanceProfile performance = chunkCount < 1 ? null
                : PerformanceReference.build(table, options, columns, options.thresholdStdMultiplier());
        final List<DetectorSpec> detectors = detectors(columns, performance);
        final ReferenceProfile untuned = new ReferenceProfile(ReferenceProfile.FORMAT_VERSION, options.modelId(),
                options.modelVersion(), Instant.now(), table.source().getFileName().toString(), table.rowCount(),
                options.timestampColumn(), options.predictionColumn(), options.probabilityColumn(),
                options.labelColumn(), options.chunkSize(), chunkCount,
                options.ignoredColumns().stream().sorted().toList(), options.checks(options.chunkSize()), columns,
                detectors, performance);
        if (chunkCount < 2) {
            LOG.warn("reference of model {} has {} rows, fewer than two chunks of {}: using the fixed default thresholds",
                    options.modelId(), table.rowCount(), options.chunkSize());
            return untuned.withColumns(untuned.columns().stream()
                    .map(column -> column.withThresholds(thresholdsWithoutChunks(untuned.checks(), column)))
                    .toList());
        }
        if (untuned.checks().thresholdMode() == ThresholdMode.REFERENCE && chunkCount < FEW_CHUNKS) {
            LOG.warn("reference of model {} has {} chunks of {} rows: thresholds at mean + {} standard deviations of"
                    + " so few chunk values are noisy and raise false alarms; use a longer reference, smaller chunks,"
                    + " or --threshold-mode fixed", options.modelId(), chunkCount, options.chunkSize(),
                    untuned.checks().stdMultiplier());
        }
        return untuned.withColumns(thresholds(untuned, table, progress));
    }

    /**
     * The configured detectors, checked against the columns, or the default: ADWIN on the probability
     * column, else on a numeric prediction column; and for a classifier with labels, ADWIN on the error
     * indicator, which sees a change of the concept (the labels' relation to the features) that leaves
     * the inputs and outputs alone.
     */
    private List<DetectorSpec> detectors(final List<ColumnProfile> columns, final PerformanceProfile performance) {
        if (options.detectors() == null) {
            final List<DetectorSpec> defaults = new ArrayList<>();
            for (final String column : Arrays.asList(options.probabilityColumn(), options.predictionColumn())) {
                final ColumnProfile profile = column == null ? null : columns.stream()
                        .filter(c -> c.name().equals(column)).findFirst().orElse(null);
                if (profile != null && profile.kind() == ColumnKind.NUMERIC) {
                    defaults.add(new DetectorSpec("adwin", column, Map.of()));
                    break;
                }
            }
            if (performance != null && performance.classification()) {
                defaults.add(new DetectorSpec("adwin", DetectorSpec.ERROR_SIGNAL, Map.of()));
            }
            return List.copyOf(defaults);
        }
        for (final DetectorSpec spec : options.detectors()) {
            spec.checkAgainst(columns);
        }
        return options.detectors();
    }

    private List<String> monitoredColumns(final CsvTable table) {
        for (final String named : namedColumns()) {
            table.columnIndex(named);
        }
        final List<String> monitored = new ArrayList<>();
        for (final String name : table.header()) {
            if (name.equals(options.timestampColumn()) || name.equals(options.labelColumn())
                    || options.ignoredColumns().contains(name)) {
                continue;
            }
            monitored.add(name);
        }
        return monitored;
    }

    private List<String> namedColumns() {
        final List<String> named = new ArrayList<>();
        for (final String column : Arrays.asList(options.timestampColumn(), options.predictionColumn(),
                options.probabilityColumn(), options.labelColumn())) {
            if (column != null) {
                named.add(column);
            }
        }
        named.addAll(options.categoricalColumns());
        named.addAll(options.numericColumns());
        named.addAll(options.ignoredColumns());
        named.addAll(options.columnBinning().keySet());
        named.addAll(options.classProbabilities().values());
        return named;
    }

    private ColumnProfile profileColumn(final String name, final String[] cells) {
        final ColumnKind kind = options.categoricalColumns().contains(name) ? ColumnKind.CATEGORICAL
                : options.numericColumns().contains(name) ? ColumnKind.NUMERIC
                : ColumnInference.infer(cells);
        final String textCells = kind == ColumnKind.CATEGORICAL && !options.categoricalColumns().contains(name)
                ? ColumnInference.fewTextCells(cells) : null;
        if (textCells != null) {
            LOG.warn("Column '{}' of model {} is read as categorical because {}; pass --numeric {} to read it as"
                    + " numbers and count the others as type mismatches", name, options.modelId(), textCells, name);
        }
        final ColumnRole role = name.equals(options.predictionColumn()) ? ColumnRole.PREDICTION
                : name.equals(options.probabilityColumn()) || options.classProbabilities().containsValue(name)
                ? ColumnRole.PROBABILITY
                : ColumnRole.FEATURE;
        long missing = 0;
        for (final String cell : cells) {
            if (Cells.isMissing(cell)) {
                missing++;
            }
        }
        if (kind == ColumnKind.NUMERIC) {
            final NumericSummary summary = numericSummary(name, cells);
            final long count = Math.round(Arrays.stream(summary.sampleWeights()).sum());
            return new ColumnProfile(name, kind, role, count, missing, summary, null, Map.of());
        }
        final CategoricalSummary summary = categoricalSummary(cells);
        final long count = Math.round(Arrays.stream(summary.counts()).sum());
        return new ColumnProfile(name, kind, role, count, missing, null, summary, Map.of());
    }

    private NumericSummary numericSummary(final String name, final String[] cells) {
        final double[] values = finite(parseFinite(cells), 0, cells.length);
        if (values.length == 0) {
            throw new IllegalArgumentException("numeric column '" + name + "' has no finite value in the reference;"
                    + " mark it categorical with --categorical or leave it out with --ignore");
        }
        final double min = Arrays.stream(values).min().orElseThrow();
        final double max = Arrays.stream(values).max().orElseThrow();
        if (min == max) {
            throw new IllegalArgumentException("numeric column '" + name + "' has a single value (" + min
                    + ") in the reference; mark it categorical with --categorical or leave it out with --ignore");
        }
        final BinningRule rule = options.binningOf(name);
        // Values are 64-bit floats whatever their text, as in NannyML (which bins a float copy since
        // NannyML/nannyml#404), so NumPy's rule for integer arrays (a bin width below 1 becomes 1) is not applied.
        final double[] edges = rule.edges(values, options.bins(), false);
        final WeightedSample sample = WeightedSample.of(values).combineTies().compress(options.samplePoints());
        if (sample.cdfErrorBound() > 0) {
            LOG.info("Reference sample of column '{}' of model {} keeps {} of its distinct values: two-sample"
                    + " statistics are within a CDF error of {}", name, options.modelId(), options.samplePoints(),
                    sample.cdfErrorBound());
        }
        return new NumericSummary(min, max, Moments.mean(values), Moments.populationStd(values), rule.id(), edges,
                Binning.histogram(edges, values), sample.values(), sample.weights(), sample.cdfErrorBound());
    }

    private static CategoricalSummary categoricalSummary(final String[] cells) {
        final Map<String, Double> counts = new HashMap<>();
        for (final String cell : cells) {
            if (!Cells.isMissing(cell)) {
                counts.merge(Cells.categoryOf(cell), 1.0, Double::sum);
            }
        }
        final List<Map.Entry<String, Double>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        return new CategoricalSummary(
                sorted.stream().map(Map.Entry::getKey).toList(),
                sorted.stream().mapToDouble(Map.Entry::getValue).toArray());
    }

    private List<ColumnProfile> thresholds(final ReferenceProfile untuned, final CsvTable table,
                                           final IntConsumer progress) {
        final int chunkSize = untuned.chunkSize();
        final int chunkCount = untuned.chunkCount();
        final CheckSettings checks = untuned.checks();
        final Map<String, Map<Statistic, double[]>> chunkValues = new LinkedHashMap<>();
        final Map<String, String[]> cellsByColumn = new HashMap<>();
        // Numeric cells parsed once, NaN where missing or not finite: every chunk reads them again.
        final Map<String, double[]> numbersByColumn = new HashMap<>();
        for (final ColumnProfile column : untuned.columns()) {
            chunkValues.put(column.name(), new LinkedHashMap<>());
            cellsByColumn.put(column.name(), table.column(column.name()));
            if (column.kind() == ColumnKind.NUMERIC) {
                numbersByColumn.put(column.name(), parseFinite(cellsByColumn.get(column.name())));
            }
        }

        for (int chunk = 0; chunk < chunkCount; chunk++) {
            final int from = chunk * chunkSize;
            final int to = from + chunkSize;
            final WindowAggregateBuilder builder = new WindowAggregateBuilder(untuned, Integer.MAX_VALUE);
            final Map<String, String> row = new HashMap<>();
            for (int r = from; r < to; r++) {
                for (final ColumnProfile column : untuned.columns()) {
                    row.put(column.name(), cellsByColumn.get(column.name())[r]);
                }
                builder.add(row, r);
            }
            final WindowAggregate window = builder.build();
            for (final ColumnProfile column : untuned.columns()) {
                final ColumnProfile reference = checks.chunkReference() == ChunkReference.WHOLE ? column
                        : column.kind() == ColumnKind.NUMERIC
                        ? numericRest(column, numbersByColumn.get(column.name()), from, to)
                        : categoricalRest(column, cellsByColumn.get(column.name()), from, to);
                for (final CheckResult result : DriftEvaluator.measureColumn(reference,
                        window.features().get(column.name()), chunkSize, checks)) {
                    chunkValues.get(column.name())
                            .computeIfAbsent(result.statistic(), s -> new double[chunkCount])[chunk] = result.value();
                }
            }
            progress.accept(chunk + 1);
        }

        final List<ColumnProfile> tuned = new ArrayList<>();
        for (final ColumnProfile column : untuned.columns()) {
            final Map<String, StatisticThreshold> thresholds = new LinkedHashMap<>();
            chunkValues.get(column.name()).forEach((statistic, values) ->
                    thresholds.put(statistic.id(), threshold(checks, column, statistic, values)));
            tuned.add(column.withThresholds(thresholds));
        }
        return tuned;
    }

    /** Thresholds of a reference too short for chunks: the fixed defaults, or alpha in the p-value mode. */
    private static Map<String, StatisticThreshold> thresholdsWithoutChunks(final CheckSettings checks,
                                                                           final ColumnProfile column) {
        final Map<String, StatisticThreshold> thresholds = new LinkedHashMap<>();
        for (final CheckResult result : DriftEvaluator.measureColumn(column, FeatureWindow.empty(column.kind()), 0,
                checks)) {
            thresholds.put(result.statistic().id(), threshold(checks, column, result.statistic(), new double[0]));
        }
        return thresholds;
    }

    /**
     * Builds a categorical column's reference without rows {@code [from, to)}: the categories of the whole
     * reference with the counts of the other rows ({@link #numericRest} does the same for bins and the
     * sample). A chunk is compared with the rest rather than with the whole reference because a live
     * window is not part of the reference either. Comparing a chunk with a reference that contains it
     * shrinks every statistic: the expected chi-square of a 10 % chunk falls to about
     * (1 - 0.1) / (1 + 0.1) = 0.82 of its value for an independent sample, so thresholds would be too low.
     */
    private static ColumnProfile categoricalRest(final ColumnProfile column, final String[] cells, final int from,
                                                 final int to) {
        final CategoricalSummary whole = column.categorical();
        final Map<String, Integer> indexOfCategory = new HashMap<>();
        for (int i = 0; i < whole.categories().size(); i++) {
            indexOfCategory.put(whole.categories().get(i), i);
        }
        final double[] restCounts = whole.counts().clone();
        for (int r = from; r < to; r++) {
            if (!Cells.isMissing(cells[r])) {
                restCounts[indexOfCategory.get(Cells.categoryOf(cells[r]))]--;
            }
        }
        final long restCount = Math.round(Arrays.stream(restCounts).sum());
        return new ColumnProfile(column.name(), column.kind(), column.role(), restCount, column.missing(), null,
                new CategoricalSummary(whole.categories(), restCounts), Map.of());
    }

    /**
     * Builds a numeric column's reference without rows {@code [from, to)}: the bins of the whole reference,
     * the counts and exact sample of the other rows.
     */
    private static ColumnProfile numericRest(final ColumnProfile column, final double[] numbers, final int from,
                                             final int to) {
        final NumericSummary whole = column.numeric();
        final double[] chunkHistogram = Binning.histogram(whole.binEdges(), finite(numbers, from, to));
        final double[] restCounts = new double[whole.binCounts().length];
        for (int i = 0; i < restCounts.length; i++) {
            restCounts[i] = whole.binCounts()[i] - chunkHistogram[i];
        }

        final double[] before = finite(numbers, 0, from);
        final double[] after = finite(numbers, to, numbers.length);
        final double[] restValues = Arrays.copyOf(before, before.length + after.length);
        System.arraycopy(after, 0, restValues, before.length, after.length);
        final WeightedSample restSample = WeightedSample.of(restValues).combineTies();

        final NumericSummary rest = new NumericSummary(whole.min(), whole.max(), whole.mean(), whole.std(),
                whole.binning(), whole.binEdges(), restCounts, restSample.values(),
                restSample.weights(), 0.0);
        return new ColumnProfile(column.name(), column.kind(), column.role(), restValues.length, column.missing(),
                rest, null, Map.of());
    }

    /** Parses every cell, NaN where it is missing, not a number, or not finite. */
    private static double[] parseFinite(final String[] cells) {
        final double[] numbers = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            final Double number = Cells.parseNumber(cells[i]);
            numbers[i] = number != null && Double.isFinite(number) ? number : Double.NaN;
        }
        return numbers;
    }

    private static double[] finite(final double[] numbers, final int from, final int to) {
        return Arrays.stream(numbers, from, to).filter(Double::isFinite).toArray();
    }


    /**
     * The threshold of one check by the profile's mode, keeping the chunk mean, standard deviation and
     * values in every mode so that an alert can show how the reference itself varied.
     */
    private static StatisticThreshold threshold(final CheckSettings checks, final ColumnProfile column,
                                                final Statistic statistic, final double[] chunkValues) {
        final double[] finite = Arrays.stream(chunkValues).filter(Double::isFinite).toArray();
        final double mean = finite.length < 2 ? Double.NaN : Moments.mean(finite);
        final double std = finite.length < 2 ? Double.NaN : Moments.populationStd(finite);
        final StatisticThreshold fixed = DriftEvaluator.fixedDefault(column, statistic);
        if (statistic.family() == Statistic.Family.QUALITY) {
            return withChunks(fixed, mean, std, chunkValues);
        }
        return switch (checks.thresholdMode()) {
            case FIXED -> withChunks(fixed, mean, std, chunkValues);
            case P_VALUE -> statistic.hasPValue()
                    ? new StatisticThreshold(checks.alpha(), checks.alpha() / 5, StatisticThreshold.SOURCE_P_VALUE, mean,
                            std, chunkValues)
                    : withChunks(fixed, mean, std, chunkValues);
            case REFERENCE -> finite.length < 2
                    ? withChunks(fixed, mean, std, chunkValues)
                    : new StatisticThreshold(mean + checks.stdMultiplier() * std, Double.NaN,
                            StatisticThreshold.SOURCE_REFERENCE_CHUNKS, mean, std, chunkValues);
        };
    }

    private static StatisticThreshold withChunks(final StatisticThreshold fixed, final double mean, final double std,
                                                 final double[] chunkValues) {
        return new StatisticThreshold(fixed.threshold(), fixed.critical(), fixed.source(), mean, std, chunkValues);
    }
}
