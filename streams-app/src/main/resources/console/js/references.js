// The reference profile of a model version, as the model page shows it and as alert evidence names it.
// An alert record carries its reference as the server's English text with a raw time stamp
// ("simulated-reference, 20000 rows, built 2026-12-05T04:38:02.396719314Z"). When the version's reference
// object is known and the text describes that same profile, the evidence shows the translated form
// instead. Pages without the version's data fetch it once per version and keep it for the session.

import { apiGet, apiPath } from './api.js';
import { formatDateTime, formatInteger, t } from './i18n.js';

// Reference object (or null) of each version, keyed by JSON [model, version]. Entries are promises, so
// that two pages loading at once share one request.
const cache = new Map();

/** Returns the translated description of a version's reference object, or the "no reference" text. */
export function referenceText(reference) {
  if (!reference) {
    return t('model.reference.none');
  }
  return t('model.reference.text', {
    source: reference.source ?? t('value.none'),
    rows: formatInteger(reference.rows),
    created: formatDateTime(reference.createdAt),
  });
}

/**
 * Returns the reference of an alert's evidence: the translated description of `reference` (the version's
 * reference object) when the alert's text describes that profile, else the alert's text as it came, or
 * null when the alert names none. `translated` is true for the translated description.
 */
export function alertReferenceText(alert, reference) {
  const text = typeof alert.reference === 'string' && alert.reference !== '' ? alert.reference : null;
  if (text === null) {
    return null;
  }
  // The server writes "{source}, {rows} rows, built {createdAt}" (CheckRecords), so an equal text means
  // that the alert was computed against this very profile.
  const sameProfile = reference && text === `${reference.source}, ${reference.rows} rows, built ${reference.createdAt}`;
  return sameProfile ? { text: referenceText(reference), translated: true } : { text, translated: false };
}

/** Stores the reference object of a version whose data a page loaded anyway. */
export function rememberReference(model, version, reference) {
  cache.set(JSON.stringify([model, version]), Promise.resolve(reference ?? null));
}

/**
 * Returns a Map from JSON [model, version] to the reference object (or null) of each version that the
 * alerts belong to. Fetches each version once per session. A failed request resolves to null and is
 * retried on a later call, so the evidence falls back to the alert's own text meanwhile.
 */
export async function referencesOf(alerts) {
  const keys = new Map();
  for (const alert of alerts) {
    keys.set(JSON.stringify([alert.modelId, alert.modelVersion]), [alert.modelId, alert.modelVersion]);
  }
  const entries = await Promise.all([...keys].map(async ([key, [model, version]]) => {
    if (!cache.has(key)) {
      const request = apiGet(apiPath('models', model, 'versions', version)).then((detail) => detail.reference ?? null);
      cache.set(key, request);
      request.catch(() => cache.delete(key));
    }
    try {
      return [key, await cache.get(key)];
    } catch {
      return [key, null];
    }
  }));
  return new Map(entries);
}

/** Returns the reference object of an alert's version from a Map that referencesOf() returned. */
export function referenceOf(references, alert) {
  return references ? references.get(JSON.stringify([alert.modelId, alert.modelVersion])) ?? null : null;
}
