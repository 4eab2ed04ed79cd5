// Performance section of the model page: one chart per metric with the realized values (from labels),
// the CBPE estimates (before labels arrive), each one's threshold, and the metric's mean over the
// reference chunks. The API names an estimated metric without its estimated_ prefix, so realized and
// estimated accuracy share one chart.

import { chartCanvas, lineConfig } from '../charts.js';
import { h } from '../dom.js';
import { capitalize, formatDateTime, formatInteger, formatNumber, t } from '../i18n.js';
import { metricKindText, metricName, thresholdSourceText } from '../labels.js';
import { checkSeries, timedPoints } from '../series.js';
import { dataTable, tableAlternative } from '../widgets.js';

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

function kindSeries(entry, kindLabel, style, levels) {
  if (!entry) {
    return [];
  }
  const [value, ...thresholds] = checkSeries(entry.points, entry.thresholdSource, kindLabel);
  value.style = style;
  if (levels === 'none') {
    return [value];
  }
  if (levels === 'named') {
    for (const threshold of thresholds) {
      threshold.label = t('performance.series.thresholdOf', { series: kindLabel, threshold: threshold.label });
    }
  }
  return [value, ...thresholds];
}

/** Returns the series of a metric: realized, estimated, their thresholds (once when shared) and the reference. */
function metricSeries(group) {
  const realizedLabel = metricKindText('realized');
  const estimatedLabel = metricKindText('estimated');
  if (sharedLevels(group)) {
    // The longer series carries the shared threshold lines, without a kind in their labels.
    const realizedLonger = group.realized.points.length >= group.estimated.points.length;
    return [
      ...kindSeries(group.realized, realizedLabel, 'value', realizedLonger ? 'plain' : 'none'),
      ...kindSeries(group.estimated, estimatedLabel, 'estimated', realizedLonger ? 'none' : 'plain'),
      ...referenceSeries(group),
    ];
  }
  const levels = group.realized !== null && group.estimated !== null ? 'named' : 'plain';
  return [
    ...kindSeries(group.realized, realizedLabel, 'value', levels),
    ...kindSeries(group.estimated, estimatedLabel, 'estimated', levels),
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
    for (const { point, x } of timedPoints(entry.points)) {
      rows.push({ x, cells: [
        formatDateTime(x),
        metricKindText(entry.kind),
        formatNumber(point.value),
        formatNumber(point.threshold),
        point.drifted === true ? t('point.drifted.yes') : t('point.drifted.no'),
        formatInteger(point.sampleSize),
      ] });
    }
  }
  rows.sort((a, b) => b.x - a.x);
  return dataTable({
    caption: t('performance.table.caption', { metric: capitalize(metricName(group.metric)) }),
    columns: [
      { label: t('point.column.windowEnd') },
      { label: t('performance.column.kind') },
      { label: t('point.column.value'), numeric: true },
      { label: t('point.column.threshold'), numeric: true },
      { label: t('point.column.drifted') },
      { label: t('point.column.sampleSize'), numeric: true },
    ],
    rows: rows.map((row) => row.cells),
  });
}

function latestText(entry) {
  if (!entry || !entry.latest) {
    return null;
  }
  return t('performance.latest', {
    kind: metricKindText(entry.kind),
    value: formatNumber(entry.latest.value),
    threshold: formatNumber(entry.latest.threshold),
    source: thresholdSourceText(entry.thresholdSource),
  });
}

function chartLabel(group) {
  const parts = [t('performance.chart.label', { metric: capitalize(metricName(group.metric)) })];
  for (const entry of [group.realized, group.estimated]) {
    const text = latestText(entry);
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
      charts.set(key, lineConfig({
        series: metricSeries(group),
        yTitle: capitalize(metricName(group.metric)),
        scale: 'linear',
      }));
      const latest = [latestText(group.realized), latestText(group.estimated)].filter((text) => text !== null);
      return h('div', { class: 'chart-card', 'data-key': key, 'data-metric': group.metric },
        h('h3', null, capitalize(metricName(group.metric))),
        latest.length > 0 ? h('p', { class: 'muted' }, latest.join(' ')) : null,
        chartCanvas(key, 'performance', chartLabel(group), { 'data-metric': group.metric }),
        tableAlternative(key, metricTable(group)));
    });

  return h('section', { id: 'performance', class: 'page-section', 'aria-labelledby': 'performance-title', 'data-key': 'performance' },
    h('h2', { id: 'performance-title', tabindex: '-1' }, t('performance.title')),
    h('div', { class: 'chart-grid' }, body));
}
