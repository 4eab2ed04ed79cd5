// Feature page (#/models/M/versions/V/features/F): each statistic over time against its threshold and
// critical level, the reference and current distributions side by side, the missing and unseen shares,
// the streaming detectors' state, and the feature's alerts with their evidence.

import { apiGet, apiPath } from '../api.js';
import { alertCard } from '../alert-view.js';
import { chartCanvas, distributionConfig, lineConfig } from '../charts.js';
import { h } from '../dom.js';
import {
  capitalize, formatDateTime, formatIndex, formatInteger, formatNumber, formatPercent, formatPointChange, t, tn,
} from '../i18n.js';
import { detectorName, familyText, kindText, roleText, statisticName, thresholdSourceText } from '../labels.js';
import { modelHref, overviewHref } from '../router.js';
import { chartSummary, checkSeries, pointAgainstThreshold, pointsTable, timedPoints, usesPValue } from '../series.js';
import { referenceOf, referencesOf } from '../references.js';
import {
  absoluteTime, breadcrumbs, dataTable, definitionList, pointTime, statusBadge, tableAlternative, windowTime,
} from '../widgets.js';

// Drift checks first, then the data-quality shares.
const FAMILY_ORDER = { distance: 0, test: 1, quality: 2 };

function statisticsOf(detail) {
  return (Array.isArray(detail.statistics) ? detail.statistics : [])
    .slice()
    .sort((a, b) => (FAMILY_ORDER[a.family] ?? 3) - (FAMILY_ORDER[b.family] ?? 3));
}

function latestValueOf(statistics, id) {
  const entry = statistics.find((statistic) => statistic.statistic === id);
  return entry && entry.latest ? entry.latest.value : null;
}

/** Returns whether only streaming detectors watch the subject, as they do the error and loss signals. */
function isSignal(detail) {
  return detail.role === 'signal';
}

/**
 * Returns the unseen-category share to show: the latest value for a categorical feature, a note for a
 * numeric one, and for any other kind the value when the server computed one, else nothing.
 */
function unseenShareText(detail, statistics) {
  const share = latestValueOf(statistics, 'unseen_share');
  if (detail.kind === 'numeric') {
    return t('feature.fact.unseenNotApplicable');
  }
  if (detail.kind === 'categorical' || share !== null) {
    return formatPercent(share);
  }
  return null;
}

function facts(detail, statistics) {
  if (isSignal(detail)) {
    // A signal has no window checks, so no score, type or data-quality shares.
    return definitionList([
      [t('feature.fact.status'), statusBadge(detail.status)],
      [t('feature.fact.role'), roleText(detail.role)],
      [t('feature.fact.watchedBy'), t('feature.fact.detectorsOnly')],
    ]);
  }
  return definitionList([
    [t('feature.fact.status'), statusBadge(detail.status)],
    [t('feature.fact.score'), formatNumber(detail.score)],
    [t('feature.fact.role'), roleText(detail.role)],
    [t('feature.fact.kind'), kindText(detail.kind)],
    [t('feature.fact.missingShare'), formatPercent(latestValueOf(statistics, 'missing_rate'))],
    [t('feature.fact.unseenShare'), unseenShareText(detail, statistics)],
  ]);
}

function distributionTable(bins) {
  return dataTable({
    caption: t('distribution.table.caption'),
    columns: [
      { label: t('distribution.axis.bin') },
      { label: t('distribution.reference'), numeric: true },
      { label: t('distribution.current'), numeric: true },
      { label: t('alert.contributors.change'), numeric: true },
    ],
    rows: bins.map((bin) => [
      bin.label,
      formatPercent(bin.reference),
      formatPercent(bin.current),
      formatPointChange(bin.current - bin.reference),
    ]),
  });
}

function distributionLabel(bins) {
  const moves = bins
    .filter((bin) => typeof bin.reference === 'number' && typeof bin.current === 'number')
    .sort((a, b) => Math.abs(b.current - b.reference) - Math.abs(a.current - a.reference))
    .slice(0, 3)
    .map((bin) => t('distribution.move', {
      bin: bin.label, reference: formatPercent(bin.reference), current: formatPercent(bin.current),
    }));
  return tn('distribution.chart.label', bins.length, { moves: moves.join('; ') });
}

/** Returns why a subject has no distribution to show: a signal, no closed window yet, or no bins stored. */
function noDistributionText(detail, statistics) {
  if (isSignal(detail)) {
    return t('distribution.empty.signal');
  }
  const windowsClosed = statistics.some((entry) => Array.isArray(entry.points) && entry.points.length > 0);
  return windowsClosed ? t('distribution.empty.noBins') : t('distribution.empty');
}

/** Returns the start of the distribution's window, from any statistic point of the same window, else null. */
function distributionStart(distribution, statistics) {
  for (const entry of statistics) {
    const points = Array.isArray(entry.points) ? entry.points : [];
    const match = points.find((point) => point.windowIndex === distribution.windowIndex && point.windowStart);
    if (match) {
      return match.windowStart;
    }
  }
  return null;
}

function distributionSection(detail, statistics, charts) {
  const distribution = detail.distribution;
  const bins = distribution && Array.isArray(distribution.bins) ? distribution.bins : [];
  const heading = h('h2', { id: 'distribution-title' }, t('distribution.title'));
  if (bins.length === 0) {
    return h('section', { class: 'page-section', 'aria-labelledby': 'distribution-title', 'data-key': 'distribution' },
      heading, h('p', { class: 'empty' }, noDistributionText(detail, statistics)));
  }
  charts.set('distribution', distributionConfig({
    labels: bins.map((bin) => bin.label),
    reference: bins.map((bin) => bin.reference),
    current: bins.map((bin) => bin.current),
  }));
  return h('section', { class: 'page-section', 'aria-labelledby': 'distribution-title', 'data-key': 'distribution' },
    heading,
    h('p', { class: 'muted' }, t('distribution.window'), ' ',
      windowTime(distributionStart(distribution, statistics), distribution.windowEnd, distribution.windowIndex), '. ',
      detail.kind === 'categorical' ? t('distribution.categorical') : t('distribution.numeric')),
    h('div', { class: 'chart-box-wide' }, chartCanvas('distribution', 'distribution', distributionLabel(bins))),
    tableAlternative('distribution', distributionTable(bins)));
}

/** Returns the status of a check or detector from its latest point: no_data without one. */
function latestStatus(latest) {
  if (!latest) {
    return 'no_data';
  }
  return latest.drifted === true ? 'drifted' : 'ok';
}

function statisticCard(entry, charts) {
  const id = entry.statistic;
  const name = capitalize(statisticName(id));
  const key = `statistic:${id}`;
  const source = entry.thresholdSource;
  const valueLabel = usesPValue(source)
    ? capitalize(t('chart.series.pValueOf', { name: statisticName(id) }))
    : name;
  charts.set(key, lineConfig({
    series: checkSeries(entry.points, source, valueLabel),
    scale: usesPValue(source) ? 'logarithmic' : 'linear',
  }));
  const latest = entry.latest;
  const state = statusBadge(latestStatus(latest));
  return h('div', { class: 'chart-card', 'data-key': key, 'data-statistic': id },
    h('h3', null, name),
    h('p', { class: 'chart-meta' }, state, ' ', h('span', null, pointAgainstThreshold(latest, source))),
    h('p', { class: 'muted' }, t('statisticCard.meta', {
      family: familyText(entry.family), source: thresholdSourceText(source),
    })),
    chartCanvas(key, 'statistic', chartSummary(valueLabel, entry.points, source, false), { 'data-statistic': id }),
    tableAlternative(key, pointsTable(entry.points, source, t('statisticCard.tableCaption', { name }), false)));
}

function statisticsSection(detail, statistics, charts) {
  const empty = isSignal(detail) ? t('statistics.empty.signal') : t('statistics.empty');
  return h('section', { class: 'page-section', 'aria-labelledby': 'statistics-title', 'data-key': 'statistics' },
    h('h2', { id: 'statistics-title' }, t('statistics.title')),
    h('p', { class: 'muted' }, t('statistics.explanation')),
    statistics.length === 0
      ? h('p', { class: 'empty' }, empty)
      : h('div', { class: 'chart-grid' }, statistics.map((entry) => statisticCard(entry, charts))));
}

/**
 * Returns the state of a detector: drifted while one of its alerts is open, else ok (no_data before any
 * record). A detector's latest record is its latest detection, which stays marked drifted however long
 * ago it was, so the record alone would keep the detector drifted forever.
 */
function detectorStatus(detector, alerts) {
  if (!detector.latest) {
    return 'no_data';
  }
  const open = alerts.some((alert) => alert.check === detector.detector && alert.state !== 'RESOLVED');
  return open ? 'drifted' : 'ok';
}

function detectorRow(detector, alerts) {
  const timed = timedPoints(detector.points);
  const detections = timed.filter(({ point }) => point.drifted === true);
  const last = detections.length > 0 ? detections[detections.length - 1] : null;
  const latest = detector.latest;
  return [
    detectorName(detector.detector),
    statusBadge(detectorStatus(detector, alerts)),
    last ? absoluteTime(new Date(last.x).toISOString()) : t('detector.never'),
    formatInteger(detections.length),
    latest ? formatIndex(latest.windowIndex) : t('value.none'),
    latest && latest.inputPartition !== null && latest.inputPartition !== undefined
      ? formatIndex(latest.inputPartition) : t('value.none'),
    latest ? formatDateTime(pointTime(latest)) : t('value.none'),
  ];
}

function detectorsSection(detail) {
  const detectors = Array.isArray(detail.detectors) ? detail.detectors : [];
  const alerts = Array.isArray(detail.alerts) ? detail.alerts : [];
  return h('section', { class: 'page-section', 'aria-labelledby': 'detectors-title', 'data-key': 'detectors' },
    h('h2', { id: 'detectors-title' }, t('detectors.title')),
    h('p', { class: 'muted' }, t('detectors.explanation')),
    detectors.length === 0
      ? h('p', { class: 'empty' }, t('detectors.empty'))
      : h('div', { class: 'table-scroll' }, dataTable({
        caption: t('detectors.caption'),
        columns: [
          { label: t('detectors.column.detector') },
          { label: t('detectors.column.state') },
          { label: t('detectors.column.lastChange') },
          { label: t('detectors.column.changes'), numeric: true },
          { label: t('detectors.column.position'), numeric: true },
          { label: t('detectors.column.partition'), numeric: true },
          { label: t('detectors.column.updated') },
        ],
        rows: detectors.map((detector) => detectorRow(detector, alerts)),
      })));
}

function alertsSection(detail, reference) {
  const alerts = Array.isArray(detail.alerts) ? detail.alerts : [];
  const open = alerts.filter((alert) => alert.state !== 'RESOLVED');
  const resolved = alerts.filter((alert) => alert.state === 'RESOLVED');
  // The cards are on their subject's page already, so they link to the alerts page only.
  const card = (alert) => alertCard(alert, {
    headingLevel: 3, showEvidenceLink: true, showSubjectLink: false, highlighted: false, reference,
  });
  return h('section', { class: 'page-section', 'aria-labelledby': 'feature-alerts-title', 'data-key': 'alerts' },
    h('h2', { id: 'feature-alerts-title' }, t('feature.alerts.title')),
    open.length === 0
      ? h('p', { class: 'empty' }, isSignal(detail) ? t('feature.alerts.none.signal') : t('feature.alerts.none'))
      : h('div', { class: 'alert-list' }, open.map(card)),
    resolved.length === 0 ? null : h('details', { class: 'resolved-alerts', 'data-key': 'resolved' },
      h('summary', null, t('feature.alerts.resolved', { count: formatInteger(resolved.length) })),
      h('div', { class: 'alert-list' }, resolved.map(card))));
}

export const featurePage = {
  async load(route) {
    const { model, version, feature } = route.params;
    const detail = await apiGet(apiPath('models', model, 'versions', version, 'features', feature));
    // The version's reference object lets the alert evidence describe the reference in the user's language.
    const alerts = Array.isArray(detail.alerts) ? detail.alerts : [];
    const references = alerts.length > 0 ? await referencesOf(alerts) : null;
    return { detail, reference: referenceOf(references, { modelId: model, modelVersion: version }) };
  },

  render(route, data) {
    const { model, version, feature } = route.params;
    const detail = data.detail;
    const charts = new Map();
    const statistics = statisticsOf(detail);
    const title = isSignal(detail) ? t('feature.title.signal', { feature }) : t('feature.title', { feature });
    const node = h('article', { id: 'feature-page', class: 'page page-feature', 'data-feature': feature },
      breadcrumbs([
        [t('nav.overview'), overviewHref()],
        [t('model.title', { model, version }), modelHref(model, version)],
        [feature, null],
      ]),
      h('div', { class: 'page-heading' },
        h('h1', { id: 'page-title', tabindex: '-1' }, title),
        statusBadge(detail.status)),
      facts(detail, statistics),
      distributionSection(detail, statistics, charts),
      statisticsSection(detail, statistics, charts),
      detectorsSection(detail),
      alertsSection(detail, data.reference));
    return { node, charts, title: `${feature} · ${model} ${version}` };
  },
};
