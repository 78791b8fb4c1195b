// Cloudflare's on-demand scans of an account or zone: the recent ones, the quota left, and "Scan now".

import { call, get, insightsPath } from './api.js';
import { h, fill, time } from './dom.js';

export async function renderScans(app, { scope }) {
  const path = `${insightsPath(scope)}/scans`;
  const { result } = await get(path);
  if (app.stale()) return;
  const { scans, quota } = result;
  const scanNow = h('button', { type: 'button', id: 'scan-now', disabled: quota.available === 0 || !app.canEdit(scope) },
    'Scan now');
  scanNow.addEventListener('click', async () => {
    scanNow.disabled = true;
    try {
      await call('POST', path, { body: {} });
      app.announce('Scan started.');
      app.go(location.hash);
    } catch (error) {
      scanNow.disabled = false;
      app.showError(error);
    }
  });
  const table = scans.length === 0
    ? h('p.empty', { id: 'no-scans' }, 'No scan in the last 24 hours.')
    : h('table.insights', { id: 'scans' },
      h('caption', {}, `Recent scans: ${scans.length}`),
      h('thead', {}, h('tr', {}, ['Started', 'Status', 'Why it failed']
        .map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, scans.map((scan) => h('tr', { id: `scan-${scan.scan_id}` },
        h('td', { 'data-label': 'Started' }, time(scan.started_at)),
        h('td', { 'data-label': 'Status' }, h(`span.tag.state-${scan.failure ? 'failing' : scan.status}`, {},
          scan.failure ? 'failed' : scan.status.replace('_', ' '))),
        h('td', { 'data-label': 'Why it failed' }, scan.failure ?? '')))));
  fill(app.main, h('h1', { tabIndex: -1 }, `Scans · ${app.scopeName(scope)}`),
    h('p', { id: 'scan-quota' }, `${quota.available} of ${quota.used + quota.available} scans left in the last 24 hours`
      + ' (shared by the account and its zones).'),
    scanNow,
    table);
  app.announce(`${scans.length} recent scans, ${quota.available} left.`);
}
