// Client of Momo's JSON API. Paths are relative to the page that serves the console ("/" by default),
// derived from this module's address (<base>/console/js/api.js), so the console also works behind a
// reverse proxy that adds a path prefix. A bearer token, once the user enters one, is kept in
// sessionStorage (gone when the tab closes) and sent with every API request.

const TOKEN_KEY = 'momo.token';
/** Time after which an API request is abandoned, in milliseconds. */
export const REQUEST_TIMEOUT_MS = 10000;
const API_ROOT = new URL('../../api/', import.meta.url);

// Used only when sessionStorage is unavailable.
let memoryToken = null;

/**
 * Failure of an API request. `kind` is 'unauthorized' (HTTP 401), 'unreachable' (no HTTP response:
 * network error or timeout) or 'http' (any other error status). `message` is the server's English
 * message for 'http' and 'unauthorized', and the browser's own English text for 'unreachable', which the
 * console does not show. `reason` ('timeout' or 'network') names the failure instead.
 * `retryAfterSeconds` is the Retry-After of a 503, else null.
 */
export class ApiError extends Error {
  constructor(kind, status, message, retryAfterSeconds) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
    this.reason = null;
    // True when the console wrote the message in the user's language, false for the server's English text.
    this.translated = false;
  }
}

export function storedToken() {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token) {
  try {
    window.sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Without sessionStorage the token lasts for this page only.
    memoryToken = token;
  }
}

function currentToken() {
  return storedToken() ?? memoryToken;
}

/** Builds an API path from raw segments, percent-encoding each one: apiPath('models', 'a/b') is models/a%2Fb. */
export function apiPath(...segments) {
  return segments.map((segment) => encodeURIComponent(segment)).join('/');
}

/**
 * Sends GET api/<path> with the query parameters whose value is not empty, and returns the parsed JSON.
 * Throws ApiError on any failure.
 */
export async function apiGet(path, query) {
  const url = new URL(path, API_ROOT);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== null && value !== undefined && value !== '') {
      url.searchParams.set(name, String(value));
    }
  }
  const headers = { Accept: 'application/json' };
  const token = currentToken();
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  let response;
  try {
    response = await fetch(url, { headers, cache: 'no-store', signal: controller.signal });
  } catch (error) {
    const unreachable = new ApiError('unreachable', 0, error instanceof Error ? error.message : String(error), null);
    unreachable.reason = controller.signal.aborted ? 'timeout' : 'network';
    throw unreachable;
  } finally {
    clearTimeout(timer);
  }

  if (response.ok) {
    try {
      return await response.json();
    } catch (error) {
      throw new ApiError('http', response.status, `invalid JSON from ${url.pathname}: ${error.message}`, null);
    }
  }
  const message = await errorMessage(response);
  if (response.status === 401) {
    throw new ApiError('unauthorized', 401, message, null);
  }
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  throw new ApiError('http', response.status, message, Number.isFinite(retryAfter) ? retryAfter : null);
}

async function errorMessage(response) {
  try {
    const body = await response.json();
    if (body && typeof body.error === 'string' && body.error !== '') {
      return body.error;
    }
  } catch {
    // A proxy in between may send HTML, and then the status text is the only message.
  }
  return response.statusText || `HTTP ${response.status}`;
}
