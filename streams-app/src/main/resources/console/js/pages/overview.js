// Overview page (#/): every model version with its status, open alerts, drifted features, throughput
// and data freshness, each linking to its model page.

import { apiGet } from '../api.js';
import { h } from '../dom.js';
import { formatInteger, formatRate, t, tn } from '../i18n.js';
import { alertsHref, modelHref } from '../router.js';
import { emptyState, partialNotice, relativeTime, statusBadge } from '../widgets.js';

function versionsOf(model) {
  return Array.isArray(model.versions) ? model.versions : [];
}

function openAlertsCell(model, version) {
  const count = version.openAlerts ?? 0;
  const bySeverity = version.openAlertsBySeverity ?? {};
  const parts = [];
  if (bySeverity.critical) {
    parts.push(tn('overview.alerts.critical', bySeverity.critical));
  }
  if (bySeverity.warning) {
    parts.push(tn('overview.alerts.warning', bySeverity.warning));
  }
  const text = formatInteger(count);
  if (count === 0) {
    return text;
  }
  return h('a', { href: alertsHref({ model: model.model }) }, text,
    parts.length > 0 ? h('span', { class: 'muted' }, ` (${parts.join(', ')})`) : null);
}

function driftedCell(version) {
  if (version.features === null || version.features === undefined) {
    return t('value.none');
  }
  return t('overview.driftedOf', {
    drifted: formatInteger(version.driftedFeatures ?? 0), total: formatInteger(version.features),
  });
}

function versionRow(model, version, now) {
  return h('tr', {
    'data-model': model.model, 'data-version': version.version, 'data-key': JSON.stringify([model.model, version.version]),
  },
  h('th', { scope: 'row' }, h('a', { href: modelHref(model.model, version.version) }, model.model)),
  h('td', null, version.version),
  h('td', { 'data-status': version.status }, statusBadge(version.status)),
  h('td', { class: 'numeric' }, openAlertsCell(model, version)),
  h('td', { class: 'numeric' }, driftedCell(version)),
  h('td', { class: 'numeric' }, formatRate(version.eventsPerSecond)),
  h('td', null, relativeTime(version.lastEventTime, now)),
  h('td', null, relativeTime(version.lastComputedAt, now)),
  h('td', null, version.hasReference ? t('overview.reference.yes') : t('overview.reference.no')));
}

function summary(models) {
  const versions = models.flatMap(versionsOf);
  const count = (status) => versions.filter((version) => version.status === status).length;
  return h('p', { class: 'lead' }, t('overview.summary', {
    models: tn('overview.models', models.length),
    versions: tn('overview.versions', versions.length),
    critical: tn('overview.critical', count('critical')),
    warning: tn('overview.warning', count('warning')),
  }));
}

export const overviewPage = {
  load() {
    return apiGet('models');
  },

  render(route, data, context) {
    const models = Array.isArray(data.models) ? data.models : [];
    const rows = models.flatMap((model) => versionsOf(model).map((version) => versionRow(model, version, context.now)));
    const table = h('table', { id: 'overview-table', class: 'data-table' },
      h('caption', null, t('overview.table.caption')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('overview.column.model')),
        h('th', { scope: 'col' }, t('overview.column.version')),
        h('th', { scope: 'col' }, t('overview.column.status')),
        h('th', { scope: 'col', class: 'numeric' }, t('overview.column.openAlerts')),
        h('th', { scope: 'col', class: 'numeric' }, t('overview.column.driftedFeatures')),
        h('th', { scope: 'col', class: 'numeric' }, t('overview.column.eventsPerSecond')),
        h('th', { scope: 'col' }, t('overview.column.lastEvent')),
        h('th', { scope: 'col' }, t('overview.column.lastComputed')),
        h('th', { scope: 'col' }, t('overview.column.reference')))),
      h('tbody', null, rows.length > 0 ? rows
        : h('tr', { 'data-key': 'empty' }, h('td', { colspan: '9' }, emptyState(t('overview.empty'))))));

    const node = h('section', { class: 'page page-overview', 'aria-labelledby': 'page-title' },
      h('h1', { id: 'page-title', tabindex: '-1' }, t('overview.title')),
      partialNotice(data),
      summary(models),
      h('div', { class: 'table-scroll' }, table));
    return { node, charts: new Map(), title: t('overview.title') };
  },
};
