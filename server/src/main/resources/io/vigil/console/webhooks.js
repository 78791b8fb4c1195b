// Vigil's webhook subscriptions of an account: where its changes are delivered, and how each stands.

import { call, get, scopePath } from './api.js';
import { h, fill, time } from './dom.js';

export async function renderWebhooks(app, { scope }) {
  if (scope.kind !== 'account') {
    fill(app.main, h('h1', { tabIndex: -1 }, `Webhooks · ${app.scopeName(scope)}`),
      h('p', { id: 'webhooks-account-only' }, 'Webhook subscriptions belong to accounts: choose the zone\'s account.'));
    return;
  }
  const { result } = await get(`/vigil${scopePath(scope)}/webhooks`);
  if (app.stale()) return;
  const canEdit = app.canEdit(scope);
  const filters = (hook) => [
    ...hook.zones.map((z) => `zone ${z}`), ...hook.kinds, ...hook.severities,
  ].join(', ') || 'every change';
  const toggle = (hook) => {
    const paused = hook.state === 'paused';
    const button = h('button', { type: 'button', className: 'quiet' }, paused ? 'Resume' : 'Pause');
    button.addEventListener('click', async () => {
      try {
        await call('PATCH', `/vigil${scopePath(scope)}/webhooks/${hook.id}`, { body: { paused: !paused } });
        app.announce(`Webhook to ${hook.url} ${paused ? 'resumed' : 'paused'}.`);
        app.go(location.hash);
      } catch (error) {
        app.showError(error);
      }
    });
    return button;
  };
  const table = result.length === 0
    ? h('p.empty', { id: 'no-webhooks' }, 'No webhook subscription. Add one with `vigil webhook add` or the API.')
    : h('table.insights', { id: 'webhooks' },
      h('caption', {}, `Webhook subscriptions: ${result.length}`),
      h('thead', {}, h('tr', {}, ['URL', 'Sends', 'State', 'Delivered', 'Last delivery', 'Failures', 'Last error', '']
        .map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, result.map((hook) => h('tr', { id: `webhook-${hook.id}` },
        h('td', { 'data-label': 'URL' }, hook.url),
        h('td', { 'data-label': 'Sends' }, filters(hook)),
        h('td', { 'data-label': 'State' }, h(`span.tag.state-${hook.state}`, {}, hook.state)),
        h('td', { 'data-label': 'Delivered' }, String(hook.delivered)),
        h('td', { 'data-label': 'Last delivery' }, hook.last_delivery ? time(hook.last_delivery) : 'never'),
        h('td', { 'data-label': 'Failures' }, hook.failing_since
          ? `${hook.failures} since ${time(hook.failing_since)}` : String(hook.failures)),
        h('td', { 'data-label': 'Last error' }, hook.last_error ?? ''),
        h('td', {}, canEdit ? toggle(hook) : null)))));
  fill(app.main, h('h1', { tabIndex: -1 }, `Webhooks · ${app.scopeName(scope)}`),
    h('p', {}, 'Each change of this account is posted, signed (Standard Webhooks), to every active subscription, in order.'),
    table);
  app.announce(`${result.length} webhook subscriptions.`);
}
