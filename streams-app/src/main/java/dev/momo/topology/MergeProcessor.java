package dev.momo.topology;

import dev.momo.alerting.AlertSettings;
import dev.momo.alerting.AlertTexts;
import dev.momo.alerting.AlertTracker;
import dev.momo.alerting.Judgement;
import dev.momo.drift.Contributors;
import dev.momo.drift.DatasetDrift;
import dev.momo.drift.FeatureWindow;
import dev.momo.drift.Statistic;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.ColumnRole;
import dev.momo.schema.AlertContributor;
import dev.momo.drift.CheckResult;
import dev.momo.drift.DriftEvaluator;
import dev.momo.metrics.MomoMetrics;
import dev.momo.performance.CbpeEstimator;
import dev.momo.performance.MetricNames;
import dev.momo.performance.PerformanceMetrics;
import dev.momo.performance.PerformanceWindowCodec;
import dev.momo.profile.PerformanceProfile;
import dev.momo.profile.ReferenceProfile;
import dev.momo.profile.StatisticThreshold;
import dev.momo.schema.DriftAlert;
import dev.momo.schema.DistributionBin;
import dev.momo.schema.DriftMetric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the partial windows of all input partitions together, compares each complete window with the
 * model version's reference profile, and emits one {@link DriftMetric} per column and statistic plus
 * the {@link DriftAlert} transitions.
 *
 * <p>A count window is complete with its single part. A time window is complete when every input
 * partition sent its part: each partition sends one, empty or not, for every profiled model version
 * when its event time passes the window's end plus grace. A partition without any events sends none.
 * So a window is also complete once the merge timeout (wall clock) has passed since its first part, if
 * every partition still missing is idle: it has sent no part at all for the merge timeout. A
 * partition that is merely behind (a backlog after a restart) keeps sending parts of older windows and
 * is waited for. A part that arrives after its window was completed is dropped, and its events are
 * counted as late.
 */
final class MergeProcessor implements Processor<String, byte[], String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(MergeProcessor.class);
    private static final Duration TIMEOUT_CHECK_INTERVAL = Duration.ofSeconds(1);
    /** Prefix of the merge-store keys that hold a model version's contributing partitions and last window. */
    private static final String PROGRESS_PREFIX = "\u0000progress\u0000";
    /** Check name of data-set drift: the share of judged features that drifted. */
    static final String DATASET_CHECK = "drifted_feature_share";
    /** Bins or categories an alert lists. */
    private static final int MAX_CONTRIBUTORS = 5;

    private final WindowSettings settings;
    private final int inputPartitions;
    private final MomoMetrics metrics;
    private final AlertSettings alertSettings;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, byte[]> mergeStore;
    private KeyValueStore<String, byte[]> alertStore;
    private ProfileLookup profiles;
    /** First-arrival wall time of every incomplete window, mirrored from the merge store. */
    private final Map<String, Long> pending = new HashMap<>();
    /** Wall time of the latest part from each input partition; a restart counts as an arrival. */
    private long[] lastPartArrival;

    MergeProcessor(final WindowSettings settings, final int inputPartitions, final MomoMetrics metrics,
                   final AlertSettings alertSettings) {
        if (inputPartitions < 1) {
            throw new IllegalArgumentException("input partitions must be >= 1, got " + inputPartitions);
        }
        this.settings = settings;
        this.inputPartitions = inputPartitions;
        this.metrics = metrics;
        this.alertSettings = alertSettings;
    }

    @Override
    public void init(final ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.mergeStore = context.getStateStore(StoreNames.WINDOW_MERGE);
        this.alertStore = context.getStateStore(StoreNames.ALERT_STATE);
        this.profiles = new ProfileLookup(context.getStateStore(StoreNames.REFERENCES));
        try (KeyValueIterator<String, byte[]> all = mergeStore.all()) {
            all.forEachRemaining(entry -> {
                if (!entry.key.startsWith(PROGRESS_PREFIX)) {
                    pending.put(entry.key, MergeState.decode(entry.value).firstArrival());
                }
            });
        }
        lastPartArrival = new long[inputPartitions];
        java.util.Arrays.fill(lastPartArrival, System.currentTimeMillis());
        context.schedule(TIMEOUT_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::closeTimedOut);
        LOG.info("Merge task {} started with {} incomplete windows", context.taskId(), pending.size());
    }

    @Override
    public void process(final Record<String, byte[]> record) {
        final PartialWindow part = PartialWindow.decode(record.value());
        if (part.sourcePartition() >= 0 && part.sourcePartition() < inputPartitions) {
            lastPartArrival[part.sourcePartition()] = System.currentTimeMillis();
        }
        if (part.mode() == WindowSettings.Mode.COUNT) {
            evaluate(part);
            return;
        }
        final String progressKey = PROGRESS_PREFIX + ModelKeys.modelVersion(part.modelId(), part.modelVersion());
        final byte[] storedProgress = mergeStore.get(progressKey);
        MergeProgress progress = storedProgress == null ? MergeProgress.NONE : MergeProgress.decode(storedProgress);
        if (part.windowId() <= progress.lastCompletedWindow()) {
            LOG.warn("Part of window {} of model {} version {} from partition {} arrived after the window was completed;"
                    + " dropped", part.windowId(), part.modelId(), part.modelVersion(), part.sourcePartition());
            metrics.lateEvents(part.modelId(), part.aggregate().eventCount());
            return;
        }

        final String key = part.mergeKey();
        final byte[] stored = mergeStore.get(key);
        final MergeState state = stored == null
                ? new MergeState(System.currentTimeMillis(), java.util.Set.of(part.sourcePartition()), part)
                : MergeState.decode(stored).add(part, settings.samplePoints());
        if (state.partitions().size() >= inputPartitions) {
            mergeStore.delete(key);
            pending.remove(key);
            progress = progress.withCompleted(part.windowId());
            evaluate(state.merged());
        } else {
            mergeStore.put(key, state.encode());
            pending.put(key, state.firstArrival());
        }
        mergeStore.put(progressKey, progress.encode());
    }

    private void closeTimedOut(final long now) {
        final long timeout = settings.mergeTimeout().toMillis();
        for (final String key : List.copyOf(pending.keySet())) {
            if (pending.get(key) + timeout > now) {
                continue;
            }
            final byte[] stored = mergeStore.get(key);
            if (stored == null) {
                pending.remove(key);
                continue;
            }
            final MergeState state = MergeState.decode(stored);
            if (!missingPartitionsIdle(state, now - timeout)) {
                continue;
            }
            pending.remove(key);
            mergeStore.delete(key);
            final PartialWindow merged = state.merged();
            final String progressKey = PROGRESS_PREFIX + ModelKeys.modelVersion(merged.modelId(), merged.modelVersion());
            final byte[] storedProgress = mergeStore.get(progressKey);
            final MergeProgress progress = storedProgress == null ? MergeProgress.NONE
                    : MergeProgress.decode(storedProgress);
            LOG.info("Window {} of model {} version {} completed by the merge timeout with parts from partitions {}"
                    + " of {}", merged.windowId(), merged.modelId(), merged.modelVersion(), state.partitions(),
                    inputPartitions);
            mergeStore.put(progressKey, progress.withCompleted(merged.windowId()).encode());
            evaluate(merged);
        }
    }

    /** True when every partition without a part in the window has sent no part since {@code idleSince}. */
    private boolean missingPartitionsIdle(final MergeState state, final long idleSince) {
        for (int partition = 0; partition < inputPartitions; partition++) {
            if (!state.partitions().contains(partition) && lastPartArrival[partition] > idleSince) {
                return false;
            }
        }
        return true;
    }

    private void evaluate(final PartialWindow window) {
        if (window.aggregate().eventCount() == 0) {
            return;
        }
        final ReferenceProfile profile = profiles.find(window.modelId(), window.modelVersion());
        if (profile == null) {
            LOG.warn("No usable reference profile for model {} version {}: window {} was not compared",
                    window.modelId(), window.modelVersion(), window.windowId());
            return;
        }
        final long now = System.currentTimeMillis();
        final Long start = window.windowStart() == Long.MAX_VALUE ? null : window.windowStart();
        final Long end = window.windowEnd() == Long.MIN_VALUE ? null : window.windowEnd();
        final AlertTracker.WindowInfo info = new AlertTracker.WindowInfo(window.modelId(), window.modelVersion(),
                window.windowId(), start, end);
        final Integer partition = window.mode() == WindowSettings.Mode.COUNT ? window.sourcePartition() : null;

        final long minSampleSize = minAlertSampleSize(profile);
        final List<CheckResult> results = DriftEvaluator.evaluate(profile, window.aggregate());
        metrics.columnDrift(window.modelId(), window.modelVersion(), results,
                column -> profile.column(column).map(c -> c.role() != ColumnRole.FEATURE).orElse(false));
        final Set<String> described = new HashSet<>();
        for (final CheckResult result : results) {
            final DriftMetric record = CheckRecords.metric(result, result.statistic().id(), info, partition, now);
            if (isDistributionCheck(result) && described.add(result.feature())) {
                record.setDistribution(distribution(profile, window, result.feature()));
            }
            context.forward(new Record<>(window.modelId(), record, now));
            CheckRecords.trackAlert(alertStore, Judgement.of(result, result.statistic().id()), minSampleSize, info,
                    alertSettings, now).ifPresent(alert -> {
                        alert.setContributors(contributors(profile, window, result));
                        publish(alert, subject(profile, result.feature()), profile, partition);
                    });
        }
        datasetDrift(profile, window, results, minSampleSize, info, partition, now);
        estimatePerformance(profile, window, info, partition, now);
        metrics.windowClosed(window.modelId(), window.modelVersion());
        if (end != null) {
            metrics.windowCloseLag(window.modelId(), window.modelVersion(), now, end);
        }
    }

    /** CBPE's estimate of the window's performance from its predictions, before any label arrives. */
    private void estimatePerformance(final ReferenceProfile profile, final PartialWindow window,
                                     final AlertTracker.WindowInfo info, final Integer partition, final long now) {
        final PerformanceProfile performance = profile.performance();
        if (performance == null || performance.cbpe() == null || window.predictions().length == 0) {
            return;
        }
        final PerformanceMetrics estimated;
        try {
            estimated = new CbpeEstimator(performance.cbpe())
                    .estimate(PerformanceWindowCodec.decodeClassification(window.predictions()));
        } catch (IllegalArgumentException e) {
            LOG.warn("No performance estimate for window {} of model {} version {}: {}", window.windowId(),
                    window.modelId(), window.modelVersion(), e.getMessage());
            return;
        }
        for (final Map.Entry<String, StatisticThreshold> entry : performance.estimatedThresholds().entrySet()) {
            final String name = entry.getKey();
            final CheckResult result = PerformanceChecks.judge(estimated.values().getOrDefault(name, Double.NaN),
                    estimated.rowCount(), entry.getValue(), profile.rows());
            final DriftMetric record = CheckRecords.metric(result, name, info, partition, now);
            record.setReferenceValue(Double.isNaN(entry.getValue().chunkMean()) ? null : entry.getValue().chunkMean());
            context.forward(new Record<>(window.modelId(), record, now));
            metrics.drift(window.modelId(), window.modelVersion(), name, result);
            // The estimate shares the realized metric's name, and the kind label distinguishes them.
            metrics.performance(window.modelId(), window.modelVersion(), MetricNames.realized(name), MomoMetrics.ESTIMATED,
                    result.value(),
                    result.threshold(), entry.getValue().chunkMean());
            CheckRecords.trackAlert(alertStore, Judgement.of(result, name), minAlertSampleSize(profile), info,
                    alertSettings, now).ifPresent(alert -> {
                        alert.setReferenceValue(record.getReferenceValue());
                        publish(alert, AlertTexts.PERFORMANCE, profile, partition);
                    });
        }
    }

    /**
     * Judges the share of features whose distribution drifted in the window: one drift metric on the
     * subject {@value AlertTexts#DATASET} with the check {@value #DATASET_CHECK}, and its alert, which
     * lists the drifted features. The share is NaN when no feature was judged. A feature counts when at
     * least one of its distance or test checks had a value on enough values, and it drifted when any of
     * them drifted. Prediction and probability
     * columns are outputs, not features, and do not count.
     */
    private void datasetDrift(final ReferenceProfile profile, final PartialWindow window, final List<CheckResult> results,
                              final long minSampleSize, final AlertTracker.WindowInfo info, final Integer partition,
                              final long now) {
        if (!DatasetDrift.appliesTo(profile)) {
            return;
        }
        final DatasetDrift drift = DatasetDrift.of(profile, results, minSampleSize);
        final long events = window.aggregate().eventCount();
        final double share = drift.share();
        final boolean drifted = share > alertSettings.datasetShare();
        final CheckResult result = new CheckResult(AlertTexts.DATASET, Statistic.JENSEN_SHANNON, share,
                alertSettings.datasetShare(), alertSettings.datasetCriticalShare(), StatisticThreshold.SOURCE_FIXED,
                Double.NaN, events, profile.rows(), drifted);
        context.forward(new Record<>(info.modelId(), CheckRecords.metric(result, DATASET_CHECK, info, partition, now),
                now));
        metrics.drift(info.modelId(), info.modelVersion(), DATASET_CHECK, result);
        final Judgement judgement = new Judgement(AlertTexts.DATASET, DATASET_CHECK, share, alertSettings.datasetShare(),
                alertSettings.datasetCriticalShare(), StatisticThreshold.SOURCE_FIXED, Double.NaN, events, profile.rows(),
                drifted, share > alertSettings.datasetCriticalShare());
        CheckRecords.trackAlert(alertStore, judgement, 0, info, alertSettings, now).ifPresent(alert -> {
            alert.setDriftedFeatures(drift.driftedFeatures());
            publish(alert, AlertTexts.DATASET, profile, partition);
        });
    }

    private static boolean isDistributionCheck(final CheckResult result) {
        final Statistic.Family family = result.statistic().family();
        return family == Statistic.Family.DISTANCE || family == Statistic.Family.TEST;
    }

    /** Every bin or category of a column in the reference and the window, for the console; null without values. */
    private static List<DistributionBin> distribution(final ReferenceProfile profile, final PartialWindow window,
                                                      final String feature) {
        final ColumnProfile column = profile.column(feature).orElse(null);
        final FeatureWindow values = window.aggregate().features().get(feature);
        if (column == null || values == null) {
            return null;
        }
        final List<DistributionBin> bins = new ArrayList<>();
        for (final Contributors.Contributor bin : Contributors.distribution(column, values)) {
            bins.add(new DistributionBin(bin.label(), bin.referenceShare(), bin.currentShare()));
        }
        return bins.isEmpty() ? null : bins;
    }

    /** The bins or categories that moved most, for the alerts of distribution checks. */
    private static List<AlertContributor> contributors(final ReferenceProfile profile, final PartialWindow window,
                                                       final CheckResult result) {
        final boolean distribution = isDistributionCheck(result)
                || result.statistic() == Statistic.UNSEEN_SHARE || result.statistic() == Statistic.OUT_OF_RANGE_SHARE;
        final ColumnProfile column = profile.column(result.feature()).orElse(null);
        final FeatureWindow feature = window.aggregate().features().get(result.feature());
        if (!distribution || column == null || feature == null) {
            return List.of();
        }
        final List<AlertContributor> out = new ArrayList<>();
        for (final Contributors.Contributor moved : Contributors.top(column, feature, MAX_CONTRIBUTORS)) {
            out.add(new AlertContributor(moved.label(), moved.referenceShare(), moved.currentShare()));
        }
        return out;
    }

    /** Alert subject of a column: its role, or feature for a column the profile lacks. */
    private static String subject(final ReferenceProfile profile, final String column) {
        return profile.column(column).map(c -> c.role() == ColumnRole.FEATURE ? "feature" : "prediction")
                .orElse("feature");
    }

    private void publish(final DriftAlert alert, final String subject, final ReferenceProfile profile,
                         final Integer partition) {
        alert.setInputPartition(partition);
        CheckRecords.publish(alert, subject, profile, alertSettings, metrics,
                record -> context.forward(new Record<>(record.getModelId(), record, System.currentTimeMillis())));
    }

    /** Half the reference chunk size: see {@link AlertTracker} for why small windows raise no alert. */
    static long minAlertSampleSize(final ReferenceProfile profile) {
        return profile.chunkCount() >= 2 ? profile.chunkSize() / 2 : 0;
    }

}
