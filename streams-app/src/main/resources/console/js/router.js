// Hash routes of the console. Alert records link to these (their consoleUrl), so the paths are a public
// contract: #/, #/models/M, #/models/M/versions/V, #/models/M/versions/V/performance,
// #/models/M/versions/V/features/F and #/alerts?state=&severity=&model=&alert=. Each model, version and
// feature is one percent-encoded path segment.

function segment(value) {
  return encodeURIComponent(value);
}

/**
 * Parses a location hash into {page, params, query, path}. page is overview, modelRedirect, model,
 * feature, alerts or notFound. `path` is the hash without its query, which identifies the page.
 */
export function parseRoute(hash) {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const queryStart = raw.indexOf('?');
  const path = queryStart < 0 ? raw : raw.slice(0, queryStart);
  const query = new URLSearchParams(queryStart < 0 ? '' : raw.slice(queryStart + 1));

  let parts;
  try {
    parts = path.split('/').filter((part) => part !== '').map((part) => decodeURIComponent(part));
  } catch {
    return { page: 'notFound', params: {}, query, path };
  }

  const [first, model, versions, version, section, feature] = parts;
  if (parts.length === 0) {
    return { page: 'overview', params: {}, query, path: '/' };
  }
  if (first === 'alerts' && parts.length === 1) {
    return { page: 'alerts', params: {}, query, path };
  }
  if (first === 'models' && parts.length === 2) {
    return { page: 'modelRedirect', params: { model }, query, path };
  }
  if (first === 'models' && versions === 'versions') {
    if (parts.length === 4) {
      return { page: 'model', params: { model, version, focus: null }, query, path };
    }
    if (parts.length === 5 && section === 'performance') {
      return { page: 'model', params: { model, version, focus: 'performance' }, query, path };
    }
    if (parts.length === 6 && section === 'features') {
      return { page: 'feature', params: { model, version, feature }, query, path };
    }
  }
  return { page: 'notFound', params: {}, query, path };
}

export function overviewHref() {
  return '#/';
}

export function modelHref(model, version) {
  return `#/models/${segment(model)}/versions/${segment(version)}`;
}

export function performanceHref(model, version) {
  return `${modelHref(model, version)}/performance`;
}

export function featureHref(model, version, feature) {
  return `${modelHref(model, version)}/features/${segment(feature)}`;
}

/** Builds the alerts page address with the filters that are set (state, severity, model, alert). */
export function alertsHref(filters) {
  const query = new URLSearchParams();
  for (const name of ['state', 'severity', 'model', 'alert']) {
    const value = filters ? filters[name] : null;
    if (value) {
      query.set(name, value);
    }
  }
  const text = query.toString();
  return text === '' ? '#/alerts' : `#/alerts?${text}`;
}

/**
 * Returns the console page of an alert's subject, as the server builds consoleUrl: the model page for
 * data-set drift, its performance section for performance metrics, else the feature page.
 */
export function alertSubjectHref(alert) {
  if (alert.subject === 'dataset') {
    return modelHref(alert.modelId, alert.modelVersion);
  }
  if (alert.subject === 'performance' && alert.feature === 'performance') {
    return performanceHref(alert.modelId, alert.modelVersion);
  }
  return featureHref(alert.modelId, alert.modelVersion, alert.feature);
}

/** Returns the alerts page showing one alert among all alerts of its model. */
export function alertEvidenceHref(alert) {
  return alertsHref({ state: 'all', model: alert.modelId, alert: alert.alertId });
}
