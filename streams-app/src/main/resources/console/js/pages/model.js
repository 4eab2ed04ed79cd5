// Model page (#/models/M/versions/V, and .../performance, which focuses the performance section): the
// version's facts, its feature table, data-set drift over time, performance over time and the timeline
// of its alerts. Also the redirect #/models/M, which opens the version computed most recently.

import { ApiError, apiGet, apiPath } from '../api.js';
import { chartCanvas, lineConfig } from '../charts.js';
import { h } from '../dom.js';
import { compareText, formatInteger, formatRate, parseTime, t } from '../i18n.js';
import { alertStateText, checkName } from '../labels.js';
import { comparisonText, partitionText, subjectName } from '../alert-view.js';
import { referenceText, rememberReference } from '../references.js';
import { alertEvidenceHref, alertSubjectHref, alertsHref, modelHref, overviewHref } from '../router.js';
import { chartSummary, checkSeries, pointsTable } from '../series.js';
import {
  absoluteTime, breadcrumbs, definitionList, partialNotice, relativeTime, severityBadge, statusBadge, tableAlternative,
} from '../widgets.js';
import { DEFAULT_SORT, featureTable, nextSort } from './feature-table.js';
import { performanceSection } from './performance.js';

/** Returns the value of a settled promise, null for a 404, and rethrows any other failure. */
function valueOrNullOn404(settled) {
  if (settled.status === 'fulfilled') {
    return settled.value;
  }
  if (settled.reason instanceof ApiError && settled.reason.kind === 'http' && settled.reason.status === 404) {
    return null;
  }
  throw settled.reason;
}

function versionNav(models, model, version) {
  const entry = models && Array.isArray(models.models) ? models.models.find((candidate) => candidate.model === model) : null;
  const versions = entry && Array.isArray(entry.versions) ? entry.versions.map((summary) => summary.version) : [];
  if (versions.length < 2) {
    return null;
  }
  versions.sort(compareText);
  return h('nav', { class: 'version-nav', 'aria-label': t('model.versions') },
    h('span', null, t('model.versions')),
    h('ul', { class: 'inline-list' }, versions.map((name) => h('li', null, name === version
      ? h('span', { 'aria-current': 'page', class: 'current' }, name)
      : h('a', { href: modelHref(model, name) }, name)))));
}

function facts(detail, now) {
  const openAlerts = detail.openAlerts ?? 0;
  return definitionList([
    [t('model.fact.status'), statusBadge(detail.status)],
    [t('model.fact.openAlerts'), openAlerts > 0
      ? h('a', { href: alertsHref({ model: detail.model }) }, formatInteger(openAlerts))
      : formatInteger(openAlerts)],
    [t('model.fact.eventsPerSecond'), formatRate(detail.eventsPerSecond)],
    [t('model.fact.lastEvent'), relativeTime(detail.lastEventTime, now)],
    [t('model.fact.lastComputed'), relativeTime(detail.lastComputedAt, now)],
    [t('model.fact.reference'), referenceText(detail.reference), 'wide'],
  ]);
}

function datasetSection(detail, charts) {
  const points = Array.isArray(detail.dataset) ? detail.dataset : [];
  const name = t('dataset.series.share');
  charts.set('dataset', lineConfig({
    series: checkSeries(points, 'fixed', name),
    scale: 'share',
  }));
  return h('section', { class: 'page-section', 'aria-labelledby': 'dataset-title', 'data-key': 'dataset' },
    h('h2', { id: 'dataset-title' }, t('dataset.title')),
    h('p', { class: 'muted' }, t('dataset.explanation')),
    points.length === 0 ? h('p', { class: 'empty' }, t('dataset.empty')) : null,
    chartCanvas('dataset', 'dataset', chartSummary(name, points, 'fixed', true)),
    tableAlternative('dataset', pointsTable(points, 'fixed', t('dataset.table.caption'), true)));
}

function timelineItem(alert) {
  const subjectHref = alertSubjectHref(alert);
  // Realized metrics and detectors alert per input partition, so two items with one name are two alerts.
  const partition = partitionText(alert);
  return h('li', { class: `timeline-item alert-${alert.severity === 'CRITICAL' ? 'critical' : 'warning'}`, 'data-key': `alert:${alert.alertId}`, 'data-alert-id': alert.alertId },
    h('p', { class: 'timeline-time' }, absoluteTime(alert.firstSeen)),
    h('div', { class: 'timeline-body' },
      h('p', { class: 'timeline-head' }, severityBadge(alert.severity), ' ',
        h('span', { class: 'alert-state' }, alertStateText(alert.state)), ' ',
        h('strong', null, subjectName(alert)),
        alert.subject === 'performance' && alert.feature === 'performance' ? null : ` · ${checkName(alert.check)}`,
        partition === null ? null : h('span', { class: 'timeline-partition' }, ` · ${partition}`)),
      h('p', null, comparisonText(alert)),
      h('p', { class: 'timeline-links' },
        h('a', { href: alertEvidenceHref(alert) }, t('alert.link.evidence')), ' ',
        h('a', { href: subjectHref }, t('alert.link.subject')))));
}

function timelineSection(detail) {
  const alerts = (Array.isArray(detail.alerts) ? detail.alerts : [])
    .slice()
    .sort((a, b) => (parseTime(b.firstSeen) ?? 0) - (parseTime(a.firstSeen) ?? 0));
  return h('section', { class: 'page-section', 'aria-labelledby': 'timeline-title', 'data-key': 'timeline' },
    h('h2', { id: 'timeline-title' }, t('timeline.title')),
    h('p', { class: 'muted' }, t('timeline.explanation')),
    alerts.length === 0
      ? h('p', { class: 'empty' }, t('timeline.empty'))
      : h('ol', { class: 'timeline', id: 'alert-timeline' }, alerts.map(timelineItem)));
}

export const modelPage = {
  async load(route) {
    const { model, version } = route.params;
    const [detail, performance, models] = await Promise.allSettled([
      apiGet(apiPath('models', model, 'versions', version)),
      apiGet(apiPath('models', model, 'performance'), { version }),
      apiGet('models'),
    ]);
    if (detail.status === 'rejected') {
      throw detail.reason;
    }
    rememberReference(model, version, detail.value.reference);
    return { detail: detail.value, performance: valueOrNullOn404(performance), models: valueOrNullOn404(models) };
  },

  render(route, data, context) {
    const { model, version } = route.params;
    const detail = data.detail;
    const charts = new Map();
    const sort = context.state.sort ?? DEFAULT_SORT;
    const features = Array.isArray(detail.features) ? detail.features : [];
    const title = t('model.title', { model, version });

    const node = h('article', { class: 'page page-model', id: 'model-page', 'data-model': model, 'data-version': version },
      breadcrumbs([[t('nav.overview'), overviewHref()], [model, null], [version, null]]),
      h('div', { class: 'page-heading' },
        h('h1', { id: 'page-title', tabindex: '-1' }, title),
        statusBadge(detail.status)),
      versionNav(data.models, model, version),
      partialNotice(detail),
      facts(detail, context.now),
      h('section', { class: 'page-section', 'aria-labelledby': 'features-title', 'data-key': 'features' },
        h('h2', { id: 'features-title' }, t('features.title')),
        h('p', { class: 'muted' }, t('features.explanation')),
        h('div', { class: 'table-scroll' }, featureTable(model, version, features, sort))),
      datasetSection(detail, charts),
      performanceSection(data.performance, version, charts),
      timelineSection(detail));

    return {
      node,
      charts,
      title,
      focus: route.params.focus === 'performance' ? '#performance-title' : null,
    };
  },

  onAction(action, element, context) {
    if (action !== 'sort') {
      return false;
    }
    context.state.sort = nextSort(context.state.sort ?? DEFAULT_SORT, element.dataset.column);
    context.rerender();
    return true;
  },
};

/** Returns the version with the newest lastComputedAt (versions never computed come last). */
export function newestVersion(versions) {
  let newest = null;
  let newestTime = -Infinity;
  for (const version of versions) {
    const time = parseTime(version.lastComputedAt) ?? -Infinity;
    if (newest === null || time > newestTime) {
      newest = version;
      newestTime = time;
    }
  }
  return newest;
}

export const modelRedirectPage = {
  async load(route) {
    const models = await apiGet('models');
    const entries = Array.isArray(models.models) ? models.models : [];
    const entry = entries.find((candidate) => candidate.model === route.params.model);
    const versions = entry && Array.isArray(entry.versions) ? entry.versions : [];
    const version = newestVersion(versions);
    if (!version) {
      const error = new ApiError('http', 404, t('error.modelNotFound', { model: route.params.model }), null);
      error.translated = true;
      throw error;
    }
    return { redirect: modelHref(route.params.model, version.version) };
  },

  render() {
    return { node: h('p', null, t('page.loading')), charts: new Map(), title: t('page.loading') };
  },
};
