// Vigil's bulk triage on the insights list: pick rows (shift-click picks a range) or every insight the
// filters match, preview what one classification, reset, dismissal or restore would do to each, then apply
// it, all or nothing. An apply right after its preview sends the preview's states_token, so it changes
// exactly what was previewed or nothing.

import { call, scopePath } from './api.js';
import { h, words } from './dom.js';

const CHOICES = [['false_positive', 'False positive'], ['accept_risk', 'Accept risk'], ['other', 'Other'], ['', 'Reset (unclassified)'],
  ['dismiss', 'Dismiss'], ['restore', 'Restore (undismiss)']];
const DISMISSALS = { dismiss: true, restore: false };

/** A checkbox per row, one for the page, and the panel that previews and applies; returns the panel. */
export function bulkPanel(app, { scope, rows, issues, header, filterQuery, total }) {
  const base = `/vigil${scopePath(scope)}/insights/bulk`;
  const picks = issues.map((issue) => h('input', { type: 'checkbox', className: 'pick', 'aria-label': `Select ${words(issue.issue_class)} on ${issue.subject}` }));
  let last = -1;
  picks.forEach((box, index) => {
    box.addEventListener('click', (event) => {
      if (event.shiftKey && last >= 0) {
        const [from, to] = last < index ? [last, index] : [index, last];
        for (let i = from; i <= to; i += 1) picks[i].checked = box.checked;
      }
      last = index;
      sync();
    });
    rows[index].prepend(h('td.pick-cell', {}, box));
  });
  const pageBox = h('input', { type: 'checkbox', id: 'pick-page', 'aria-label': 'Select every insight on this page' });
  pageBox.addEventListener('change', () => {
    for (const box of picks) box.checked = pageBox.checked;
    sync();
  });
  header.prepend(h('th', { scope: 'col' }, pageBox));

  const matching = h('input', { type: 'checkbox', id: 'pick-matching' });
  const choice = h('select', { id: 'bulk-classification', 'aria-label': 'Change for the selected insights' },
    CHOICES.map(([value, label]) => h('option', { value }, label)));
  const rationale = h('input', { id: 'bulk-rationale', 'aria-label': 'Rationale', placeholder: 'rationale', maxLength: 4096 });
  const expires = h('input', { type: 'date', id: 'bulk-expires', 'aria-label': 'Expires on (optional, UTC)' });
  const summary = h('div', { id: 'bulk-summary', role: 'status' });
  const count = h('span', { id: 'bulk-count' });
  const preview = h('button', { type: 'button', id: 'bulk-preview' }, 'Preview');
  const applyButton = h('button', { type: 'button', id: 'bulk-apply' }, 'Apply to all');
  const picked = () => issues.filter((_, i) => picks[i].checked).map((issue) => issue.id);
  let previewed = null; // the last preview: what it asked, and the states_token it answered
  const dismissal = () => choice.value in DISMISSALS;
  function sync() {
    const n = matching.checked ? total : picked().length;
    count.textContent = `${n} selected`;
    preview.disabled = applyButton.disabled = n === 0;
    rationale.disabled = expires.disabled = dismissal();
    summary.textContent = '';
  }
  matching.addEventListener('change', sync);
  choice.addEventListener('change', sync);
  const body = () => {
    const request = matching.checked ? { filter: filterQuery } : { ids: picked() };
    if (dismissal()) {
      request.dismiss = DISMISSALS[choice.value];
      return request;
    }
    request.classification = choice.value || null;
    if (rationale.value.trim()) request.rationale = rationale.value;
    if (expires.value && choice.value) request.expires_on = `${expires.value}T00:00:00Z`;
    return request;
  };
  const run = async (dryRun) => {
    summary.textContent = '';
    const request = body();
    const asked = `${choice.value}:${JSON.stringify(request)}`;
    if (!dryRun && previewed?.asked === asked) request.if_unchanged_since = previewed.token;
    request.dry_run = dryRun;
    try {
      const path = `${base}/${dismissal() ? 'dismiss' : 'classification'}`;
      const { result } = await call('POST', path, { body: request });
      previewed = dryRun ? { asked, token: result.states_token } : null;
      const { change, unchanged, refused } = result.totals;
      const refusals = result.items.filter((item) => item.error);
      summary.replaceChildren(
        h('p', {}, `${dryRun ? 'Would change' : 'Changed'} ${change}, unchanged ${unchanged}, refused ${refused}.`),
        refusals.length ? h('ul', {}, refusals.map((item) => h('li', {}, `${item.id}: ${item.error.message}`))) : null);
      if (!dryRun) {
        app.announce(`Bulk change applied to ${change} insights.`);
        app.go(location.hash);
      }
    } catch (error) {
      previewed = null;
      if (error.status !== 401) summary.textContent = `Refused (${error.status}${error.code ? `, code ${error.code}` : ''}): ${error.message}`;
    }
  };
  preview.addEventListener('click', () => run(true));
  applyButton.addEventListener('click', () => run(false));
  sync();
  return h('section.bulk', { id: 'bulk', 'aria-label': 'Bulk triage' },
    h('div.bulk-row', {}, count,
      total <= 1000 ? h('label', { htmlFor: 'pick-matching' }, matching, ` every one of the ${total} matching the filters`) : null,
      choice, rationale, expires, preview, applyButton),
    summary);
}
