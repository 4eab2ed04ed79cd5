// Alerts page (#/alerts?state=&severity=&model=&alert=): filters in the hash query, then each alert with
// its evidence. `alert` names one alert id to highlight and focus, as the model page's timeline links do.

import { apiGet } from '../api.js';
import { alertCard } from '../alert-view.js';
import { h, icon } from '../dom.js';
import { referenceOf, referencesOf } from '../references.js';
import { compareText, formatInteger, t, tn } from '../i18n.js';
import { alertsHref } from '../router.js';
import { partialNotice } from '../widgets.js';

const STATES = ['open', 'resolved', 'all'];
const SEVERITIES = ['', 'warning', 'critical'];
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/**
 * Returns the filters of a route's query, with invalid values replaced by the defaults. `invalid` lists
 * the replaced parameters as {name, value}, so that the page can name each filter it did not apply.
 */
export function filtersOf(query) {
  const invalid = [];
  const valid = (name, allowed, fallback) => {
    const value = query.get(name);
    if (value === null || allowed(value)) {
      return value ?? fallback;
    }
    invalid.push({ name, value });
    return fallback;
  };
  const limitText = valid('limit', (value) => /^\d+$/u.test(value) && Number(value) >= 1 && Number(value) <= MAX_LIMIT,
    String(DEFAULT_LIMIT));
  return {
    state: valid('state', (value) => STATES.includes(value), 'open'),
    severity: valid('severity', (value) => SEVERITIES.includes(value), ''),
    model: query.get('model') ?? '',
    alert: query.get('alert') ?? '',
    limit: Number(limitText),
    invalid,
  };
}

/** Creates the notice of query parameters that the page replaced by their defaults, or null. */
function invalidFiltersNotice(filters) {
  if (filters.invalid.length === 0) {
    return null;
  }
  // Per parameter: its label, its valid values, and the default that the page applied instead.
  const facts = {
    state: () => [t('alerts.filter.state'), STATES.join(', '), t('alerts.filter.state.open')],
    severity: () => [t('alerts.filter.severity'), SEVERITIES.filter((value) => value !== '').join(', '),
      t('alerts.filter.severity.any')],
    limit: () => [t('alerts.filter.limit'), t('alerts.invalidFilter.limitRange', { max: formatInteger(MAX_LIMIT) }),
      formatInteger(DEFAULT_LIMIT)],
  };
  return h('div', { class: 'notice notice-warning', 'data-key': 'invalid-filters' }, icon('warning'),
    h('ul', { class: 'plain-list' }, filters.invalid.map(({ name, value }) => {
      const [label, allowed, shown] = facts[name]();
      return h('li', null, t('alerts.invalidFilter', { label, value, allowed, shown }));
    })));
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
    // The versions' reference objects let the evidence describe each reference in the user's language.
    const references = await referencesOf(Array.isArray(alerts.value.alerts) ? alerts.value.alerts : []);
    return { page: alerts.value, models: modelNames, references };
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
      headingLevel: 3,
      showEvidenceLink: false,
      showSubjectLink: true,
      highlighted: alert.alertId === filters.alert,
      reference: referenceOf(data.references, alert),
    }))));
    const empty = alerts.length === 0 ? h('p', { class: 'empty', 'data-key': 'empty' }, t('alerts.empty')) : null;

    const node = h('section', { class: 'page page-alerts', id: 'alerts-page', 'aria-labelledby': 'page-title' },
      h('h1', { id: 'page-title', tabindex: '-1' }, t('alerts.title')),
      filterForm(filters, data.models),
      invalidFiltersNotice(filters),
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
