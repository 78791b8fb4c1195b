// One insight: its fields, payload and extended context, its audit timeline, and the actions the
// credentials allow. The API has no "get one insight" route: see findInsight.

import { call, get, insightsPath } from './api.js';
import { fill, h, time, words } from './dom.js';
import { lastList } from './insights.js';
import { setViewKeys } from './keys.js';
import { renderTimeline } from './timeline.js';

const CLASSIFICATIONS = [
  ['false_positive', 'False positive'],
  ['accept_risk', 'Accept risk'],
  ['other', 'Other'],
];

/**
 * The insight `id` in `scope`: from the list just shown, else by listing with what narrows it (`hint`:
 * subject and class), else page by page (1,000 a page), not dismissed first.
 */
async function findInsight(scope, id, hint) {
  const base = insightsPath(scope);
  for (const dismissed of ['false', 'true']) {
    const narrow = hint ? { subject: hint.subject, issue_class: hint.issue_class } : {};
    for (let page = 1; page <= 50; page++) {
      const reply = await get(base, { ...narrow, dismissed, per_page: 1000, page });
      const found = reply.result.issues.find((issue) => issue.id === id);
      if (found) return found;
      if (page >= reply.result_info.total_pages) break;
    }
  }
  return null;
}

export async function renderInsight(app, { scope, issueId, params }) {
  const listHash = lastList.hash.includes(`/${scope.id}/insights`) ? lastList.hash
    : `#/${scope.kind === 'zone' ? 'zones' : 'accounts'}/${scope.id}/insights`;
  let insight = lastList.issues.find((issue) => issue.id === issueId) ?? await findInsight(scope, issueId);
  if (app.stale()) return;
  if (!insight) {
    fill(app.main, h('h1', { tabIndex: -1 }, 'Insight not found'),
      h('p', {}, `No insight ${issueId} here.`), h('a', { href: listHash }, '← Back to the list'));
    return;
  }
  const base = `${insightsPath(scope)}/${encodeURIComponent(insight.id)}`;
  const canEdit = app.canEdit(scope);
  const actionError = h('p.error', { id: 'action-error', role: 'alert' });
  const fields = h('dl.fields', { id: 'fields' });
  const actions = h('div.actions', {});
  const timeline = h('section.timeline', { 'aria-labelledby': 'timeline-title' });
  const contextBox = h('section', { 'aria-labelledby': 'context-title' });

  const refresh = async () => {
    insight = (await findInsight(scope, insight.id, insight)) ?? insight;
    const cached = lastList.issues.findIndex((issue) => issue.id === insight.id);
    if (cached >= 0) lastList.issues[cached] = insight;
    showFields();
    showActions();
    await renderTimeline(timeline, `${base}/audit-log`);
  };
  const act = async (what, method, path, body) => {
    actionError.textContent = '';
    try {
      await call(method, path, { body });
      app.announce(what);
      await refresh();
      return true;
    } catch (error) {
      if (error.status !== 401) actionError.textContent = `Refused (${error.status}${error.code ? `, code ${error.code}` : ''}): ${error.message}`;
      return false;
    }
  };

  const showFields = () => fill(fields, [
    ['Id', h('code', {}, insight.id)],
    ['Severity', h(`span.sev.sev-${insight.severity.toLowerCase()}`, {}, insight.severity)],
    ['Type', words(insight.issue_type)],
    ['Class', insight.issue_class],
    ['Subject', insight.subject],
    ['Product', insight.product ?? '—'],
    ['Status', insight.status],
    ['Dismissed', insight.dismissed ? 'yes' : 'no'],
    ['Classification', h('span', { id: 'classification-value' }, insight.user_classification ? words(insight.user_classification) : 'unclassified')],
    ...(insight.classification_expires_on
      ? [['Expires', h('span', { id: 'expires-value' }, time(insight.classification_expires_on))]] : []),
    ['Since', time(insight.since)],
    ['Last seen', time(insight.timestamp)],
    ['Resolve', /^https?:\/\//i.test(insight.resolve_link ?? '')
      ? h('a', { href: insight.resolve_link, rel: 'noreferrer noopener', target: '_blank' }, insight.resolve_text)
      : insight.resolve_text],
  ].map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));

  const classifySelect = h('select', { id: 'classification', name: 'classification' },
    CLASSIFICATIONS.map(([value, label]) => h('option', { value }, label)));
  const rationale = h('textarea', { id: 'rationale', name: 'rationale', rows: 3, maxLength: 4096, 'aria-required': 'true',
    'aria-describedby': 'action-error' });
  const rationaleField = h('div.field', { id: 'rationale-field' },
    h('label', { htmlFor: 'rationale' }, 'Rationale ', h('span.required', {}, '(required)')), rationale);
  const syncRationale = () => {
    rationaleField.hidden = classifySelect.value === 'false_positive';
  };
  classifySelect.addEventListener('change', syncRationale);
  // Vigil's expires_on: the decision is reset to unclassified at the start of that day (UTC).
  const expires = h('input', { type: 'date', id: 'expires-on', name: 'expires_on', 'aria-describedby': 'action-error' });
  const classifyForm = h('form.classify', { id: 'classify-form', 'aria-labelledby': 'classify-title' },
    h('h2', { id: 'classify-title' }, 'Classify'),
    h('div.field', {}, h('label', { htmlFor: 'classification' }, 'Classification'), classifySelect),
    rationaleField,
    h('div.field', {}, h('label', { htmlFor: 'expires-on' }, 'Expires on ', h('span.optional', {}, '(optional, UTC)')), expires),
    h('button', { type: 'submit', id: 'classify' }, 'Classify'));
  const classify = () => {
    const value = classifySelect.value;
    const body = { classification: value };
    // A blank field is sent as no rationale, so the API's own "required" message is what the user sees.
    if (rationale.value.trim()) body.rationale = rationale.value;
    if (expires.value) body.expires_on = `${expires.value}T00:00:00Z`;
    const sent = { rationale: rationale.value, expires: expires.value };
    return act(`Classified as ${words(value)}.`, 'PATCH', `${base}/classification`, body).then((done) => {
      // Cleared only if still what was sent: the timeline may load after the user has typed the next rationale.
      if (done && rationale.value === sent.rationale) rationale.value = '';
      if (done && expires.value === sent.expires) expires.value = '';
    });
  };
  classifyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    classify();
  });
  const reset = () => act('Classification reset.', 'PATCH', `${base}/classification`, { classification: null });
  const dismiss = () => act(insight.dismissed ? 'Restored.' : 'Dismissed.', 'PUT', `${base}/dismiss`, { dismiss: !insight.dismissed });

  const showActions = () => {
    if (!canEdit) {
      fill(actions, h('p.note', { id: 'read-only' }, 'Read-only: these credentials cannot classify or dismiss.'));
      return;
    }
    syncRationale();
    fill(actions, classifyForm,
      h('div.buttons', {},
        insight.user_classification
          ? h('button', { type: 'button', id: 'reset', onclick: reset, 'aria-keyshortcuts': 'r' }, 'Reset classification') : null,
        h('button', { type: 'button', id: 'dismiss', onclick: dismiss, 'aria-keyshortcuts': 'd' },
          insight.dismissed ? 'Restore (undismiss)' : 'Dismiss')),
      actionError);
  };

  const payload = h('pre.json', { id: 'payload', tabIndex: 0 }, JSON.stringify(insight.payload ?? {}, null, 2));
  fill(app.main,
    h('p.back', {}, h('a', { href: listHash, id: 'back' }, '← Insights')),
    h('h1', { tabIndex: -1, id: 'insight-title' }, words(insight.issue_class), h('span.sub', {}, ` · ${insight.subject}`)),
    h('div.detail', {},
      h('div.detail-main', {},
        fields,
        h('section', { 'aria-labelledby': 'payload-title' }, h('h2', { id: 'payload-title' }, 'Payload'), payload),
        contextBox),
      h('div.detail-side', {}, actions, timeline)));
  // The keys work as soon as the insight is on screen, before its timeline and context arrive.
  const choose = (value) => {
    if (!canEdit) return;
    classifySelect.value = value;
    syncRationale();
    if (value === 'false_positive') classify();
    else rationale.focus();
  };
  // j/k: the next or previous insight of the list this one was opened from.
  const step = (by) => {
    const index = lastList.issues.findIndex((issue) => issue.id === insight.id);
    const next = index < 0 ? undefined : lastList.issues[index + by];
    if (!next) return;
    lastList.selected = index + by;
    app.go(`${listHash.split('?')[0]}/${encodeURIComponent(next.id)}`);
  };
  setViewKeys({
    j: () => step(1),
    k: () => step(-1),
    1: () => choose('false_positive'),
    2: () => choose('accept_risk'),
    3: () => choose('other'),
    r: () => canEdit && insight.user_classification && reset(),
    d: () => canEdit && dismiss(),
    u: () => app.go(listHash),
    Escape: () => app.go(listHash),
  });
  showFields();
  showActions();
  await Promise.all([renderTimeline(timeline, `${base}/audit-log`), showContext(app, scope, insight, contextBox)]);
  app.announce(`${words(insight.issue_class)} on ${insight.subject}.`);
  // Unless a key already moved the focus (to the rationale, say) while the timeline loaded.
  if (document.activeElement !== document.body && document.activeElement !== null) return;
  if (params.get('focus') === 'classify' && canEdit) classifySelect.focus();
  else document.getElementById('insight-title').focus();
}

async function showContext(app, scope, insight, box) {
  fill(box, h('h2', { id: 'context-title' }, 'Extended context'));
  if (!insight.has_extended_context) {
    box.append(h('p.empty', {}, 'None for this insight.'));
    return;
  }
  const account = app.contextAccount(scope);
  if (!account) {
    box.append(h('p.empty', {}, 'Available through the account (these credentials reach only the zone).'));
    return;
  }
  try {
    const reply = await get(`/accounts/${account}/security-center/insights/${encodeURIComponent(insight.id)}/context`);
    box.append(h('pre.json', { id: 'context', tabIndex: 0 }, JSON.stringify(reply.result, null, 2)));
  } catch (error) {
    box.append(h('p.error', {}, error.message));
  }
}
