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
import {
  absoluteTime, breadcrumbs, dataTable, definitionList, pointTime, statusBadge, tableAlternative,
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

function facts(detail, statistics) {
  return definitionList([
    [t('feature.fact.status'), statusBadge(detail.status)],
    [t('feature.fact.score'), formatNumber(detail.score)],
    [t('feature.fact.role'), roleText(detail.role)],
    [t('feature.fact.kind'), kindText(detail.kind)],
    [t('feature.fact.missingShare'), formatPercent(latestValueOf(statistics, 'missing_rate'))],
    [t('feature.fact.unseenShare'), detail.kind === 'categorical'
      ? formatPercent(latestValueOf(statistics, 'unseen_share'))
      : t('feature.fact.unseenNotApplicable')],
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

function distributionSection(detail, charts) {
  const distribution = detail.distribution;
  const bins = distribution && Array.isArray(distribution.bins) ? distribution.bins : [];
  const heading = h('h2', { id: 'distribution-title' }, t('distribution.title'));
  if (bins.length === 0) {
    return h('section', { class: 'page-section', 'aria-labelledby': 'distribution-title', 'data-key': 'distribution' },
      heading, h('p', { class: 'empty' }, t('distribution.empty')));
  }
  charts.set('distribution', distributionConfig({
    labels: bins.map((bin) => bin.label),
    reference: bins.map((bin) => bin.reference),
    current: bins.map((bin) => bin.current),
  }));
  return h('section', { class: 'page-section', 'aria-labelledby': 'distribution-title', 'data-key': 'distribution' },
    heading,
    h('p', { class: 'muted' }, t('distribution.window', {
      index: formatIndex(distribution.windowIndex), end: formatDateTime(distribution.windowEnd),
    }), ' ', detail.kind === 'categorical' ? t('distribution.categorical') : t('distribution.numeric')),
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
    yTitle: valueLabel,
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

function statisticsSection(statistics, charts) {
  return h('section', { class: 'page-section', 'aria-labelledby': 'statistics-title', 'data-key': 'statistics' },
    h('h2', { id: 'statistics-title' }, t('statistics.title')),
    h('p', { class: 'muted' }, t('statistics.explanation')),
    statistics.length === 0
      ? h('p', { class: 'empty' }, t('statistics.empty'))
      : h('div', { class: 'chart-grid' }, statistics.map((entry) => statisticCard(entry, charts))));
}

function detectorRow(detector) {
  const timed = timedPoints(detector.points);
  const detections = timed.filter(({ point }) => point.drifted === true);
  const last = detections.length > 0 ? detections[detections.length - 1] : null;
  const latest = detector.latest;
  return [
    detectorName(detector.detector),
    statusBadge(latestStatus(latest)),
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
        rows: detectors.map(detectorRow),
      })));
}

function alertsSection(detail) {
  const alerts = Array.isArray(detail.alerts) ? detail.alerts : [];
  const open = alerts.filter((alert) => alert.state !== 'RESOLVED');
  const resolved = alerts.filter((alert) => alert.state === 'RESOLVED');
  // The cards are on their subject's page already, so they link to the alerts page only.
  const card = (alert) => alertCard(alert, {
    headingLevel: 3, showEvidenceLink: true, showSubjectLink: false, highlighted: false,
  });
  return h('section', { class: 'page-section', 'aria-labelledby': 'feature-alerts-title', 'data-key': 'alerts' },
    h('h2', { id: 'feature-alerts-title' }, t('feature.alerts.title')),
    open.length === 0
      ? h('p', { class: 'empty' }, t('feature.alerts.none'))
      : h('div', { class: 'alert-list' }, open.map(card)),
    resolved.length === 0 ? null : h('details', { class: 'resolved-alerts', 'data-key': 'resolved' },
      h('summary', null, t('feature.alerts.resolved', { count: formatInteger(resolved.length) })),
      h('div', { class: 'alert-list' }, resolved.map(card))));
}

export const featurePage = {
  load(route) {
    const { model, version, feature } = route.params;
    return apiGet(apiPath('models', model, 'versions', version, 'features', feature));
  },

  render(route, detail) {
    const { model, version, feature } = route.params;
    const charts = new Map();
    const statistics = statisticsOf(detail);
    const title = t('feature.title', { feature });
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
      distributionSection(detail, charts),
      statisticsSection(statistics, charts),
      detectorsSection(detail),
      alertsSection(detail));
    return { node, charts, title: `${feature} · ${model} ${version}` };
  },
};
