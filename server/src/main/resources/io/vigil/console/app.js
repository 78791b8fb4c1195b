// The console's entry point: signs in, knows the accounts and zones the credentials reach, and routes
// between views by the URL's hash (#/accounts/<id>/insights?…, …/insights/<issue_id>, …/audit-log?…).

import { get, whenUnauthorized } from './api.js';
import { fill, h } from './dom.js';
import { installKeys, setViewKeys } from './keys.js';
import { credentials, signOut } from './session.js';
import { renderSignIn } from './signin.js';
import { renderExpiring } from './expiring.js';
import { renderWebhooks } from './webhooks.js';
import { renderScans } from './scans.js';
import { renderInsights } from './insights.js';
import { renderInsight } from './insight.js';
import { renderAudit } from './audit.js';

const main = document.getElementById('main');
const top = document.getElementById('top');
const scopeSelect = document.getElementById('scope');
const alertBox = document.getElementById('alert');
const statusBox = document.getElementById('status');

/** What the signed-in credentials reach: filled from GET /accounts and GET /zones. */
const reach = { accounts: [], zones: [], loaded: false };

/** The app-wide context every view gets. */
const app = {
  main,
  reach,
  /** Whether another route started since the current view began: a slow view must not draw over it. */
  stale: () => false,
  /** Whether the credentials may classify and dismiss in `scope`. */
  canEdit(scope) {
    const list = scope.kind === 'zone' ? reach.zones : reach.accounts;
    const found = list.find((item) => item.id === scope.id);
    if (found) return (found.permissions ?? []).includes('#security_center:edit');
    // A zone of a reachable account: the account's permission holds for it.
    const zone = reach.zones.find((z) => z.id === scope.id);
    return zone ? app.canEdit({ kind: 'account', id: zone.account.id }) : false;
  },
  /** The account a scope's extended context is read through (context is an account route). */
  contextAccount(scope) {
    if (scope.kind === 'account') return scope.id;
    const zone = reach.zones.find((z) => z.id === scope.id);
    const account = zone && reach.accounts.find((a) => a.id === zone.account.id);
    return account ? account.id : null;
  },
  scopeName(scope) {
    const list = scope.kind === 'zone' ? reach.zones : reach.accounts;
    return list.find((item) => item.id === scope.id)?.name ?? scope.id;
  },
  go(hash) {
    if (location.hash === hash) route();
    else location.hash = hash;
  },
  announce(text) {
    statusBox.textContent = text;
  },
  showError(error) {
    alertBox.hidden = !error;
    alertBox.textContent = error ? (error.message ?? String(error)) : '';
  },
  async signedIn() {
    await loadReach();
    const first = reach.accounts[0]
      ? `#/accounts/${reach.accounts[0].id}/insights`
      : reach.zones[0] ? `#/zones/${reach.zones[0].id}/insights` : '#/nothing';
    app.go(first);
  },
};

async function loadReach() {
  const [accounts, zones] = await Promise.all([
    get('/accounts', { per_page: 50 }),
    get('/zones', { per_page: 50 }),
  ]);
  reach.accounts = accounts.result;
  reach.zones = zones.result;
  reach.loaded = true;
  fill(
    scopeSelect,
    reach.accounts.length ? h('optgroup', { label: 'Accounts' },
      reach.accounts.map((a) => h('option', { value: `accounts/${a.id}` }, a.name))) : null,
    reach.zones.length ? h('optgroup', { label: 'Zones' },
      reach.zones.map((z) => h('option', { value: `zones/${z.id}` }, `${z.name} (${z.account.name})`))) : null,
  );
  const creds = credentials();
  document.getElementById('who').textContent = creds?.kind === 'key' ? creds.email : 'API token';
}

function parseHash() {
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  const params = new URLSearchParams(query);
  if ((parts[0] === 'accounts' || parts[0] === 'zones') && parts[1]) {
    const scope = { kind: parts[0] === 'zones' ? 'zone' : 'account', id: parts[1] };
    if (parts[2] === 'audit-log') return { view: 'audit', scope, params };
    if (parts[2] === 'expiring') return { view: 'expiring', scope, params };
    if (parts[2] === 'webhooks') return { view: 'webhooks', scope, params };
    if (parts[2] === 'scans') return { view: 'scans', scope, params };
    if (parts[2] === 'insights' && parts[3]) return { view: 'insight', scope, issueId: decodeURIComponent(parts[3]), params };
    return { view: 'insights', scope, params };
  }
  return { view: parts[0] === 'nothing' ? 'nothing' : 'home', params };
}

let routing = 0;
async function route() {
  const mine = ++routing;
  app.stale = () => mine !== routing;
  const hash = location.hash;
  main.setAttribute('aria-busy', 'true');
  try {
    await draw(mine);
  } finally {
    if (mine === routing) {
      main.setAttribute('aria-busy', 'false');
      main.dataset.drawn = hash; // which URL the view on screen is for (tests wait on it)
    }
  }
}

async function draw(mine) {
  app.showError(null);
  setViewKeys({});
  if (!credentials()) {
    top.hidden = true;
    renderSignIn(app);
    return;
  }
  try {
    if (!reach.loaded) await loadReach();
  } catch (error) {
    if (error.status !== 401) app.showError(error);
    return;
  }
  if (mine !== routing) return;
  top.hidden = false;
  const where = parseHash();
  if (where.view === 'home') {
    await app.signedIn();
    return;
  }
  if (where.view === 'nothing') {
    fill(main, h('h1', { tabIndex: -1 }, 'Nothing to show'),
      h('p', {}, 'These credentials reach no account or zone that Vigil knows.'));
    return;
  }
  scopeSelect.value = `${where.scope.kind === 'zone' ? 'zones' : 'accounts'}/${where.scope.id}`;
  const base = `#/${scopeSelect.value}`;
  document.getElementById('nav-insights').href = `${base}/insights`;
  document.getElementById('nav-audit').href = `${base}/audit-log`;
  document.getElementById('nav-expiring').href = `${base}/expiring`;
  document.getElementById('nav-webhooks').href = `${base}/webhooks`;
  document.getElementById('nav-scans').href = `${base}/scans`;
  for (const [id, view] of [['nav-insights', 'insights'], ['nav-audit', 'audit'], ['nav-expiring', 'expiring'], ['nav-webhooks', 'webhooks'], ['nav-scans', 'scans']]) {
    const link = document.getElementById(id);
    if (where.view === view || (view === 'insights' && where.view === 'insight')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const render = { insights: renderInsights, insight: renderInsight, audit: renderAudit, expiring: renderExpiring, webhooks: renderWebhooks, scans: renderScans }[where.view];
  try {
    await render(app, where);
  } catch (error) {
    if (error.status !== 401) app.showError(error);
  }
}

function endSession(message) {
  signOut();
  reach.loaded = false;
  reach.accounts = [];
  reach.zones = [];
  top.hidden = true;
  if (location.hash !== '') history.replaceState(null, '', location.pathname);
  renderSignIn(app, message);
}

whenUnauthorized((error) => endSession(`Signed out: ${error.message}`));
scopeSelect.addEventListener('change', () => app.go(`#/${scopeSelect.value}/insights`));
document.getElementById('sign-out').addEventListener('click', () => endSession('Signed out.'));
window.addEventListener('hashchange', route);
installKeys(app);
route();
