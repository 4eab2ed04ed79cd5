// From the API's POINT lists (one point per window and check) to chart series, the tables that stand in
// for a chart, and the sentence that a chart's aria-label reads.
//
// Which number to plot follows the threshold source: for p_value the p-value (it drifts when
// pValue <= threshold), for reference_chunks_lower the value (drifts when value < threshold), and for any
// other source the value (drifts when value > threshold).

import { formatDateTime, formatIndex, formatInteger, formatNumber, formatPercent, t, tn } from './i18n.js';
import { dataTable, pointTime } from './widgets.js';

export function usesPValue(source) {
  return source === 'p_value';
}

/** Returns the number that a point is judged by: its p-value for p-value tests, else its value. */
export function judgedValue(point, source) {
  const value = usesPValue(source) ? point.pValue : point.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function finiteOrNull(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Returns the points that have a time, oldest first. */
export function timedPoints(points) {
  return (Array.isArray(points) ? points : [])
    .map((point) => ({ point, x: pointTime(point) }))
    .filter((entry) => entry.x !== null)
    .sort((a, b) => a.x - b.x);
}

/**
 * Returns the chart series of a check: its judged value, its threshold and, when any point has one, its
 * critical level. Labels name the check, so the legend reads correctly without the card's heading.
 */
export function checkSeries(points, source, valueLabel) {
  const timed = timedPoints(points);
  const series = [{
    label: valueLabel,
    style: 'value',
    points: timed.map(({ point, x }) => ({
      x, y: judgedValue(point, source), drifted: point.drifted === true, partition: partitionOf(point),
    })),
  }];
  if (timed.some(({ point }) => finiteOrNull(point.threshold) !== null)) {
    series.push({
      label: usesPValue(source) ? t('chart.series.significance') : t('chart.series.threshold'),
      style: 'threshold',
      points: timed.map(({ point, x }) => ({ x, y: finiteOrNull(point.threshold) })),
    });
  }
  if (timed.some(({ point }) => finiteOrNull(point.criticalThreshold) !== null)) {
    series.push({
      label: t('chart.series.critical'),
      style: 'critical',
      points: timed.map(({ point, x }) => ({ x, y: finiteOrNull(point.criticalThreshold) })),
    });
  }
  return series;
}

/** Returns a point's input partition, or null for a point computed over all partitions. */
export function partitionOf(point) {
  return typeof point.inputPartition === 'number' && Number.isFinite(point.inputPartition) ? point.inputPartition : null;
}

/** Returns the distinct input partitions of points, in ascending order (empty when none has one). */
export function partitionsOf(points) {
  const partitions = (Array.isArray(points) ? points : []).map(partitionOf).filter((partition) => partition !== null);
  return [...new Set(partitions)].sort((a, b) => a - b);
}

function drifted(point) {
  return point.drifted === true ? t('point.drifted.yes') : t('point.drifted.no');
}

/**
 * Creates the table of a check's points, newest first. `share` formats values as percentages. The window
 * index column is the server's number of each window, the one place besides tooltips where it shows.
 */
export function pointsTable(points, source, caption, share) {
  const format = share ? formatPercent : formatNumber;
  const test = usesPValue(source) || (Array.isArray(points) && points.some((point) => finiteOrNull(point.pValue) !== null));
  const partitioned = partitionsOf(points).length > 0;
  const columns = [
    { label: t('point.column.window'), numeric: true },
    { label: t('point.column.windowEnd') },
    partitioned ? { label: t('point.column.partition'), numeric: true } : null,
    { label: t('point.column.value'), numeric: true },
    test ? { label: t('point.column.pValue'), numeric: true } : null,
    { label: usesPValue(source) ? t('point.column.significance') : t('point.column.threshold'), numeric: true },
    { label: t('point.column.critical'), numeric: true },
    { label: t('point.column.drifted') },
    { label: t('point.column.sampleSize'), numeric: true },
  ].filter((column) => column !== null);
  const rows = timedPoints(points).reverse().map(({ point, x }) => {
    const cells = [formatIndex(point.windowIndex), formatDateTime(x)];
    if (partitioned) {
      cells.push(partitionOf(point) === null ? t('value.none') : formatIndex(partitionOf(point)));
    }
    cells.push(format(point.value));
    if (test) {
      cells.push(formatNumber(point.pValue));
    }
    cells.push(format(point.threshold), format(point.criticalThreshold), drifted(point), formatInteger(point.sampleSize));
    return cells;
  });
  return dataTable({ caption, columns, rows });
}

/**
 * Returns the sentence that an over-time chart's aria-label reads: what it shows, over how many windows,
 * the latest value against its threshold, and how many windows drifted.
 */
export function chartSummary(name, points, source, share) {
  const timed = timedPoints(points);
  if (timed.length === 0) {
    return t('chart.summary.empty', { name });
  }
  const format = share ? formatPercent : formatNumber;
  const latest = timed[timed.length - 1].point;
  const judged = judgedValue(latest, source);
  const params = {
    name,
    start: formatDateTime(timed[0].x),
    end: formatDateTime(timed[timed.length - 1].x),
    latest: judged === null ? t('value.none') : format(judged),
    threshold: format(latest.threshold),
    drifted: formatInteger(timed.filter(({ point }) => point.drifted === true).length),
  };
  return usesPValue(source)
    ? tn('chart.summary.pValue', timed.length, params)
    : tn('chart.summary.value', timed.length, params);
}

/**
 * Returns the latest value against its threshold in words: "0.23 (threshold 0.1)", "p = 0.001 (level
 * 0.05)", or "412 (no threshold)" for a value that nothing judges.
 */
export function pointAgainstThreshold(point, source) {
  if (!point) {
    return t('value.none');
  }
  if (usesPValue(source)) {
    return t('point.pValueAgainst', { pValue: formatNumber(point.pValue), threshold: formatNumber(point.threshold) });
  }
  if (finiteOrNull(point.threshold) === null) {
    return t('point.valueWithoutThreshold', { value: formatNumber(point.value) });
  }
  return t('point.valueAgainst', { value: formatNumber(point.value), threshold: formatNumber(point.threshold) });
}

