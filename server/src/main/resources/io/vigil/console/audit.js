// The audit log of an account or zone: the API's filters (since, before, changed_by, field_changed,
// order) and its cursor pages.

import { get, insightsPath } from './api.js';
import { fill, h, time } from './dom.js';
import { actor, entryText } from './timeline.js';
import { setViewKeys } from './keys.js';

/** "2026-11-25T08:00:00Z" -> the value a datetime-local input shows, in local time. */
function toLocalInput(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export async function renderAudit(app, { scope, params }) {
  const path = `${insightsPath(scope)}/audit-log`;
  const scopeHash = `#/${scope.kind === 'zone' ? 'zones' : 'accounts'}/${scope.id}`;
  const hashBase = `${scopeHash}/audit-log`;
  const apply = (next) => {
    const query = next.toString();
    app.go(query ? `${hashBase}?${query}` : hashBase);
  };
  const reply = await get(path, Object.fromEntries(params));
  if (app.stale()) return;
  const entries = reply.result;
  const cursor = reply.result_info?.cursor;

  const form = h('form.filters', { 'aria-label': 'Filter the audit log', id: 'audit-filters' },
    h('div.filter-grid', {},
      h('div.filter', {}, h('label', { htmlFor: 'a-since' }, 'Since'),
        h('input', { id: 'a-since', name: 'since', type: 'datetime-local', value: toLocalInput(params.get('since')) })),
      h('div.filter', {}, h('label', { htmlFor: 'a-before' }, 'Before'),
        h('input', { id: 'a-before', name: 'before', type: 'datetime-local', value: toLocalInput(params.get('before')) })),
      h('div.filter', {}, h('label', { htmlFor: 'a-changed-by' }, 'Changed by'),
        h('input', { id: 'a-changed-by', name: 'changed_by', value: params.get('changed_by') ?? '', placeholder: 'email or token:<id>', autocomplete: 'off' })),
      h('div.filter', {}, h('label', { htmlFor: 'a-field' }, 'Field'),
        h('select', { id: 'a-field', name: 'field_changed' },
          [['', 'any'], ['user_classification', 'classification'], ['status', 'status']].map(([value, label]) =>
            h('option', { value, selected: (params.get('field_changed') ?? '') === value }, label)))),
      h('div.filter', {}, h('label', { htmlFor: 'a-order' }, 'Order'),
        h('select', { id: 'a-order', name: 'order' },
          [['desc', 'newest first'], ['asc', 'oldest first']].map(([value, label]) =>
            h('option', { value, selected: (params.get('order') ?? 'desc') === value }, label)))),
      h('div.filter', {}, h('label', { htmlFor: 'a-per-page' }, 'Per page'),
        h('select', { id: 'a-per-page', name: 'per_page' }, ['10', '25', '50', '100'].map((n) =>
          h('option', { value: n, selected: (params.get('per_page') ?? '25') === n }, n))))),
    h('div.form-actions', {},
      h('button', { type: 'submit', id: 'apply-audit' }, 'Apply'),
      h('a.button.quiet', { href: hashBase }, 'Clear')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = new URLSearchParams();
    for (const name of ['since', 'before']) {
      const value = String(data.get(name) ?? '');
      if (value) next.set(name, new Date(value).toISOString());
    }
    if (String(data.get('changed_by') ?? '').trim()) next.set('changed_by', String(data.get('changed_by')).trim());
    if (data.get('field_changed')) next.set('field_changed', String(data.get('field_changed')));
    if (data.get('order') === 'asc') next.set('order', 'asc');
    if (data.get('per_page') !== '25') next.set('per_page', String(data.get('per_page')));
    apply(next);
  });

  const table = entries.length === 0
    ? h('p.empty', { id: 'no-entries' }, 'No audit entry matches these filters.')
    : h('table.audit', { id: 'audit' },
      h('caption', {}, `Audit entries, ${params.get('order') === 'asc' ? 'oldest' : 'newest'} first`),
      h('thead', {}, h('tr', {}, ['When', 'Insight', 'Change', 'By', 'Rationale'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, entries.map((entry) => h('tr', {},
        h('td', {}, time(entry.changed_at)),
        h('td', { 'data-label': 'Insight' }, h('a', { href: `${scopeHash}/insights/${encodeURIComponent(entry.issue_id)}` }, entry.issue_id)),
        h('td', { 'data-label': 'Change' }, entryText(entry)),
        h('td', { 'data-label': 'By' }, actor(entry)),
        h('td', { 'data-label': 'Rationale' }, entry.rationale ?? '')))));
  const nextParams = new URLSearchParams(params);
  if (cursor) nextParams.set('cursor', cursor);
  const firstParams = new URLSearchParams(params);
  firstParams.delete('cursor');
  const onLaterPage = params.has('cursor');
  const pager = h('nav.pager', { 'aria-label': 'Pages' },
    onLaterPage ? h('a.button', { href: `${hashBase}?${firstParams}`, id: 'audit-first' }, '⇤ First page') : null,
    h('span', { id: 'audit-info' }, `${entries.length} entries on this page`),
    cursor ? h('a.button', { href: `${hashBase}?${nextParams}`, id: 'audit-next' }, 'Next page →') : null);
  fill(app.main, h('h1', { tabIndex: -1 }, `Audit log · ${app.scopeName(scope)}`), form, table, pager);
  app.announce(`${entries.length} audit entries.`);
  setViewKeys({
    n: () => cursor && app.go(`${hashBase}?${nextParams}`),
    p: () => onLaterPage && app.go(`${hashBase}?${firstParams}`),
  });
}
