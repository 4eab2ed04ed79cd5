// Alerts page (#/alerts?state=&severity=&model=&alert=): filters in the hash query, then each alert with
// its evidence. `alert` names one alert id to highlight and focus, as the model page's timeline links do.

import { apiGet } from '../api.js';
import { alertCard } from '../alert-view.js';
import { h } from '../dom.js';
import { compareText, formatInteger, t, tn } from '../i18n.js';
import { alertsHref } from '../router.js';
import { partialNotice } from '../widgets.js';

const STATES = ['open', 'resolved', 'all'];
const SEVERITIES = ['', 'warning', 'critical'];
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** Returns the filters of a route's query, with invalid values replaced by the defaults. */
export function filtersOf(query) {
  const state = STATES.includes(query.get('state')) ? query.get('state') : 'open';
  const severity = SEVERITIES.includes(query.get('severity')) ? query.get('severity') : '';
  const model = query.get('model') ?? '';
  const limit = Number.parseInt(query.get('limit') ?? '', 10);
  return {
    state,
    severity,
    model,
    alert: query.get('alert') ?? '',
    limit: Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT ? limit : DEFAULT_LIMIT,
  };
}

function option(value, label, selected) {
  return h('option', { value, selected: value === selected }, label);
}

function filterForm(filters, models) {
  const modelNames = models.slice().sort(compareText);
  if (filters.model && !modelNames.includes(filters.model)) {
    modelNames.push(filters.model);
  }
  const select = (id, name, label, options) => h('div', { class: 'filter' },
    h('label', { for: id }, label),
    h('select', { id, name, 'data-action': 'filter', 'data-filter': name }, options));

  return h('form', { class: 'filters', id: 'alert-filters', 'aria-labelledby': 'filters-title', 'data-key': 'filters' },
    h('h2', { id: 'filters-title', class: 'visually-hidden' }, t('alerts.filters')),
    select('filter-state', 'state', t('alerts.filter.state'), [
      option('open', t('alerts.filter.state.open'), filters.state),
      option('resolved', t('alerts.filter.state.resolved'), filters.state),
      option('all', t('alerts.filter.state.all'), filters.state),
    ]),
    select('filter-severity', 'severity', t('alerts.filter.severity'), [
      option('', t('alerts.filter.severity.any'), filters.severity),
      option('warning', t('alerts.filter.severity.warning'), filters.severity),
      option('critical', t('alerts.filter.severity.critical'), filters.severity),
    ]),
    select('filter-model', 'model', t('alerts.filter.model'), [
      option('', t('alerts.filter.model.any'), filters.model),
      ...modelNames.map((name) => option(name, name, filters.model)),
    ]),
    h('p', { class: 'filter-reset' }, h('a', { href: alertsHref(null) }, t('alerts.filter.reset'))));
}

export const alertsPage = {
  async load(route) {
    const filters = filtersOf(route.query);
    const [alerts, models] = await Promise.allSettled([
      apiGet('alerts', {
        state: filters.state, severity: filters.severity, model: filters.model, limit: filters.limit,
      }),
      apiGet('models'),
    ]);
    if (alerts.status === 'rejected') {
      throw alerts.reason;
    }
    const modelNames = models.status === 'fulfilled' && Array.isArray(models.value.models)
      ? models.value.models.map((entry) => entry.model)
      : [];
    return { page: alerts.value, models: modelNames };
  },

  render(route, data) {
    const filters = filtersOf(route.query);
    const alerts = Array.isArray(data.page.alerts) ? data.page.alerts : [];
    const highlighted = filters.alert !== '' && alerts.some((alert) => alert.alertId === filters.alert);
    const missing = filters.alert !== '' && !highlighted
      ? h('p', { class: 'notice notice-warning', 'data-key': 'missing-alert' },
        t('alerts.highlightMissing', { id: filters.alert, limit: formatInteger(filters.limit) }))
      : null;
    // The list is there even when empty, so that scripts and tests find #alerts-list on every render.
    const list = h('ul', { id: 'alerts-list', class: 'alert-list', 'data-key': 'list' }, alerts.map((alert) => h('li', {
      'data-key': JSON.stringify([alert.modelId, alert.alertId]),
    }, alertCard(alert, {
      headingLevel: 3, showEvidenceLink: false, showSubjectLink: true, highlighted: alert.alertId === filters.alert,
    }))));
    const empty = alerts.length === 0 ? h('p', { class: 'empty', 'data-key': 'empty' }, t('alerts.empty')) : null;

    const node = h('section', { class: 'page page-alerts', id: 'alerts-page', 'aria-labelledby': 'page-title' },
      h('h1', { id: 'page-title', tabindex: '-1' }, t('alerts.title')),
      filterForm(filters, data.models),
      partialNotice(data.page),
      h('p', { class: 'lead', 'data-key': 'count' }, alerts.length >= filters.limit
        ? tn('alerts.countLimited', alerts.length)
        : tn('alerts.count', alerts.length)),
      missing,
      empty,
      list);
    return {
      node,
      charts: new Map(),
      title: t('alerts.title'),
      focus: highlighted ? `[data-alert-id="${CSS.escape(filters.alert)}"]` : null,
    };
  },

  onAction(action, element, context) {
    if (action !== 'filter') {
      return false;
    }
    // A new filter drops the highlighted alert, which the new list may not contain.
    const form = element.form;
    context.navigate(alertsHref({
      state: form.elements.state.value,
      severity: form.elements.severity.value,
      model: form.elements.model.value,
    }));
    return true;
  },
};
