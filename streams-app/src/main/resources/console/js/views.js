// Views that replace a page: the bearer-token form, the error page and the unknown-route page.

import { REQUEST_TIMEOUT_MS } from './api.js';
import { h, icon } from './dom.js';
import { formatInteger, t } from './i18n.js';
import { overviewHref } from './router.js';

/**
 * Returns the translated prefix of an API failure followed by its message. The server's messages are
 * English, so they keep lang="en" for screen readers. A request without a response gets a translated
 * reason in place of the browser's English message.
 */
export function errorText(error) {
  let prefix;
  if (error.kind === 'unreachable') {
    prefix = t('error.unreachable');
  } else if (error.kind === 'unauthorized') {
    prefix = t('error.unauthorized');
  } else if (error.status === 400) {
    prefix = t('error.badRequest');
  } else if (error.status === 404) {
    prefix = t('error.notFound');
  } else if (error.status === 503) {
    prefix = t('error.unavailable');
  } else if (error.status >= 500) {
    prefix = t('error.server', { status: error.status });
  } else if (error.status) {
    prefix = t('error.http', { status: error.status });
  } else {
    prefix = t('error.unexpected');
  }
  if (error.kind === 'unreachable') {
    // The browser's own message ("Failed to fetch") is English whatever the page's language.
    const reason = error.reason === 'timeout'
      ? t('error.unreachable.timeout', { seconds: formatInteger(REQUEST_TIMEOUT_MS / 1000) })
      : t('error.unreachable.network');
    return [`${prefix}: `, reason];
  }
  const message = error.message || '';
  if (message === '') {
    return [prefix];
  }
  return [`${prefix}: `, error.translated ? message : h('span', { lang: 'en' }, message)];
}

/** Creates the page shown when the first load of a page fails. */
export function errorPage(error, retrying) {
  return h('section', { class: 'page page-error', id: 'error-page', 'aria-labelledby': 'page-title' },
    h('h1', { id: 'page-title', tabindex: '-1' }, t('error.title')),
    h('p', { class: 'notice notice-error' }, icon('critical'), h('span', null, errorText(error))),
    retrying ? h('p', null, t('error.retrying')) : null,
    h('p', null, h('a', { href: overviewHref() }, t('error.backToOverview'))));
}

/** Creates the page of a hash that matches no route. */
export function notFoundPage() {
  return h('section', { class: 'page page-error', id: 'not-found-page', 'aria-labelledby': 'page-title' },
    h('h1', { id: 'page-title', tabindex: '-1' }, t('notFound.title')),
    h('p', null, t('notFound.text')),
    h('p', null, h('a', { href: overviewHref() }, t('error.backToOverview'))));
}

/**
 * Creates the form for the API's bearer token. `rejected` is the error of a token that the server
 * rejected, or null when none was sent yet.
 */
export function tokenPage(rejected) {
  return h('section', { class: 'page page-token', id: 'token-page', 'aria-labelledby': 'page-title' },
    h('h1', { id: 'page-title', tabindex: '-1' }, t('token.title')),
    h('p', null, t('token.explanation')),
    rejected ? h('p', { class: 'notice notice-error', role: 'alert' }, icon('critical'),
      h('span', null, t('token.rejected'), ' ', errorText(rejected))) : null,
    h('form', { id: 'token-form', class: 'token-form', 'data-action': 'token' },
      h('label', { for: 'token-input' }, t('token.label')),
      h('input', {
        id: 'token-input', name: 'token', type: 'password', required: true, autocomplete: 'off',
        spellcheck: 'false', 'aria-describedby': 'token-hint',
      }),
      h('p', { id: 'token-hint', class: 'muted' }, t('token.hint')),
      h('button', { type: 'submit' }, t('token.submit'))));
}
