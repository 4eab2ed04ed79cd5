// Performance section of the model page: one chart per metric with the realized values (from labels),
// the CBPE estimates (before labels arrive), each one's threshold, and the metric's mean over the
// reference chunks. The API names an estimated metric without its estimated_ prefix, so realized and
// estimated accuracy share one chart. Realized values come one per input partition and window, and a
// bounded metric's axis stays inside its range (see performance-text.js).

import { chartCanvas, lineConfig } from '../charts.js';
import { h } from '../dom.js';
import { capitalize, formatDateTime, formatIndex, formatInteger, formatNumber, t } from '../i18n.js';
import { metricKindText, metricName, metricRange } from '../labels.js';
import { checkSeries, partitionOf, partitionsOf, timedPoints } from '../series.js';
import { dataTable, tableAlternative } from '../widgets.js';
import { hasNoThreshold, latestText, unreachableSide } from './performance-text.js';

function groupByMetric(metrics) {
  const groups = new Map();
  for (const metric of metrics) {
    const group = groups.get(metric.metric) ?? { metric: metric.metric, realized: null, estimated: null };
    if (metric.kind === 'estimated') {
      group.estimated = metric;
    } else {
      group.realized = metric;
    }
    groups.set(metric.metric, group);
  }
  return [...groups.values()];
}

function distinctLevels(entry, field) {
  const levels = (entry ? entry.points : [])
    .map((point) => point[field])
    .filter((level) => typeof level === 'number' && Number.isFinite(level));
  return [...new Set(levels)].sort((a, b) => a - b).join(' ');
}

/**
 * Returns whether realized and estimated values of a metric are judged against the same levels, so that
 * one threshold line (and one critical line) serves both.
 */
function sharedLevels(group) {
  return group.realized !== null && group.estimated !== null
    && distinctLevels(group.realized, 'threshold') === distinctLevels(group.estimated, 'threshold')
    && distinctLevels(group.realized, 'criticalThreshold') === distinctLevels(group.estimated, 'criticalThreshold');
}

/** Returns the legend label of a kind's values, marked when they come one per input partition. */
function valueLabel(entry) {
  const kind = metricKindText(entry.kind);
  return partitionsOf(entry.points).length > 0 ? t('performance.series.perPartition', { kind }) : kind;
}

/**
 * Marks a threshold line whose every level lies beyond the metric's range: the chart clips it at the
 * axis' end, so the legend states where it is.
 */
function markUnreachable(threshold, source, range) {
  const levels = threshold.points.map((point) => point.y).filter((y) => typeof y === 'number' && Number.isFinite(y));
  const sides = new Set(levels.map((level) => unreachableSide(level, source, range)));
  if (levels.length === 0 || sides.size !== 1 || sides.has(null)) {
    return threshold;
  }
  const label = sides.has('below')
    ? t('chart.series.belowRange', { series: threshold.label, bound: formatNumber(range.min) })
    : t('chart.series.aboveRange', { series: threshold.label, bound: formatNumber(range.max) });
  return { ...threshold, label };
}

function kindSeries(entry, style, levels, range) {
  if (!entry) {
    return [];
  }
  const [value, ...thresholds] = checkSeries(entry.points, entry.thresholdSource, valueLabel(entry));
  value.style = style;
  if (levels === 'none') {
    return [value];
  }
  const kind = metricKindText(entry.kind);
  return [value, ...thresholds.map((threshold) => {
    const named = levels === 'named'
      ? { ...threshold, label: t('performance.series.thresholdOf', { series: kind, threshold: threshold.label }) }
      : threshold;
    return markUnreachable(named, entry.thresholdSource, range);
  })];
}

/** Returns the series of a metric: realized, estimated, their thresholds (once when shared) and the reference. */
function metricSeries(group, range) {
  if (sharedLevels(group)) {
    // The longer series carries the shared threshold lines, without a kind in their labels.
    const realizedLonger = group.realized.points.length >= group.estimated.points.length;
    return [
      ...kindSeries(group.realized, 'value', realizedLonger ? 'plain' : 'none', range),
      ...kindSeries(group.estimated, 'estimated', realizedLonger ? 'none' : 'plain', range),
      ...referenceSeries(group),
    ];
  }
  const levels = group.realized !== null && group.estimated !== null ? 'named' : 'plain';
  return [
    ...kindSeries(group.realized, 'value', levels, range),
    ...kindSeries(group.estimated, 'estimated', levels, range),
    ...referenceSeries(group),
  ];
}

function referenceSeries(group) {
  const entry = group.realized ?? group.estimated;
  const reference = entry && typeof entry.referenceValue === 'number' ? entry.referenceValue : null;
  if (reference === null) {
    return [];
  }
  const xs = [group.realized, group.estimated]
    .filter((entry) => entry !== null)
    .flatMap((entry) => timedPoints(entry.points).map((timed) => timed.x));
  if (xs.length === 0) {
    return [];
  }
  return [{
    label: t('performance.series.reference'),
    style: 'reference',
    points: [{ x: Math.min(...xs), y: reference }, { x: Math.max(...xs), y: reference }],
  }];
}

function metricTable(group) {
  const rows = [];
  for (const entry of [group.realized, group.estimated]) {
    if (!entry) {
      continue;
    }
    const noThreshold = hasNoThreshold(entry);
    for (const { point, x } of timedPoints(entry.points)) {
      rows.push({ x, cells: [
        formatIndex(point.windowIndex),
        formatDateTime(x),
        metricKindText(entry.kind),
        partitionOf(point) === null ? t('value.none') : formatIndex(partitionOf(point)),
        formatNumber(point.value),
        noThreshold ? t('performance.threshold.none') : formatNumber(point.threshold),
        point.drifted === true ? t('point.drifted.yes') : t('point.drifted.no'),
        formatInteger(point.sampleSize),
      ] });
    }
  }
  rows.sort((a, b) => b.x - a.x);
  return dataTable({
    caption: t('performance.table.caption', { metric: capitalize(metricName(group.metric)) }),
    columns: [
      { label: t('point.column.window'), numeric: true },
      { label: t('point.column.windowEnd') },
      { label: t('performance.column.kind') },
      { label: t('point.column.partition'), numeric: true },
      { label: t('point.column.value'), numeric: true },
      { label: t('point.column.threshold'), numeric: true },
      { label: t('point.column.drifted') },
      { label: t('point.column.sampleSize'), numeric: true },
    ],
    rows: rows.map((row) => row.cells),
  });
}

function chartLabel(group, range) {
  const parts = [t('performance.chart.label', { metric: capitalize(metricName(group.metric)) })];
  for (const entry of [group.realized, group.estimated]) {
    const text = latestText(entry, range);
    if (text) {
      parts.push(text);
    }
  }
  if (group.realized && typeof group.realized.referenceValue === 'number') {
    parts.push(t('performance.referenceValue', { value: formatNumber(group.realized.referenceValue) }));
  }
  return parts.join(' ');
}

/**
 * Renders the metrics of one version. Adds each chart's config to `charts`, keyed like its canvas.
 */
export function performanceSection(performance, version, charts) {
  const versions = performance && Array.isArray(performance.versions) ? performance.versions : [];
  const entry = versions.find((candidate) => candidate.version === version);
  const metrics = entry && Array.isArray(entry.metrics) ? entry.metrics : [];
  const groups = groupByMetric(metrics);

  const body = groups.length === 0
    ? [h('p', { class: 'empty' }, t('performance.empty'))]
    : groups.map((group) => {
      const key = `performance:${group.metric}`;
      const range = metricRange(group.metric);
      charts.set(key, lineConfig({ series: metricSeries(group, range), scale: 'linear', range }));
      const latest = [latestText(group.realized, range), latestText(group.estimated, range)]
        .filter((text) => text !== null);
      return h('div', { class: 'chart-card', 'data-key': key, 'data-metric': group.metric },
        h('h3', null, capitalize(metricName(group.metric))),
        latest.map((text) => h('p', { class: 'muted chart-latest' }, text)),
        chartCanvas(key, 'performance', chartLabel(group, range), { 'data-metric': group.metric }),
        tableAlternative(key, metricTable(group)));
    });

  return h('section', { id: 'performance', class: 'page-section', 'aria-labelledby': 'performance-title', 'data-key': 'performance' },
    h('h2', { id: 'performance-title', tabindex: '-1' }, t('performance.title')),
    h('div', { class: 'chart-grid' }, body));
}
