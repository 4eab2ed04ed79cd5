// Sentences of the performance charts: the latest value of each kind against its threshold, which the
// card shows and the chart's aria-label reads.
//
// Realized metrics are computed per input partition, on count windows that close separately in each
// partition, so their latest value is one value per partition and the sentence lists them (or their
// range when there are many). Estimated metrics are computed over all partitions on time windows.
// Thresholds derived from reference chunks can fall outside a bounded metric's range (an F1 threshold of
// -0.04): no value can cross such a threshold, and the sentence states it.

import { formatIndex, formatInteger, formatNumber, t, tn } from '../i18n.js';
import { metricKindText, thresholdSourceText } from '../labels.js';
import { partitionOf, partitionsOf, timedPoints } from '../series.js';

/** Most partitions whose latest values are listed one by one. More are summarised as a range. */
const LISTED_PARTITIONS = 4;

function isNumber(value) {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Returns whether a threshold source judges values from below (drift when the value is under it). */
function isLowerBound(source) {
  return source === 'reference_chunks_lower';
}

/**
 * Returns 'below' or 'above' when a threshold lies where the metric's values cannot cross it, else null:
 * a lower bound at or under the range's minimum, or an upper bound at or over its maximum.
 */
export function unreachableSide(threshold, source, range) {
  if (!range || !isNumber(threshold)) {
    return null;
  }
  if (isLowerBound(source) && threshold <= range.min) {
    return 'below';
  }
  if (!isLowerBound(source) && threshold >= range.max) {
    return 'above';
  }
  return null;
}

/** Returns whether no point of an entry has a threshold, as for the confusion-matrix counts. */
export function hasNoThreshold(entry) {
  return !entry.points.some((point) => isNumber(point.threshold));
}

function thresholdText(entry, point, range) {
  if (hasNoThreshold(entry)) {
    return t('performance.threshold.none');
  }
  const params = { threshold: formatNumber(point.threshold), source: thresholdSourceText(entry.thresholdSource) };
  const side = unreachableSide(point.threshold, entry.thresholdSource, range);
  if (side === 'below') {
    return t('performance.threshold.belowRange', { ...params, bound: formatNumber(range.min) });
  }
  if (side === 'above') {
    return t('performance.threshold.aboveRange', { ...params, bound: formatNumber(range.max) });
  }
  return t('performance.threshold.reachable', params);
}

/** Returns the latest point of each input partition, by partition number. */
function latestPerPartition(points) {
  const latest = new Map();
  for (const { point } of timedPoints(points)) {
    if (partitionOf(point) !== null) {
      latest.set(partitionOf(point), point);
    }
  }
  return [...latest.entries()].sort(([a], [b]) => a - b).map(([, point]) => point);
}

function partitionValue(point) {
  const params = { value: formatNumber(point.value), partition: formatIndex(partitionOf(point)) };
  return point.drifted === true ? t('performance.partitionValue.drifted', params) : t('performance.partitionValue', params);
}

/** Returns the latest values of the partitions: each one, or their range when there are many. */
function partitionValues(latest) {
  const values = latest.map((point) => point.value).filter(isNumber);
  if (latest.length <= LISTED_PARTITIONS || values.length === 0) {
    return latest.map(partitionValue).join(', ');
  }
  const lowest = latest.find((point) => point.value === Math.min(...values));
  return t('performance.partitionRange', {
    min: formatNumber(Math.min(...values)),
    max: formatNumber(Math.max(...values)),
    partition: lowest ? formatIndex(partitionOf(lowest)) : t('value.none'),
    drifted: formatInteger(latest.filter((point) => point.drifted === true).length),
  });
}

/**
 * Returns the sentence of one kind's latest value against its threshold, or null without points.
 * `range` is the metric's value range ({min, max}) or null.
 */
export function latestText(entry, range) {
  if (!entry || !entry.latest) {
    return null;
  }
  const threshold = thresholdText(entry, entry.latest, range);
  const kind = metricKindText(entry.kind);
  if (partitionsOf(entry.points).length > 0) {
    const latest = latestPerPartition(entry.points);
    return tn('performance.latestPerPartition', latest.length, { kind, values: partitionValues(latest), threshold });
  }
  return t('performance.latest', { kind, value: formatNumber(entry.latest.value), threshold });
}
