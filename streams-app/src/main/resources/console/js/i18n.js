// Translations and locale-aware formatting. Messages live in ../i18n/{en,es}.json as flat objects of
// key to text, with {name} placeholders. Numbers and dates go through Intl in the user's locale: the
// first browser locale of the chosen language (es-MX stays es-MX), else the bare language.

const STORAGE_KEY = 'momo.language';
const SUPPORTED = ['en', 'es'];
const FALLBACK_LANGUAGE = 'en';

let language = FALLBACK_LANGUAGE;
let locale = FALLBACK_LANGUAGE;
let messages = {};
let fallbackMessages = {};
const formatters = new Map();

/** Returns the language to start with: the stored choice, else Spanish for any es* browser locale first. */
export function initialLanguage() {
  let stored = null;
  try {
    stored = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled. The browser languages still decide.
  }
  if (SUPPORTED.includes(stored)) {
    return stored;
  }
  for (const tag of browserLocales()) {
    const base = tag.toLowerCase().split('-')[0];
    if (SUPPORTED.includes(base)) {
      return base;
    }
  }
  return FALLBACK_LANGUAGE;
}

function browserLocales() {
  if (Array.isArray(navigator.languages) && navigator.languages.length > 0) {
    return navigator.languages;
  }
  return navigator.language ? [navigator.language] : [];
}

async function fetchMessages(code) {
  const url = new URL(`../i18n/${code}.json`, import.meta.url);
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) {
    throw new Error(`GET ${url.pathname} returned HTTP ${response.status}`);
  }
  return response.json();
}

/**
 * Loads the messages of a language and makes it current. Stores the choice in localStorage when `remember` is true.
 * English stays loaded as the fallback for any key a translation lacks.
 */
export async function setLanguage(code, remember) {
  if (!SUPPORTED.includes(code)) {
    throw new Error(`unsupported language '${code}'; supported: ${SUPPORTED.join(', ')}`);
  }
  if (Object.keys(fallbackMessages).length === 0) {
    fallbackMessages = await fetchMessages(FALLBACK_LANGUAGE);
  }
  messages = code === FALLBACK_LANGUAGE ? fallbackMessages : await fetchMessages(code);
  language = code;
  locale = browserLocales().find((tag) => tag.toLowerCase().split('-')[0] === code) ?? code;
  formatters.clear();
  document.documentElement.lang = code;
  if (remember) {
    try {
      window.localStorage.setItem(STORAGE_KEY, code);
    } catch {
      // Without storage the choice lasts until the page is reloaded.
    }
  }
}

export function currentLanguage() {
  return language;
}

/** Returns the message of a key with its {name} placeholders filled, or the key itself when no file has it. */
export function t(key, params) {
  const text = messages[key] ?? fallbackMessages[key];
  if (text === undefined) {
    return key;
  }
  if (!params) {
    return text;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/**
 * Returns the plural form of a message for a count: the key plus the count's CLDR plural category
 * (`key.one`, `key.other`, ...), falling back to `key.other`. The count is formatted into {count}.
 */
export function tn(key, count, params) {
  const category = formatter('plural', () => new Intl.PluralRules(locale)).select(count);
  const specific = `${key}.${category}`;
  const chosen = specific in messages || specific in fallbackMessages ? specific : `${key}.other`;
  return t(chosen, { ...params, count: formatInteger(count) });
}

/** Returns whether the current or the fallback language has a message for the key. */
export function hasMessage(key) {
  return key in messages || key in fallbackMessages;
}

/** Translates the static page: text of [data-i18n] and aria-label of [data-i18n-aria-label]. */
export function translateStatic(root) {
  for (const element of root.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of root.querySelectorAll('[data-i18n-aria-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nAriaLabel));
  }
}

function formatter(name, create) {
  let cached = formatters.get(name);
  if (!cached) {
    cached = create();
    formatters.set(name, cached);
  }
  return cached;
}

function isNumber(value) {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Returns the text for an absent value (null, NaN or not computed). */
export function noValue() {
  return t('value.none');
}

/**
 * Formats a statistic or metric value with four significant digits, and in scientific notation below
 * 0.001 and from one million on, so that p-values such as 3e-12 and the scores derived from them stay readable.
 */
export function formatNumber(value) {
  if (!isNumber(value)) {
    return noValue();
  }
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e6)) {
    return formatter('scientific', () => new Intl.NumberFormat(locale, {
      notation: 'scientific', maximumSignificantDigits: 3,
    })).format(value);
  }
  return formatter('number', () => new Intl.NumberFormat(locale, { maximumSignificantDigits: 4 })).format(value);
}

/** Formats an identifying number (window index, input partition) without grouping separators. */
export function formatIndex(value) {
  if (!isNumber(value)) {
    return noValue();
  }
  return formatter('index', () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: false }))
    .format(value);
}

/**
 * Returns a text with its first letter in upper case, for names (written as they read mid-sentence) that
 * start a heading, a label or a table cell.
 */
export function capitalize(text) {
  const value = String(text);
  return value.charAt(0).toLocaleUpperCase(locale) + value.slice(1);
}

/** Formats a count (events, rows, windows) as a whole number with grouping. */
export function formatInteger(value) {
  if (!isNumber(value)) {
    return noValue();
  }
  return formatter('integer', () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })).format(value);
}

/** Formats a share in 0..1 as a percentage, with one decimal (two below 1 %). */
export function formatPercent(share) {
  if (!isNumber(share)) {
    return noValue();
  }
  const small = share !== 0 && Math.abs(share) < 0.01;
  return formatter(small ? 'percent-small' : 'percent', () => new Intl.NumberFormat(locale, {
    style: 'percent', maximumFractionDigits: small ? 2 : 1,
  })).format(share);
}

/** Formats a change of share in percentage points, with its sign. */
export function formatPointChange(change) {
  if (!isNumber(change)) {
    return noValue();
  }
  const points = formatter('points', () => new Intl.NumberFormat(locale, {
    maximumFractionDigits: 1, signDisplay: 'exceptZero',
  })).format(change * 100);
  return t('unit.percentagePoints', { value: points });
}

/** Formats events per second with at most one decimal and the translated unit. */
export function formatRate(value) {
  if (!isNumber(value)) {
    return noValue();
  }
  const number = formatter('rate', () => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })).format(value);
  return t('unit.eventsPerSecond', { value: number });
}

/** Parses an ISO-8601 time stamp to epoch milliseconds, or null when it is absent or invalid. */
export function parseTime(iso) {
  if (typeof iso !== 'string' || iso === '') {
    return null;
  }
  const millis = Date.parse(iso);
  return Number.isNaN(millis) ? null : millis;
}

/** Formats epoch milliseconds or an ISO time stamp as a date and time in the user's locale and time zone. */
export function formatDateTime(time) {
  const millis = typeof time === 'number' ? time : parseTime(time);
  if (millis === null || !Number.isFinite(millis)) {
    return noValue();
  }
  return formatter('datetime', () => new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium', timeStyle: 'medium',
  })).format(millis);
}

/**
 * Formats the span from `start` to `end` (epoch milliseconds or ISO time stamps) in the user's locale,
 * leaving out the parts that both ends share ("Dec 5, 2026, 4:42:00 – 4:42:10 AM"). Without a start it
 * formats the end alone.
 */
export function formatTimeRange(start, end) {
  const startMillis = typeof start === 'number' ? start : parseTime(start);
  const endMillis = typeof end === 'number' ? end : parseTime(end);
  if (endMillis === null || !Number.isFinite(endMillis)) {
    return noValue();
  }
  if (startMillis === null || !Number.isFinite(startMillis) || startMillis > endMillis) {
    return formatDateTime(endMillis);
  }
  return formatter('datetime', () => new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium', timeStyle: 'medium',
  })).formatRange(startMillis, endMillis);
}

/** Formats a time of day as hours, minutes and seconds. */
export function formatClock(millis) {
  return formatter('clock', () => new Intl.DateTimeFormat(locale, {
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  })).format(millis);
}

const AXIS_FORMATS = [
  // Spans up to 15 minutes, whose ticks can be less than a minute apart: with seconds.
  [15 * 60 * 1000, 'axis-seconds', { hour: '2-digit', minute: '2-digit', second: '2-digit' }],
  [2 * 24 * 3600 * 1000, 'axis-minutes', { hour: '2-digit', minute: '2-digit' }],
  [Infinity, 'axis-days', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }],
];

/**
 * Formats a tick of a time axis that spans `spanMillis`: with seconds up to 15 minutes, the time of day
 * up to two days, else the day and the time.
 */
export function formatAxisTime(millis, spanMillis) {
  const [, name, options] = AXIS_FORMATS.find(([limit]) => spanMillis <= limit);
  return formatter(name, () => new Intl.DateTimeFormat(locale, options)).format(millis);
}

const RELATIVE_UNITS = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** Formats a time relative to now, such as "2 minutes ago" or "hace 2 minutos". */
export function formatRelative(time, nowMillis) {
  const millis = typeof time === 'number' ? time : parseTime(time);
  if (millis === null) {
    return noValue();
  }
  const seconds = Math.round((millis - nowMillis) / 1000);
  const relative = formatter('relative', () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  for (const [unit, length] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= length || unit === 'second') {
      return relative.format(Math.trunc(seconds / length), unit);
    }
  }
  return relative.format(0, 'second');
}

/** Joins words as a list in the user's language ("a, b and c", "a, b y c"). */
export function formatList(items) {
  return formatter('list', () => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })).format(items);
}

/** Compares two texts in the user's locale, numbers inside them by value. */
export function compareText(a, b) {
  return formatter('collator', () => new Intl.Collator(locale, { numeric: true, sensitivity: 'base' })).compare(a, b);
}
