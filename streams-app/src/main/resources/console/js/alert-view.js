// One alert with its evidence, as the alerts page and the feature page show it. The evidence is a
// translated sentence, the value against threshold and critical level, the windows behind it, the bins
// or categories that moved most, the drifted features of a data-set alert, the reference and the alert's
// history. The server's English summary is kept too, marked lang="en", because notifications quote it.

import { h, icon } from './dom.js';
import {
  capitalize, formatIndex, formatInteger, formatNumber, formatPercent, formatPointChange, parseTime,
  t, tn,
} from './i18n.js';
import { alertStateText, checkName, severityText, subjectText, thresholdSourceText } from './labels.js';
import { alertEvidenceHref, alertSubjectHref, featureHref } from './router.js';
import { alertReferenceText } from './references.js';
import { absoluteTime, dataTable, definitionList, severityBadge, windowTime } from './widgets.js';

function subjectPhrase(alert) {
  if (alert.subject === 'dataset') {
    return t('alert.subject.dataset');
  }
  if (alert.subject === 'performance' && alert.feature === 'performance') {
    return t('alert.subject.metric', { metric: checkName(alert.check) });
  }
  return t('alert.subject.named', { subject: subjectText(alert.subject), name: alert.feature });
}

/** Returns the short name of what an alert is about: "Data set", the metric, or the feature or signal name. */
export function subjectName(alert) {
  if (alert.subject === 'dataset') {
    return subjectText('dataset');
  }
  if (alert.subject === 'performance' && alert.feature === 'performance') {
    return capitalize(checkName(alert.check));
  }
  return alert.feature;
}

/**
 * Returns "input partition 2" for an alert computed on one input partition (realized performance,
 * detectors), else null. Alerts of different partitions are separate alerts with separate histories.
 */
export function partitionText(alert) {
  return hasNumber(alert.inputPartition)
    ? t('alert.partition', { partition: formatIndex(alert.inputPartition) })
    : null;
}

/** Returns the value against its threshold in words, on the scale that the threshold source names. */
export function comparisonText(alert) {
  const check = checkName(alert.check);
  if (alert.thresholdSource === 'detector') {
    return t('alert.comparison.detector', { check });
  }
  if (alert.thresholdSource === 'p_value' && alert.pValue !== null && alert.pValue !== undefined) {
    return t('alert.comparison.pValue', {
      check, pValue: formatNumber(alert.pValue), threshold: formatNumber(alert.threshold),
    });
  }
  const params = { check, value: formatNumber(alert.value), threshold: formatNumber(alert.threshold) };
  return alert.thresholdSource === 'reference_chunks_lower'
    ? t('alert.comparison.below', params)
    : t('alert.comparison.above', params);
}

/** Returns one translated sentence that states the alert, built from its fields. */
export function alertSentence(alert) {
  const params = {
    subject: subjectPhrase(alert),
    model: alert.modelId,
    version: alert.modelVersion,
    comparison: comparisonText(alert),
  };
  if (alert.state === 'RESOLVED') {
    return tn('alert.sentence.resolved', alert.cleanWindows ?? 0, params);
  }
  if (alert.severity === 'CRITICAL') {
    return t('alert.sentence.critical', params);
  }
  return t('alert.sentence.warning', params);
}

function isDetection(alert) {
  return alert.thresholdSource === 'detector';
}

function hasNumber(value) {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Returns the record of the window in which an alert opened: the alert itself or one of its history
 * records with that window index, or null when the history that came has none (older records omitted).
 */
function openedRecord(alert) {
  if (!hasNumber(alert.openedWindowIndex)) {
    return null;
  }
  const records = [alert, ...(Array.isArray(alert.history) ? alert.history : [])];
  return records.find((record) => record.windowIndex === alert.openedWindowIndex && parseTime(record.windowEnd) !== null)
    ?? null;
}

/**
 * Returns the window numbers behind an alert, the server's internal indices that its API, logs and
 * records use: the opened window's and the latest one's. For a detector they are value positions.
 */
function windowNumbers(alert) {
  const opened = hasNumber(alert.openedWindowIndex) ? formatIndex(alert.openedWindowIndex) : null;
  const latest = hasNumber(alert.windowIndex) ? formatIndex(alert.windowIndex) : null;
  if (opened === null && latest === null) {
    return null;
  }
  const params = { opened: opened ?? t('value.none'), latest: latest ?? t('value.none') };
  return h('span', { class: 'muted' }, isDetection(alert)
    ? t('alert.valuePositions', params)
    : t('alert.windowNumbers', params));
}

function windowsText(alert) {
  if (alert.driftedWindows === null || alert.driftedWindows === undefined
    || alert.evidenceWindows === null || alert.evidenceWindows === undefined) {
    return null;
  }
  return tn('alert.windowsOf', alert.evidenceWindows, { drifted: formatInteger(alert.driftedWindows) });
}

function optionalNumber(value) {
  return value === null || value === undefined ? null : formatNumber(value);
}

function optionalInteger(value) {
  return value === null || value === undefined ? null : formatInteger(value);
}

function optionalIndex(value) {
  return value === null || value === undefined ? null : formatIndex(value);
}

function thresholdText(alert) {
  if (isDetection(alert)) {
    return thresholdSourceText(alert.thresholdSource);
  }
  if (!hasNumber(alert.threshold)) {
    return t('alert.threshold.none');
  }
  return `${formatNumber(alert.threshold)} (${thresholdSourceText(alert.thresholdSource)})`;
}

function referenceNode(alert, reference) {
  const described = alertReferenceText(alert, reference);
  if (described === null) {
    return null;
  }
  return described.translated ? described.text : h('span', { lang: 'en' }, described.text);
}

/** Returns the facts about when: the latest window (or a detector's detection) and the opening window. */
function windowFacts(alert) {
  if (isDetection(alert)) {
    // A detector's "window" is one value, whose position windowNumbers() shows. Its latest record is a
    // detection while the alert is open, and the check that found no new change once it resolved.
    const term = alert.state === 'RESOLVED' ? t('alert.field.checkedAt') : t('alert.field.detectedAt');
    return [[term, absoluteTime(alert.windowEnd)]];
  }
  const opened = openedRecord(alert);
  return [
    [t('alert.field.window'), windowTime(alert.windowStart, alert.windowEnd, alert.windowIndex), 'wide'],
    [t('alert.field.openedWindow'), opened === null ? null
      : windowTime(opened.windowStart, opened.windowEnd, opened.windowIndex), 'wide'],
  ];
}

function evidenceFacts(alert, reference) {
  const critical = alert.criticalThreshold === null || alert.criticalThreshold === undefined
    ? null : formatNumber(alert.criticalThreshold);
  return definitionList([
    [t('alert.field.check'), capitalize(checkName(alert.check))],
    [t('alert.field.value'), formatNumber(alert.value)],
    [t('alert.field.threshold'), thresholdText(alert)],
    [t('alert.field.criticalThreshold'), critical],
    [t('alert.field.pValue'), optionalNumber(alert.pValue)],
    ...windowFacts(alert),
    [t('alert.field.driftedWindows'), windowsText(alert)],
    [t('alert.field.cleanWindows'), optionalInteger(alert.cleanWindows)],
    [t('alert.field.sampleSize'), optionalInteger(alert.sampleSize)],
    [t('alert.field.inputPartition'), optionalIndex(alert.inputPartition)],
    [t('alert.field.referenceSize'), optionalInteger(alert.referenceSize)],
    [t('alert.field.referenceValue'), optionalNumber(alert.referenceValue)],
    [t('alert.field.reference'), referenceNode(alert, reference), 'wide'],
    [t('alert.field.firstSeen'), absoluteTime(alert.firstSeen)],
    [t('alert.field.updatedAt'), absoluteTime(alert.updatedAt)],
    [isDetection(alert) ? t('alert.field.valuePositions') : t('alert.field.windowNumbers'), windowNumbers(alert), 'wide'],
  ]);
}

function contributorsTable(alert) {
  const contributors = Array.isArray(alert.contributors) ? alert.contributors : [];
  if (contributors.length === 0) {
    return null;
  }
  return dataTable({
    caption: t('alert.contributors.caption'),
    columns: [
      { label: t('alert.contributors.bin') },
      { label: t('alert.contributors.referenceShare'), numeric: true },
      { label: t('alert.contributors.currentShare'), numeric: true },
      { label: t('alert.contributors.change'), numeric: true },
    ],
    rows: contributors.map((moved) => [
      moved.label,
      formatPercent(moved.referenceShare),
      formatPercent(moved.currentShare),
      formatPointChange(moved.currentShare - moved.referenceShare),
    ]),
  });
}

function driftedFeatures(alert) {
  const features = Array.isArray(alert.driftedFeatures) ? alert.driftedFeatures : [];
  if (features.length === 0) {
    return null;
  }
  return h('div', { class: 'drifted-features' },
    h('h4', null, t('alert.driftedFeatures')),
    h('ul', { class: 'inline-list' }, features.map((feature) => h('li', null,
      h('a', { href: featureHref(alert.modelId, alert.modelVersion, feature) }, feature)))));
}

function historyTable(alert) {
  const history = Array.isArray(alert.history) ? alert.history : [];
  if (history.length === 0) {
    return null;
  }
  const omitted = alert.historyOmitted > 0
    ? h('p', { class: 'muted' }, t('alert.history.omitted', { count: formatInteger(alert.historyOmitted) }))
    : null;
  return h('details', { class: 'alert-history', 'data-key': 'history' },
    h('summary', null, t('alert.history.summary', { count: formatInteger(history.length) })),
    omitted,
    dataTable({
      caption: t('alert.history.caption'),
      columns: [
        { label: t('alert.field.updatedAt') },
        { label: t('alert.field.state') },
        { label: t('alert.field.severity') },
        { label: t('alert.field.value'), numeric: true },
        { label: t('alert.field.threshold'), numeric: true },
        { label: t('alert.field.pValue'), numeric: true },
        { label: t('alert.field.windowIndex'), numeric: true },
        { label: t('alert.field.driftedWindows') },
      ],
      rows: history.map((record) => [
        absoluteTime(record.updatedAt),
        alertStateText(record.state),
        severityText(record.severity),
        formatNumber(record.value),
        formatNumber(record.threshold),
        record.pValue === null || record.pValue === undefined ? t('value.none') : formatNumber(record.pValue),
        formatIndex(record.windowIndex),
        windowsText(record) ?? t('value.none'),
      ]),
    }));
}

/**
 * Creates the card of one alert with all its evidence. `headingLevel` is the level of its heading (3 on
 * the alerts page), `showEvidenceLink` adds a link to the alert on the alerts page, and
 * `showSubjectLink` a link to the page of its feature, metric or data set. `reference` is the reference
 * object of the alert's version when the page has it (null otherwise), to describe the reference in the
 * user's language.
 */
export function alertCard(alert, { headingLevel, showEvidenceLink, showSubjectLink, highlighted, reference }) {
  const resolved = alert.state === 'RESOLVED';
  const level = alert.severity === 'CRITICAL' ? 'critical' : 'warning';
  // A performance metric's subject phrase names the metric already, so its title leaves the check out.
  const metricSubject = alert.subject === 'performance' && alert.feature === 'performance';
  const heading = metricSubject
    ? t('alert.titleWithoutCheck', { subject: subjectPhrase(alert), model: alert.modelId, version: alert.modelVersion })
    : t('alert.title', {
      subject: subjectPhrase(alert), check: checkName(alert.check), model: alert.modelId, version: alert.modelVersion,
    });
  const partition = partitionText(alert);
  const title = partition === null ? heading : `${heading} · ${partition}`;

  const stateLabel = h('span', { class: `alert-state${resolved ? ' alert-state-resolved' : ''}` },
    resolved ? icon('resolved') : null, alertStateText(alert.state));
  const links = [
    showSubjectLink ? h('a', { href: alertSubjectHref(alert) }, t('alert.link.subject')) : null,
    showEvidenceLink ? h('a', { href: alertEvidenceHref(alert) }, t('alert.link.evidence')) : null,
  ];

  return h('article', {
    class: `alert-card alert-${level}${resolved ? ' alert-resolved' : ''}${highlighted ? ' alert-highlighted' : ''}`,
    'data-alert-id': alert.alertId,
    'data-key': `alert:${alert.modelId}:${alert.alertId}`,
    'aria-labelledby': `alert-title-${cssId(alert)}`,
    tabindex: highlighted ? '-1' : null,
  },
  h('header', { class: 'alert-header' },
    severityBadge(alert.severity),
    stateLabel,
    h(`h${headingLevel}`, { id: `alert-title-${cssId(alert)}`, class: 'alert-title' }, title)),
  h('p', { class: 'alert-sentence' }, alertSentence(alert)),
  alert.summary ? h('p', { class: 'alert-summary muted' }, h('span', null, t('alert.notificationText')), ' ',
    h('q', { lang: 'en' }, alert.summary)) : null,
  evidenceFacts(alert, reference ?? null),
  contributorsTable(alert),
  driftedFeatures(alert),
  historyTable(alert),
  h('p', { class: 'alert-links' }, links));
}

/**
 * Returns an id fragment for an alert, valid in an id attribute. Every character outside [A-Za-z0-9]
 * becomes _hex_ and a hyphen joins the two ids, so distinct model and alert ids give distinct fragments.
 */
function cssId(alert) {
  const encode = (text) => String(text).replace(/[^A-Za-z0-9]/gu, (char) => `_${char.codePointAt(0).toString(16)}_`);
  return `${encode(alert.modelId)}-${encode(alert.alertId)}`;
}
