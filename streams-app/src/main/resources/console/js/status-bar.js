// The header's status line and the live region: when the data was last updated, whether the server is
// reachable, how many alerts are open, and announcements of errors and new alerts. Only these go to the
// aria-live region, so a screen reader is not interrupted on every refresh.

import { apiGet } from './api.js';
import { alertSentence } from './alert-view.js';
import { h, icon } from './dom.js';
import { formatClock, formatInteger, t, tn } from './i18n.js';
import { errorText } from './views.js';

/** Maximum new alerts named one by one in an announcement. Any more are only counted. */
const ANNOUNCED_ALERTS = 3;

// Ids (model and alert id) of the open alerts at the previous poll. It is null before the first poll,
// which announces nothing because every alert would be new.
let knownAlertIds = null;

/** Puts a message in the polite live region, which is reserved for errors and new alerts. */
export function announce(text) {
  const region = document.getElementById('announcer');
  region.textContent = '';
  // A short pause between clearing and setting makes screen readers announce a repeated text again.
  window.setTimeout(() => {
    region.textContent = text;
  }, 50);
}

/** Shows "Updated at HH:MM:SS" for the last successful load (epoch ms), or nothing before the first one. */
export function showLastUpdated(lastSuccess) {
  const element = document.getElementById('last-updated');
  element.textContent = lastSuccess === null ? '' : t('status.updatedAt', { time: formatClock(lastSuccess) });
}

/**
 * Shows the failure of the latest refresh next to the time of the data still on screen, or hides the
 * notice when `problem` (an ApiError) is null.
 */
export function showConnectionProblem(problem, lastSuccess, retryMillis) {
  const element = document.getElementById('connection-status');
  if (problem === null) {
    element.hidden = true;
    element.replaceChildren();
    return;
  }
  const since = lastSuccess === null ? t('value.none') : formatClock(lastSuccess);
  const text = problem.kind === 'unreachable'
    ? t('connection.unreachable', { time: since, seconds: formatInteger(retryMillis / 1000) })
    : [t('connection.failed', { time: since }), ' ', errorText(problem)];
  element.replaceChildren(icon('offline'), h('span', null, text));
  element.hidden = false;
}

/** Shows the number of open alerts next to the Alerts link, or hides it before the first poll. */
export function showOpenAlertCount() {
  const badge = document.getElementById('open-alert-count');
  if (knownAlertIds === null) {
    badge.hidden = true;
    return;
  }
  badge.textContent = tn('nav.openAlerts', knownAlertIds.size);
  // Red only while alerts are open: "0 open" is good news.
  badge.classList.toggle('count-badge-none', knownAlertIds.size === 0);
  badge.hidden = false;
}

function alertKey(alert) {
  return JSON.stringify([alert.modelId, alert.alertId]);
}

/** Polls the open alerts for the navigation badge and announces the ones not seen before. */
export async function pollOpenAlerts() {
  const page = await apiGet('alerts', { state: 'open', limit: 100 });
  const alerts = Array.isArray(page.alerts) ? page.alerts : [];
  if (knownAlertIds !== null) {
    const fresh = alerts.filter((alert) => !knownAlertIds.has(alertKey(alert)));
    if (fresh.length > 0) {
      const named = fresh.slice(0, ANNOUNCED_ALERTS).map(alertSentence).join(' ');
      const more = fresh.length > ANNOUNCED_ALERTS
        ? ` ${tn('announce.moreAlerts', fresh.length - ANNOUNCED_ALERTS)}`
        : '';
      announce(`${tn('announce.newAlerts', fresh.length)} ${named}${more}`);
    }
  }
  knownAlertIds = new Set(alerts.map(alertKey));
  showOpenAlertCount();
}
