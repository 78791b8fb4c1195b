// The credentials live in sessionStorage only: gone when the tab closes, never in a cookie.

const KEY = 'vigil.credentials';

/** {kind: 'token', token} or {kind: 'key', email, key}, or null when signed out. */
export function credentials() {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

export function signIn(creds) {
  sessionStorage.setItem(KEY, JSON.stringify(creds));
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** The headers the public API takes for these credentials. */
export function authHeaders(creds) {
  if (!creds) return {};
  return creds.kind === 'token'
    ? { Authorization: `Bearer ${creds.token}` }
    : { 'X-Auth-Email': creds.email, 'X-Auth-Key': creds.key };
}
