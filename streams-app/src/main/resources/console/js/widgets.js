// Building blocks that several pages share: status badges (icon, text and colour), times, notices,
// data tables with their "show as table" wrapper, and sortable column headers.

import { h, icon } from './dom.js';
import { formatDateTime, formatIndex, formatList, formatRelative, formatTimeRange, parseTime, t } from './i18n.js';
import { severityText, statusText } from './labels.js';

/** Creates a status badge: icon, translated text and colour, with data-status for tests and styles. */
export function statusBadge(status) {
  const known = ['critical', 'warning', 'ok', 'no_data', 'drifted'].includes(status) ? status : 'no_data';
  return h('span', { class: `badge badge-${known}`, 'data-status': status }, icon(known), h('span', null, statusText(status)));
}

/** Creates the badge of an alert severity (WARNING or CRITICAL). */
export function severityBadge(severity) {
  const level = severity === 'CRITICAL' ? 'critical' : 'warning';
  return h('span', { class: `badge badge-${level}`, 'data-severity': level }, icon(level),
    h('span', null, severityText(severity)));
}

/** Creates a <time> showing how long ago, with the absolute local time as its title. */
export function relativeTime(iso, nowMillis) {
  const millis = parseTime(iso);
  if (millis === null) {
    return h('span', { class: 'muted' }, t('value.none'));
  }
  return h('time', { datetime: iso, title: formatDateTime(millis) }, formatRelative(millis, nowMillis));
}

/** Creates a <time> showing the absolute local date and time. */
export function absoluteTime(iso) {
  const millis = parseTime(iso);
  if (millis === null) {
    return h('span', { class: 'muted' }, t('value.none'));
  }
  return h('time', { datetime: iso }, formatDateTime(millis));
}

/**
 * Creates a <time> showing a window as its local start and end time. The window index is the server's
 * internal number, so it appears only in the tooltip, for matching the tables and the API.
 */
export function windowTime(start, end, index) {
  const endMillis = parseTime(end);
  if (endMillis === null) {
    return h('span', { class: 'muted' }, t('value.none'));
  }
  const hasIndex = typeof index === 'number' && Number.isFinite(index);
  return h('time', {
    datetime: end,
    title: hasIndex ? t('window.indexTooltip', { index: formatIndex(index) }) : null,
  }, formatTimeRange(start, end));
}

/** Creates the notice of a partial response (some instances did not respond), or null when it is complete. */
export function partialNotice(data) {
  if (!data || !data.partial) {
    return null;
  }
  const hosts = Array.isArray(data.unavailable) && data.unavailable.length > 0
    ? formatList(data.unavailable)
    : t('value.none');
  return h('p', { class: 'notice notice-warning', 'data-key': 'partial-notice' }, icon('warning'),
    h('span', null, t('notice.partial', { hosts })));
}

/**
 * Creates a table. `columns` lists {label, numeric} and `rows` lists arrays of cells (node or text). `caption` is
 * required so that each table states what it lists.
 */
export function dataTable({ caption, columns, rows, className }) {
  return h('table', { class: className ?? 'data-table' },
    h('caption', null, caption),
    h('thead', null, h('tr', null, columns.map((column) => h('th', {
      scope: 'col', class: column.numeric ? 'numeric' : null,
    }, column.label)))),
    h('tbody', null, rows.map((cells) => h('tr', null, cells.map((cell, i) => h('td', {
      class: columns[i] && columns[i].numeric ? 'numeric' : null,
    }, cell))))));
}

/** Wraps a table in a closed <details> whose summary reads "Show as table", the text alternative of a chart. */
export function tableAlternative(key, table) {
  return h('details', { class: 'table-alternative', 'data-key': `table:${key}` },
    h('summary', null, t('chart.showTable')), table);
}

/**
 * Creates a column header whose button sorts by `column`. aria-sort states the current order, and the
 * button carries data-action="sort" for the page's click handler.
 */
export function sortHeader(column, label, sort, numeric) {
  const active = sort.column === column;
  const direction = active ? sort.direction : null;
  const ariaSort = direction === 'ascending' || direction === 'descending' ? direction : null;
  let marker = '↕';
  if (direction === 'ascending') {
    marker = '▲';
  } else if (direction === 'descending') {
    marker = '▼';
  }
  return h('th', { scope: 'col', 'aria-sort': ariaSort, class: numeric ? 'numeric' : null },
    h('button', { type: 'button', class: 'sort-button', 'data-action': 'sort', 'data-column': column },
      h('span', null, label), h('span', { class: 'sort-marker', 'aria-hidden': 'true' }, marker)));
}

/**
 * Creates a description list from [term, definition, width] entries, skipping those whose definition is
 * null. A width of 'wide' lets a long definition take two grid columns.
 */
export function definitionList(pairs, className) {
  return h('dl', { class: className ?? 'facts' }, pairs.filter(([, value]) => value !== null && value !== undefined)
    .map(([term, value, width]) => h('div', { class: width === 'wide' ? 'fact fact-wide' : 'fact' },
      h('dt', null, term), h('dd', null, value))));
}

/** Creates an empty-state paragraph. */
export function emptyState(text) {
  return h('p', { class: 'empty' }, text);
}

/**
 * Creates a breadcrumb trail from [text, href] items, with a null href for the current page.
 */
export function breadcrumbs(items) {
  return h('nav', { class: 'breadcrumbs', 'aria-label': t('nav.breadcrumbs') },
    h('ol', null, items.map(([text, href]) => h('li', null, href
      ? h('a', { href }, text)
      : h('span', { 'aria-current': 'page' }, text)))));
}

/** Returns the epoch milliseconds at which a point is plotted: its window end, else when it was computed. */
export function pointTime(point) {
  return parseTime(point.windowEnd) ?? parseTime(point.computedAt);
}
