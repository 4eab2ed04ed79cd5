// The model page's feature table, sortable by any column with buttons in the headers. The default order
// is by score, descending: score is how far the worst check is past its threshold, so >= 1 means drifted.
// Empty cells (null, NaN) sort last in both directions, and ties fall back to the feature name.

import { h } from '../dom.js';
import { capitalize, compareText, formatInteger, formatNumber, formatPercent, t, tn } from '../i18n.js';
import { kindText, roleText, statisticName } from '../labels.js';
import { featureHref } from '../router.js';
import { pointAgainstThreshold } from '../series.js';
import { sortHeader, statusBadge } from '../widgets.js';

export const DEFAULT_SORT = Object.freeze({ column: 'score', direction: 'descending' });

// Drifted first when sorting by status descending.
const STATUS_RANK = { drifted: 2, ok: 1, no_data: 0 };

function numberOrNull(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

const COLUMNS = [
  { id: 'feature', label: () => t('features.column.feature'), text: (row) => row.feature },
  // The type sits under the role in the same cell, so that the table fits 1280 px in Spanish too.
  { id: 'role', label: () => t('features.column.role'), text: (row) => roleText(row.role) },
  { id: 'status', label: () => t('features.column.status'), number: (row) => STATUS_RANK[row.status] ?? null },
  { id: 'score', label: () => t('features.column.score'), number: (row) => numberOrNull(row.score), numeric: true },
  {
    id: 'worstStatistic',
    label: () => t('features.column.worstStatistic'),
    text: (row) => (row.worstStatistic ? statisticName(row.worstStatistic) : null),
  },
  {
    id: 'openAlerts', label: () => t('features.column.openAlerts'), number: (row) => numberOrNull(row.openAlerts),
    numeric: true,
  },
  {
    id: 'missingRate', label: () => t('features.column.missingRate'), number: (row) => numberOrNull(row.missingRate),
    numeric: true,
  },
  {
    id: 'unseenShare', label: () => t('features.column.unseenShare'), number: (row) => numberOrNull(row.unseenShare),
    numeric: true,
  },
];

/** Returns the next sort after a header click: the same column flips, another starts at its natural order. */
export function nextSort(sort, column) {
  if (sort.column === column) {
    return { column, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  const definition = COLUMNS.find((candidate) => candidate.id === column);
  if (!definition) {
    return sort;
  }
  return { column, direction: definition.number ? 'descending' : 'ascending' };
}

function compareRows(definition, direction) {
  const sign = direction === 'ascending' ? 1 : -1;
  return (a, b) => {
    const left = definition.number ? definition.number(a) : definition.text(a);
    const right = definition.number ? definition.number(b) : definition.text(b);
    if (left === null || right === null) {
      if (left === right) {
        return compareText(a.feature, b.feature);
      }
      return left === null ? 1 : -1;
    }
    const order = definition.number ? left - right : compareText(left, right);
    return order !== 0 ? sign * order : compareText(a.feature, b.feature);
  };
}

function sorted(features, sort) {
  const definition = COLUMNS.find((column) => column.id === sort.column) ?? COLUMNS.find((column) => column.id === 'score');
  return [...features].sort(compareRows(definition, sort.direction));
}

function worstCell(row) {
  if (!row.worstStatistic) {
    return t('value.none');
  }
  const statistics = Array.isArray(row.statistics) ? row.statistics : [];
  const worst = statistics.find((statistic) => statistic.statistic === row.worstStatistic);
  return h('span', null, capitalize(statisticName(row.worstStatistic)),
    worst ? h('span', { class: 'cell-detail' }, pointAgainstThreshold(worst, worst.thresholdSource)) : null);
}

/** Returns the muted second line of the role cell: the feature's type, or nothing for a signal. */
function typeLine(row) {
  if (row.role === 'signal') {
    return null;
  }
  return h('span', { class: 'cell-detail' }, kindText(row.kind));
}

function featureRow(model, version, row) {
  const isDrifted = row.status === 'drifted';
  return h('tr', { 'data-feature': row.feature, 'data-key': `feature:${row.feature}`, class: isDrifted ? 'row-drifted' : null },
    h('th', { scope: 'row' }, h('a', { href: featureHref(model, version, row.feature) }, row.feature)),
    h('td', null, roleText(row.role), typeLine(row)),
    h('td', { 'data-status': row.status }, statusBadge(row.status)),
    h('td', { class: 'numeric' }, formatNumber(row.score)),
    h('td', null, worstCell(row)),
    h('td', { class: 'numeric' }, formatInteger(row.openAlerts ?? 0)),
    h('td', { class: 'numeric' }, formatPercent(row.missingRate)),
    h('td', { class: 'numeric' }, formatPercent(row.unseenShare)));
}

/** Creates the feature table in the given sort order. */
export function featureTable(model, version, features, sort) {
  // Input features only: the prediction and probability columns are outputs, and signals are watched by detectors.
  const inputs = features.filter((row) => row.role === 'feature' || row.role === 'unknown');
  const drifted = inputs.filter((row) => row.status === 'drifted').length;
  const direction = sort.direction === 'ascending' ? t('sort.ascending') : t('sort.descending');
  const column = COLUMNS.find((candidate) => candidate.id === sort.column)
    ?? COLUMNS.find((candidate) => candidate.id === 'score');
  return h('table', { id: 'feature-table', class: 'data-table' },
    h('caption', null, tn('features.caption', features.length, {
      drifted: formatInteger(drifted),
      inputs: formatInteger(inputs.length),
      column: column.label(),
      direction,
    })),
    h('thead', null, h('tr', null, COLUMNS.map((definition) => sortHeader(definition.id, definition.label(), sort,
      definition.numeric)))),
    h('tbody', null, features.length === 0
      ? h('tr', { 'data-key': 'empty' }, h('td', { colspan: String(COLUMNS.length) }, t('features.empty')))
      : sorted(features, sort).map((row) => featureRow(model, version, row))));
}
