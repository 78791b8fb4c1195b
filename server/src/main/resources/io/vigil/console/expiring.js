// Vigil's "expiring soon": the decisions of an account or zone that expire within N days, soonest first.

import { get, scopePath } from './api.js';
import { h, fill, time, words } from './dom.js';

const WINDOWS = ['7', '30', '90', '365'];

export async function renderExpiring(app, { scope, params }) {
  const days = WINDOWS.includes(params.get('within_days')) ? params.get('within_days') : '30';
  const hashBase = `#${scopePath(scope)}`;
  const list = await get(`/vigil${scopePath(scope)}/insights/expiring`, { within_days: days, per_page: '100' });
  if (app.stale()) return;
  const { issues } = list.result;
  const total = list.result_info.total_count;
  const choose = h('select', { id: 'expiring-days', 'aria-label': 'Expiring within' },
    WINDOWS.map((n) => h('option', { value: n, selected: n === days }, `within ${n} days`)));
  choose.addEventListener('change', () => app.go(`${hashBase}/expiring?within_days=${choose.value}`));
  const table = issues.length === 0
    ? h('p.empty', { id: 'no-expiring' }, `No decision expires within ${days} days.`)
    : h('table.insights', { id: 'expiring' },
      h('caption', {}, `Decisions expiring within ${days} days, soonest first: ${total} in all`),
      h('thead', {}, h('tr', {}, ['Expires', 'Classification', 'Insight', 'Subject', 'Severity']
        .map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, issues.map((issue) => h('tr', {},
        h('td', { 'data-label': 'Expires' }, time(issue.classification_expires_on)),
        h('td', { 'data-label': 'Classification' }, words(issue.user_classification)),
        h('td', {}, h('a', { href: `${hashBase}/insights/${encodeURIComponent(issue.id)}` }, words(issue.issue_class))),
        h('td', { 'data-label': 'Subject' }, issue.subject),
        h('td', {}, h(`span.sev.sev-${issue.severity.toLowerCase()}`, {}, issue.severity))))));
  fill(app.main, h('h1', { tabIndex: -1 }, `Expiring soon · ${app.scopeName(scope)}`),
    h('p', {}, 'Each of these decisions is reset to unclassified when it expires; classify again to extend it. ', choose),
    table);
  app.announce(`${total} decisions expire within ${days} days.`);
}
