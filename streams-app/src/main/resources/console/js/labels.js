// Translated names of the ids that the API returns: statuses, statistics, metrics, detectors, roles,
// kinds, threshold sources, alert states. Fixed sets use literal keys, so that a test can find every key
// in the translation files. Statistic, metric and detector ids form open sets that the server extends,
// so an id without a translation is shown as it is.

import { hasMessage, t } from './i18n.js';

const STATUS_TEXT = {
  critical: () => t('status.critical'),
  warning: () => t('status.warning'),
  ok: () => t('status.ok'),
  no_data: () => t('status.no_data'),
  drifted: () => t('status.drifted'),
};

/** Returns the text of a model, version or feature status. */
export function statusText(status) {
  return (STATUS_TEXT[status] ?? (() => t('status.unknown')))();
}

const SEVERITY_TEXT = {
  WARNING: () => t('severity.warning'),
  CRITICAL: () => t('severity.critical'),
};

export function severityText(severity) {
  return (SEVERITY_TEXT[severity] ?? (() => String(severity ?? '')))();
}

const STATE_TEXT = {
  OPENED: () => t('alertState.opened'),
  UPDATED: () => t('alertState.updated'),
  RESOLVED: () => t('alertState.resolved'),
};

export function alertStateText(state) {
  return (STATE_TEXT[state] ?? (() => String(state ?? '')))();
}

const ROLE_TEXT = {
  feature: () => t('role.feature'),
  prediction: () => t('role.prediction'),
  label: () => t('role.label'),
  probability: () => t('role.probability'),
  signal: () => t('role.signal'),
  unknown: () => t('role.unknown'),
};

export function roleText(role) {
  return (ROLE_TEXT[role] ?? ROLE_TEXT.unknown)();
}

const KIND_TEXT = {
  numeric: () => t('kind.numeric'),
  categorical: () => t('kind.categorical'),
  unknown: () => t('kind.unknown'),
};

export function kindText(kind) {
  return (KIND_TEXT[kind] ?? KIND_TEXT.unknown)();
}

const SUBJECT_TEXT = {
  feature: () => t('subject.feature'),
  prediction: () => t('subject.prediction'),
  label: () => t('subject.label'),
  performance: () => t('subject.performance'),
  dataset: () => t('subject.dataset'),
};

export function subjectText(subject) {
  return (SUBJECT_TEXT[subject] ?? SUBJECT_TEXT.feature)();
}

const THRESHOLD_SOURCE_TEXT = {
  fixed: () => t('thresholdSource.fixed'),
  reference_chunks: () => t('thresholdSource.reference_chunks'),
  reference_chunks_lower: () => t('thresholdSource.reference_chunks_lower'),
  p_value: () => t('thresholdSource.p_value'),
  detector: () => t('thresholdSource.detector'),
};

export function thresholdSourceText(source) {
  if (source === null || source === undefined) {
    return t('value.none');
  }
  return (THRESHOLD_SOURCE_TEXT[source] ?? (() => source))();
}

const FAMILY_TEXT = {
  distance: () => t('family.distance'),
  test: () => t('family.test'),
  quality: () => t('family.quality'),
  detector: () => t('family.detector'),
  other: () => t('family.other'),
};

/** Returns the name of a check family; the server sends "other" for a statistic it does not know. */
export function familyText(family) {
  return (FAMILY_TEXT[family] ?? FAMILY_TEXT.other)();
}

const METRIC_KIND_TEXT = {
  realized: () => t('metricKind.realized'),
  estimated: () => t('metricKind.estimated'),
};

export function metricKindText(kind) {
  return (METRIC_KIND_TEXT[kind] ?? (() => String(kind ?? '')))();
}

/** Returns the name of a statistic id such as psi or jensen_shannon, or the id when it has no translation. */
export function statisticName(id) {
  const key = `statistic.${id}`;
  return hasMessage(key) ? t(key) : String(id);
}

const AVERAGING = [
  ['_macro', () => t('metric.averaging.macro')],
  ['_weighted', () => t('metric.averaging.weighted')],
];

/** Returns the name of a performance metric, with its multiclass averaging (f1_macro: "F1 (macro average)"). */
export function metricName(id) {
  const name = String(id);
  for (const [suffix, text] of AVERAGING) {
    if (name.endsWith(suffix)) {
      return t('metric.withAveraging', { metric: metricName(name.slice(0, -suffix.length)), averaging: text() });
    }
  }
  const key = `metric.${name}`;
  return hasMessage(key) ? t(key) : name;
}

// Metrics whose every value lies in [0, 1], so that a threshold outside that range can never be crossed.
const UNIT_INTERVAL_METRICS = new Set([
  'accuracy', 'precision', 'recall', 'specificity', 'f1', 'roc_auc', 'average_precision',
]);

/**
 * Returns the range [min, max] of a performance metric's values, or null when it has no bound worth
 * drawing (counts, errors, log loss, R²). Averaged variants such as f1_macro share the plain metric's range.
 */
export function metricRange(id) {
  const name = AVERAGING.reduce((base, [suffix]) => (base.endsWith(suffix) ? base.slice(0, -suffix.length) : base),
    String(id));
  return UNIT_INTERVAL_METRICS.has(name) ? { min: 0, max: 1 } : null;
}

/** Returns the name of a streaming detector (adwin, page-hinkley, hddm-a, ...). */
export function detectorName(id) {
  const key = `detector.${id}`;
  return hasMessage(key) ? t(key) : String(id);
}

/**
 * Returns the name of an alert's check, which is a statistic, a performance metric (perhaps estimated) or a
 * detector.
 */
export function checkName(id) {
  const name = String(id ?? '');
  if (hasMessage(`statistic.${name}`)) {
    return statisticName(name);
  }
  if (hasMessage(`detector.${name}`)) {
    return detectorName(name);
  }
  if (name.startsWith('estimated_')) {
    return t('metric.estimated', { metric: metricName(name.slice('estimated_'.length)) });
  }
  return metricName(name);
}
