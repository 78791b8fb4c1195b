// The insights list of an account or zone: every filter of the API, counts as charts, pages.

import { call, get, insightsPath, scopePath } from './api.js';
import { fill, h, time, words } from './dom.js';
import { bulkPanel } from './bulk.js';
import { renderCharts } from './charts.js';
import { FIELDS, NEQ, read, toObject, write } from './filters.js';
import { setViewKeys } from './keys.js';

/** The last list shown: its hash, its rows and the selected row, so an insight opens without a fetch. */
export const lastList = { hash: '', issues: [], selected: 0 };

export async function renderInsights(app, { scope, params }) {
  const base = insightsPath(scope);
  const hashBase = `#/${scope.kind === 'zone' ? 'zones' : 'accounts'}/${scope.id}/insights`;
  const apply = (next) => {
    const query = next.toString();
    app.go(query ? `${hashBase}?${query}` : hashBase);
  };
  const [list, charts] = await Promise.all([
    get(base, toObject(params)),
    renderCharts(base, params, apply),
  ]);
  if (app.stale()) return;
  const { issues } = list.result;
  const info = list.result_info;
  const here = location.hash;
  const returning = lastList.hash === here; // back from one of its insights: keep and focus the selection
  if (!returning) lastList.selected = 0;
  lastList.hash = here;
  lastList.issues = issues;
  lastList.selected = Math.min(lastList.selected, Math.max(0, issues.length - 1));

  const heading = h('h1', { tabIndex: -1 }, `Insights · ${app.scopeName(scope)}`);
  const rows = issues.map((issue, index) => insightRow(issue, index, hashBase));
  const header = h('tr', {}, ['Severity', 'Insight', 'Type', 'Subject', 'Product', 'Classification', 'Last seen']
    .map((title) => h('th', { scope: 'col' }, title)));
  const table = issues.length === 0
    ? h('p.empty', { id: 'no-insights' }, 'No insight matches these filters.')
    : h('table.insights', { id: 'insights' },
      h('caption', {}, `Insights, newest first by last seen (the API’s order): ${info.total_count} in all`),
      h('thead', {}, header),
      h('tbody', {}, rows));
  const filterQuery = new URLSearchParams([...params].filter(([name]) => !['page', 'per_page'].includes(name))).toString();
  const bulk = issues.length > 0 && app.canEdit(scope)
    ? bulkPanel(app, { scope, rows, issues, header, filterQuery, total: info.total_count }) : null;
  const select = (index, focus = true) => {
    if (rows.length === 0) return;
    lastList.selected = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach((row, i) => {
      row.classList.toggle('selected', i === lastList.selected);
      if (i === lastList.selected) row.setAttribute('aria-current', 'true');
      else row.removeAttribute('aria-current');
    });
    if (focus) rows[lastList.selected].querySelector('a').focus();
  };
  const page = info.page;
  const pages = Math.max(1, info.total_pages);
  const goPage = (n) => {
    const next = new URLSearchParams(params);
    if (n <= 1) next.delete('page');
    else next.set('page', String(n));
    apply(next);
  };
  const pager = h('nav.pager', { 'aria-label': 'Pages' },
    h('button', { type: 'button', id: 'prev-page', disabled: page <= 1, onclick: () => goPage(page - 1) }, '← Previous'),
    h('span', { id: 'page-info' }, `Page ${page} of ${pages} · ${info.total_count} insights`),
    h('button', { type: 'button', id: 'next-page', disabled: page >= pages, onclick: () => goPage(page + 1) }, 'Next →'));
  const selected = () => issues[lastList.selected];
  const open = (focus) => {
    if (selected()) app.go(`${hashBase}/${encodeURIComponent(selected().id)}${focus ? '?focus=classify' : ''}`);
  };
  const synced = scope.kind === 'zone' ? null : h('p.last-sync', { id: 'last-sync', hidden: true });
  fill(app.main, heading, synced, filterForm(params, apply, hashBase), charts, bulk, table, pager);
  if (synced) showLastSync(scope, synced);
  select(lastList.selected, returning && issues.length > 0);
  for (const [index, row] of rows.entries()) {
    row.querySelector('a').addEventListener('focus', () => select(index, false));
  }
  app.announce(`${info.total_count} insights; page ${page} of ${pages}.`);
  setViewKeys({
    j: () => select(lastList.selected + 1),
    ArrowDown: () => select(lastList.selected + 1),
    k: () => select(lastList.selected - 1),
    ArrowUp: () => select(lastList.selected - 1),
    o: () => open(false),
    Enter: () => open(false),
    c: () => open(true),
    n: () => page < pages && goPage(page + 1),
    p: () => page > 1 && goPage(page - 1),
    '/': () => document.getElementById('f-subject').focus(),
    d: async () => {
      const issue = selected();
      if (!issue || !app.canEdit(scope)) return;
      try {
        await call('PUT', `${base}/${encodeURIComponent(issue.id)}/dismiss`, { body: { dismiss: !issue.dismissed } });
        app.announce(`${words(issue.issue_class)} on ${issue.subject} ${issue.dismissed ? 'restored' : 'dismissed'}.`);
        app.go(location.hash);
      } catch (error) {
        app.showError(error);
      }
    },
  });
}

/** The account's last scheduled sync with Cloudflare (`vigil serve --sync-every`), when there is one. */
async function showLastSync(scope, line) {
  try {
    const { result } = await call('GET', `/vigil${scopePath(scope)}/sync`);
    if (result.last_run) {
      line.textContent = `Last sync with Cloudflare: ${result.last_run}`;
      line.hidden = false;
    }
  } catch {
    // an older server, or no permission: nothing to show
  }
}

function insightRow(issue, index, hashBase) {
  return h('tr', { id: `row-${index}`, dataset: undefined },
    h('td', {}, h(`span.sev.sev-${issue.severity.toLowerCase()}`, {}, issue.severity)),
    h('td', {}, h('a', { href: `${hashBase}/${encodeURIComponent(issue.id)}` }, words(issue.issue_class)),
      issue.dismissed ? h('span.tag', {}, 'dismissed') : null),
    h('td', { 'data-label': 'Type' }, words(issue.issue_type)),
    h('td', { 'data-label': 'Subject' }, issue.subject),
    h('td', { 'data-label': 'Product' }, issue.product ?? ''),
    h('td', { 'data-label': 'Classification' }, issue.user_classification ? words(issue.user_classification) : '—'),
    h('td', { 'data-label': 'Last seen' }, time(issue.timestamp)));
}

function filterForm(params, apply, hashBase) {
  const subject = read(params, 'subject');
  const opSelect = (name, label, negate) => h('select', { id: `f-${name}-op`, name: `${name}-op`, 'aria-label': `${label}: is or is not` },
    h('option', { value: '', selected: !negate }, 'is'),
    h('option', { value: NEQ, selected: negate }, 'is not'));
  const fields = FIELDS.filter((f) => f.name !== 'subject').map((field) => {
    const current = read(params, field.name);
    return h('div.filter', {},
      h('label', { htmlFor: `f-${field.name}` }, field.label),
      opSelect(field.name, field.label, current.negate),
      h('input', { id: `f-${field.name}`, name: field.name, value: current.values.join(', '), placeholder: 'any',
        autocomplete: 'off', list: field.values ? `dl-${field.name}` : undefined }),
      field.values ? h('datalist', { id: `dl-${field.name}` }, field.values.map((v) => h('option', { value: v }))) : null);
  });
  const dismissed = params.get('dismissed') === 'true';
  // Open on a wide screen, or when a filter besides the subject is set; a phone starts with the list.
  const wide = window.matchMedia('(min-width: 761px)').matches;
  const active = [...params.keys()].some((name) => !['subject', 'subject~neq', 'page'].includes(name));
  const form = h('form.filters', { role: 'search', 'aria-label': 'Filter insights' },
    h('div.search', {},
      h('label', { htmlFor: 'f-subject' }, 'Subject'),
      opSelect('subject', 'Subject', subject.negate),
      h('input', { id: 'f-subject', name: 'subject', type: 'search', value: subject.values.join(', '),
        placeholder: 'exact host or user, e.g. www.example.com', autocomplete: 'off' })),
    h('details.more-filters', { id: 'more-filters', open: wide || active },
      h('summary', {}, active ? 'Filters (some set)' : 'Filters'),
      h('div.filter-grid', {}, fields,
      h('div.filter', {},
        h('label', { htmlFor: 'f-dismissed' }, 'Dismissed'),
        h('select', { id: 'f-dismissed', name: 'dismissed' },
          h('option', { value: '', selected: !dismissed }, 'not dismissed'),
          h('option', { value: 'true', selected: dismissed }, 'dismissed'))),
      h('div.filter', {},
        h('label', { htmlFor: 'f-per-page' }, 'Per page'),
        h('select', { id: 'f-per-page', name: 'per_page' }, ['10', '25', '50', '100'].map((n) =>
          h('option', { value: n, selected: (params.get('per_page') ?? '25') === n }, n)))))),
    h('div.form-actions', {},
      h('button', { type: 'submit', id: 'apply-filters' }, 'Apply'),
      h('a.button.quiet', { href: hashBase, id: 'clear-filters' }, 'Clear')));
  const submit = () => {
    const data = new FormData(form);
    const next = new URLSearchParams();
    for (const field of FIELDS) {
      const values = String(data.get(field.name) ?? '').split(',').map((v) => v.trim()).filter(Boolean);
      write(next, field.name, { values, negate: data.get(`${field.name}-op`) === NEQ });
    }
    if (data.get('dismissed')) next.set('dismissed', String(data.get('dismissed')));
    if (data.get('per_page') && data.get('per_page') !== '25') next.set('per_page', String(data.get('per_page')));
    apply(next);
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  for (const select of form.querySelectorAll('select')) {
    select.addEventListener('change', () => {
      // An operator change with an empty value changes nothing: wait for a value.
      const input = form.querySelector(`[name="${select.name.replace(/-op$/, '')}"]`);
      if (!select.name.endsWith('-op') || (input && input.value.trim())) submit();
    });
  }
  return form;
}
