// Entry point of the console: routing, the refresh loop, the language switch, the token prompt and the
// connection state.
//
// Refresh: every REFRESH_INTERVAL_MS the current page's data is fetched again and the page re-rendered
// through morph(), so the sort order, focus, scroll position and open tables survive and charts update in
// place. Refreshing pauses while the tab is hidden. When the server is unreachable the last data stays on
// screen with a visible notice. document.body.dataset.ready is "true" once a page's data is rendered and
// "false" from a route change until then.

import { ApiError, storeToken, storedToken } from './api.js';
import { destroyCharts, syncCharts } from './charts.js';
import { h, morph } from './dom.js';
import { currentLanguage, initialLanguage, setLanguage, t, translateStatic } from './i18n.js';
import { alertsPage } from './pages/alerts.js';
import { featurePage } from './pages/feature.js';
import { modelPage, modelRedirectPage } from './pages/model.js';
import { overviewPage } from './pages/overview.js';
import { parseRoute } from './router.js';
import {
  announce, pollOpenAlerts, showConnectionProblem, showLastUpdated, showOpenAlertCount,
} from './status-bar.js';
import { errorPage, notFoundPage, tokenPage } from './views.js';

/** Time between two refreshes of the current page, in milliseconds. */
export const REFRESH_INTERVAL_MS = 5000;

const PAGES = {
  overview: overviewPage,
  modelRedirect: modelRedirectPage,
  model: modelPage,
  feature: featurePage,
  alerts: alertsPage,
};

const app = {
  route: null,
  data: null,
  // Incremented on every navigation, so that a load finishing for an older generation is dropped.
  generation: 0,
  loading: false,
  timer: null,
  firstRender: true,
  initialLoad: true,
  lastSuccess: null,
  connectionProblem: null,
  awaitingToken: false,
  // The 401 error of a token that the server rejected, shown on the token form. It is null before any token is sent.
  tokenError: null,
  pageStates: {},
};

const main = () => document.getElementById('main');

function setReady(ready) {
  document.body.dataset.ready = ready ? 'true' : 'false';
}

function context() {
  const state = app.pageStates[app.route.page] ?? {};
  app.pageStates[app.route.page] = state;
  return {
    now: Date.now(),
    route: app.route,
    state,
    rerender: () => renderPage(),
    navigate: (hash) => {
      window.location.hash = hash;
    },
  };
}

function renderPage() {
  const route = app.route;
  const page = PAGES[route.page];
  const container = main();
  const result = page.render(route, app.data, context());
  document.title = `${result.title} · Momo`;

  const live = container.firstElementChild;
  if (app.firstRender || !live || live.tagName !== result.node.tagName || live.id !== result.node.id) {
    destroyCharts(true);
    container.replaceChildren(result.node);
    syncCharts(container, result.charts);
    placeFocus(result.focus);
    app.firstRender = false;
  } else {
    morph(live, result.node);
    syncCharts(container, result.charts);
    destroyCharts(false);
  }
}

/** Moves focus after a navigation: to the requested element, else to the page heading (not on the first load). */
function placeFocus(selector) {
  const target = selector ? main().querySelector(selector) : null;
  if (target) {
    if (!target.hasAttribute('tabindex')) {
      target.setAttribute('tabindex', '-1');
    }
    target.focus();
    target.scrollIntoView({ block: 'start' });
  } else if (!app.initialLoad) {
    window.scrollTo(0, 0);
    const heading = main().querySelector('#page-title');
    if (heading) {
      heading.focus({ preventScroll: true });
    }
  }
  app.initialLoad = false;
}

function schedule(delayMs) {
  window.clearTimeout(app.timer);
  app.timer = null;
  if (document.hidden || app.awaitingToken || app.route.page === 'notFound') {
    return;
  }
  app.timer = window.setTimeout(refresh, delayMs);
}

function showPage(node, title) {
  destroyCharts(true);
  main().replaceChildren(node);
  document.title = `${title} · Momo`;
  app.firstRender = true;
  const heading = main().querySelector('#page-title');
  if (heading && !app.initialLoad) {
    heading.focus();
  }
  app.initialLoad = false;
}

function handleFailure(error) {
  if (error instanceof ApiError && error.kind === 'unauthorized') {
    app.awaitingToken = true;
    const rejected = storedToken() ? error : null;
    app.tokenError = rejected;
    showPage(tokenPage(rejected), t('token.title'));
    if (rejected) {
      // The form's role="alert" notice states the rejection, and focus goes back to the field to retype.
      document.getElementById('token-input').focus();
    }
    return;
  }
  const apiError = error instanceof ApiError ? error : new ApiError('http', 0, String(error && error.message), null);
  const transient = apiError.kind === 'unreachable' || apiError.status === 503 || apiError.status >= 500;
  if (app.data !== null && !app.firstRender) {
    // A refresh failed, so the last data stays on screen and the header shows the failure.
    const wasFine = app.connectionProblem === null;
    app.connectionProblem = apiError;
    showConnectionProblem(app.connectionProblem, app.lastSuccess, REFRESH_INTERVAL_MS);
    if (wasFine) {
      announce(document.getElementById('connection-status').textContent);
    }
  } else {
    showPage(errorPage(apiError, transient), t('error.title'));
    announce(main().querySelector('.notice').textContent);
  }
  if (transient) {
    const retryMs = (apiError.retryAfterSeconds ?? 0) * 1000;
    schedule(Math.max(REFRESH_INTERVAL_MS, retryMs));
  }
  if (!(error instanceof ApiError)) {
    console.error(error);
  }
}

/** Loads the current route's data, renders it and schedules the next refresh. */
async function refresh() {
  window.clearTimeout(app.timer);
  if (app.loading || app.awaitingToken) {
    return;
  }
  const generation = app.generation;
  const route = app.route;
  if (route.page === 'notFound') {
    showPage(notFoundPage(), t('notFound.title'));
    setReady(true);
    return;
  }

  app.loading = true;
  let data;
  let alertsFailure = null;
  try {
    const alerts = pollOpenAlerts().catch((error) => {
      alertsFailure = error;
    });
    data = await PAGES[route.page].load(route);
    await alerts;
    if (alertsFailure instanceof ApiError && alertsFailure.kind === 'unauthorized') {
      throw alertsFailure;
    }
  } catch (error) {
    app.loading = false;
    if (generation === app.generation) {
      handleFailure(error);
    } else {
      refresh();
    }
    return;
  }
  app.loading = false;
  if (generation !== app.generation) {
    refresh();
    return;
  }

  if (data && data.redirect) {
    window.location.replace(data.redirect);
    return;
  }
  app.data = data;
  try {
    renderPage();
  } catch (error) {
    // A render bug must not stop the refresh loop, so it goes to the browser console for the developer.
    console.error(error);
  }
  app.lastSuccess = Date.now();
  if (app.connectionProblem !== null) {
    app.connectionProblem = null;
    announce(t('connection.restored'));
  }
  showConnectionProblem(null, app.lastSuccess, REFRESH_INTERVAL_MS);
  showLastUpdated(app.lastSuccess);
  setReady(true);
  schedule(REFRESH_INTERVAL_MS);
}

function onRouteChange() {
  const route = parseRoute(window.location.hash);
  const samePage = app.route !== null && app.route.page === route.page && app.route.path === route.path
    && !app.firstRender && app.data !== null;
  app.route = route;
  setReady(false);
  // A query change on the same page (the alerts filters) keeps the page and morphs it, so the focused
  // filter keeps its focus. Any other change starts a fresh page.
  app.generation += 1;
  if (!samePage) {
    app.data = null;
    app.firstRender = true;
  }
  highlightNavigation();
  refresh();
}

function highlightNavigation() {
  const section = app.route.page === 'alerts' ? 'alerts' : 'overview';
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === section) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

function showLanguage() {
  translateStatic(document);
  for (const button of document.querySelectorAll('#language-switch [data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === currentLanguage()));
  }
  showOpenAlertCount();
  showLastUpdated(app.lastSuccess);
  showConnectionProblem(app.connectionProblem, app.lastSuccess, REFRESH_INTERVAL_MS);
}

async function switchLanguage(code) {
  if (code === currentLanguage()) {
    return;
  }
  await setLanguage(code, true);
  showLanguage();
  destroyCharts(true);
  if (app.awaitingToken) {
    showPage(tokenPage(app.tokenError), t('token.title'));
  } else if (app.data !== null && !app.firstRender) {
    renderPage();
  } else {
    app.firstRender = true;
    refresh();
  }
}

function onClick(event) {
  const target = event.target instanceof Element ? event.target.closest('[data-action], [data-lang]') : null;
  if (!target) {
    return;
  }
  if (target.dataset.lang && target.closest('#language-switch')) {
    switchLanguage(target.dataset.lang).catch((error) => announce(String(error.message)));
    return;
  }
  const action = target.dataset.action;
  if (action === 'skip') {
    event.preventDefault();
    main().focus();
    return;
  }
  const page = app.route ? PAGES[app.route.page] : null;
  if (page && page.onAction && target.tagName === 'BUTTON' && page.onAction(action, target, context())) {
    event.preventDefault();
  }
}

function onChange(event) {
  const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
  const page = app.route ? PAGES[app.route.page] : null;
  if (target && target.tagName === 'SELECT' && page && page.onAction) {
    page.onAction(target.dataset.action, target, context());
  }
}

function onSubmit(event) {
  if (event.target.id !== 'token-form') {
    return;
  }
  event.preventDefault();
  const token = event.target.elements.token.value.trim();
  if (token === '') {
    return;
  }
  storeToken(token);
  app.awaitingToken = false;
  app.firstRender = true;
  app.data = null;
  app.generation += 1;
  refresh();
}

function onVisibilityChange() {
  if (document.hidden) {
    window.clearTimeout(app.timer);
    app.timer = null;
  } else if (app.route !== null) {
    refresh();
  }
}

async function start() {
  await setLanguage(initialLanguage(), false);
  showLanguage();
  document.addEventListener('click', onClick);
  document.addEventListener('change', onChange);
  document.addEventListener('submit', onSubmit);
  document.addEventListener('visibilitychange', onVisibilityChange);
  window.addEventListener('hashchange', onRouteChange);
  onRouteChange();
}

start().catch((error) => {
  console.error(error);
  // The messages may be what failed to load, so this one text is in both languages, outside the files.
  main().replaceChildren(h('p', { class: 'notice notice-error', role: 'alert' },
    `Momo console failed to start / La consola de Momo no pudo iniciarse: ${error.message}`));
});
