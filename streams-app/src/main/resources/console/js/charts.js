// Chart.js 4.5.1 (the UMD build's global `Chart`) wrapped for the console's two chart shapes: values over
// time against their thresholds, and reference against current shares as grouped bars. No date adapter
// is bundled, so time axes are linear scales over epoch milliseconds whose ticks are formatted by Intl.
//
// Pages render a <canvas data-chart-key=...> per chart and a config per key. syncCharts() creates the
// chart the first time and later updates it in place (chart.update('none')), keeping the dataset
// objects so that datasets hidden through the legend stay hidden.

import { h } from './dom.js';
import { formatAxisTime, formatDateTime, formatIndex, formatNumber, formatPercent, t } from './i18n.js';

// Line and bar colours have at least 3:1 contrast against the white plot area (WCAG 2.1, 1.4.11), and
// thresholds differ from values by dash pattern as well as colour.
const STYLES = {
  value: { borderColor: '#1d4ed8', backgroundColor: '#1d4ed8', borderWidth: 2 },
  estimated: { borderColor: '#7e22ce', backgroundColor: '#7e22ce', borderWidth: 2, borderDash: [6, 4] },
  threshold: {
    borderColor: '#b91c1c', backgroundColor: '#b91c1c', borderWidth: 1.5, borderDash: [8, 4],
    pointRadius: 0, pointHoverRadius: 0, stepped: 'before',
  },
  critical: {
    borderColor: '#7f1d1d', backgroundColor: '#7f1d1d', borderWidth: 1.5, borderDash: [2, 3],
    pointRadius: 0, pointHoverRadius: 0, stepped: 'before',
  },
  reference: {
    borderColor: '#4b5563', backgroundColor: '#4b5563', borderWidth: 1.5, borderDash: [12, 3, 2, 3],
    pointRadius: 0, pointHoverRadius: 0,
  },
  referenceBar: { backgroundColor: '#6b7280', borderColor: '#374151', borderWidth: 1 },
  currentBar: { backgroundColor: '#1d4ed8', borderColor: '#1e3a8a', borderWidth: 1 },
};

// A logarithmic axis cannot show 0, so p-values below this floor are drawn at it. Tables show the exact value.
const LOG_FLOOR = 1e-16;

let defaultsApplied = false;

function chartLibrary() {
  const library = window.Chart;
  if (!library) {
    throw new Error('Chart.js is not loaded (console/vendor/chart.umd.min.js)');
  }
  if (!defaultsApplied) {
    library.defaults.color = '#1f2937';
    library.defaults.font.family = getComputedStyle(document.body).fontFamily;
    library.defaults.animation = false;
    defaultsApplied = true;
  }
  return library;
}

/**
 * Creates the box and canvas of one chart. `kind` becomes data-chart (statistic, distribution, dataset,
 * performance) and `attributes` adds data attributes such as data-statistic.
 */
export function chartCanvas(key, kind, ariaLabel, attributes) {
  return h('div', { class: 'chart-box', 'data-key': `chart:${key}` },
    h('canvas', { role: 'img', 'aria-label': ariaLabel, 'data-chart': kind, 'data-chart-key': key, ...attributes }));
}

function hasRepeatedX(points) {
  const seen = new Set();
  for (const point of points) {
    if (seen.has(point.x)) {
      return true;
    }
    seen.add(point.x);
  }
  return false;
}

function pointRadius(context) {
  return context.raw && context.raw.drifted ? 5 : 3;
}

function pointStyle(context) {
  return context.raw && context.raw.drifted ? 'triangle' : 'circle';
}

function hasSeveralPartitions(points) {
  return new Set(points.map((point) => point.partition ?? null)).size > 1;
}

/**
 * Returns the y-axis limits that keep a bounded metric's axis inside its range. A limit is set only on
 * the side where some series (in practice a threshold) lies beyond the bound. Chart.js clips the lines
 * there at the plot area's edge.
 */
function boundedAxis(series, range) {
  if (!range) {
    return {};
  }
  const ys = series.flatMap((line) => line.points.map((point) => point.y))
    .filter((y) => typeof y === 'number' && Number.isFinite(y));
  return {
    min: ys.some((y) => y < range.min) ? range.min : undefined,
    max: ys.some((y) => y > range.max) ? range.max : undefined,
  };
}

/**
 * Builds a line chart over time. Each series is {label, style, points: [{x: epoch ms, y, drifted,
 * partition}]}, with style one of value, estimated, threshold, critical, reference. Drifted points are
 * drawn as larger triangles. `scale` is 'linear', 'logarithmic' (p-values) or 'share' (0..1 shown as
 * percentages). `range` ({min, max}, optional) is the range of a bounded metric's values. The y axis has
 * no title because the card's heading names what it plots, and a long title would be cut.
 */
export function lineConfig({ series, scale, range }) {
  const xs = series.flatMap((line) => line.points.map((point) => point.x));
  const span = xs.length > 1 ? Math.max(...xs) - Math.min(...xs) : 0;
  const logarithmic = scale === 'logarithmic';
  const datasets = series.map((line) => ({
    label: line.label,
    // Realized metrics come from count windows that close per input partition, so consecutive points
    // belong to different partitions and one window end can carry several values. A line through them
    // would zigzag, so such values are drawn as points only.
    showLine: line.style === 'threshold' || line.style === 'critical' || line.style === 'reference'
      || !(hasRepeatedX(line.points) || hasSeveralPartitions(line.points)),
    data: line.points.map((point) => ({
      x: point.x,
      y: logarithmic && point.y !== null ? Math.max(point.y, LOG_FLOOR) : point.y,
      drifted: Boolean(point.drifted),
      partition: point.partition ?? null,
    })),
    spanGaps: false,
    pointRadius: pointRadius,
    pointHoverRadius: 6,
    pointStyle: pointStyle,
    ...STYLES[line.style],
  }));
  return {
    type: 'line',
    data: { datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: {
          type: 'linear',
          ticks: { maxTicksLimit: 6, callback: (value) => formatAxisTime(value, span) },
          title: { display: true, text: t('chart.axis.windowEnd') },
        },
        y: {
          type: logarithmic ? 'logarithmic' : 'linear',
          beginAtZero: scale === 'share',
          ...boundedAxis(series, range),
          ticks: { callback: (value) => (scale === 'share' ? formatPercent(value) : formatNumber(value)) },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: false, boxHeight: 2 } },
        tooltip: {
          callbacks: {
            title: (items) => (items.length > 0 ? formatDateTime(items[0].parsed.x) : ''),
            label: (item) => {
              const value = scale === 'share' ? formatPercent(item.parsed.y) : formatNumber(item.parsed.y);
              const drifted = item.raw && item.raw.drifted ? ` (${t('status.drifted')})` : '';
              const partition = item.raw && typeof item.raw.partition === 'number'
                ? ` · ${t('chart.tooltip.partition', { partition: formatIndex(item.raw.partition) })}` : '';
              return `${item.dataset.label}: ${value}${drifted}${partition}`;
            },
          },
        },
      },
    },
  };
}

/** Builds a grouped bar chart of shares per bin or category: reference and current side by side. */
export function distributionConfig({ labels, reference, current }) {
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: t('distribution.reference'), data: reference, ...STYLES.referenceBar },
        { label: t('distribution.current'), data: current, ...STYLES.currentBar },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { title: { display: true, text: t('distribution.axis.bin') } },
        y: {
          beginAtZero: true,
          ticks: { callback: (value) => formatPercent(value) },
          title: { display: true, text: t('distribution.axis.share') },
        },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: { label: (item) => `${item.dataset.label}: ${formatPercent(item.parsed.y)}` },
        },
      },
    },
  };
}

function updateInPlace(chart, config) {
  const datasets = chart.data.datasets;
  const next = config.data.datasets;
  if (datasets.length === next.length && datasets.every((dataset, i) => dataset.label === next[i].label)) {
    next.forEach((dataset, i) => Object.assign(datasets[i], dataset));
  } else {
    chart.data.datasets = next;
  }
  if (config.data.labels) {
    chart.data.labels = config.data.labels;
  }
  chart.options = config.options;
  chart.update('none');
}

/** Creates or updates the chart of every canvas[data-chart-key] under root from configs (a Map by key). */
export function syncCharts(root, configs) {
  const library = chartLibrary();
  for (const canvas of root.querySelectorAll('canvas[data-chart-key]')) {
    const config = configs.get(canvas.dataset.chartKey);
    if (!config) {
      continue;
    }
    const existing = library.getChart(canvas);
    if (existing && existing.config.type === config.type) {
      updateInPlace(existing, config);
    } else {
      if (existing) {
        existing.destroy();
      }
      new library(canvas, config);
    }
  }
}

/** Destroys the charts whose canvas left the document, or every chart when `all` is true. */
export function destroyCharts(all) {
  const library = window.Chart;
  if (!library) {
    return;
  }
  for (const chart of Object.values(library.instances)) {
    if (all || !chart.canvas || !chart.canvas.isConnected) {
      chart.destroy();
    }
  }
}
