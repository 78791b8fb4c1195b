// Sign-in: an API token, or an email and global API key. Checked with GET /accounts before it is kept.

import { get } from './api.js';
import { fill, h } from './dom.js';
import { signIn, signOut } from './session.js';

export function renderSignIn(app, message) {
  const error = h('p.error', { id: 'signin-error', role: 'alert' }, message && !message.startsWith('Signed out.') ? message : '');
  const note = message === 'Signed out.' ? h('p.note', { role: 'status' }, 'Signed out.') : null;
  const tokenField = h('div.field', {},
    h('label', { htmlFor: 'token' }, 'API token'),
    h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: false, 'aria-describedby': 'signin-error' }));
  const keyFields = h('div', { hidden: true },
    h('div.field', {}, h('label', { htmlFor: 'email' }, 'Email'),
      h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username' })),
    h('div.field', {}, h('label', { htmlFor: 'key' }, 'Global API key'),
      h('input', { id: 'key', name: 'key', type: 'password', autocomplete: 'off' })));
  const choose = (kind) => {
    tokenField.hidden = kind !== 'token';
    keyFields.hidden = kind === 'token';
  };
  const form = h('form.signin', { 'aria-labelledby': 'signin-title', novalidate: true },
    h('h1', { id: 'signin-title', tabIndex: -1 }, 'Sign in to Vigil'),
    note,
    h('fieldset.kind', {},
      h('legend', {}, 'Credentials'),
      h('label', {}, h('input', { type: 'radio', name: 'kind', value: 'token', checked: true, onchange: () => choose('token') }), ' API token'),
      h('label', {}, h('input', { type: 'radio', name: 'kind', value: 'key', onchange: () => choose('key') }), ' Email and global API key')),
    tokenField,
    keyFields,
    h('p.hint', {}, 'Kept in this tab only (session storage) and sent to this server’s /client/v4 API.'),
    h('button', { type: 'submit', id: 'sign-in' }, 'Sign in'),
    error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const creds = data.get('kind') === 'token'
      ? { kind: 'token', token: String(data.get('token') ?? '').trim() }
      : { kind: 'key', email: String(data.get('email') ?? '').trim(), key: String(data.get('key') ?? '').trim() };
    if (creds.kind === 'token' ? !creds.token : !creds.email || !creds.key) {
      error.textContent = creds.kind === 'token' ? 'Enter an API token.' : 'Enter an email and a global API key.';
      return;
    }
    signIn(creds);
    try {
      await get('/accounts', { per_page: 1 }, { keepSession: true });
    } catch (failure) {
      signOut();
      error.textContent = `Sign-in refused: ${failure.message}`;
      return;
    }
    await app.signedIn();
  });
  fill(app.main, form);
  form.querySelector('#token').focus();
}
