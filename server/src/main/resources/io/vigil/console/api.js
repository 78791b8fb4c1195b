// The public API, /client/v4, and nothing else: every call the console makes goes through here.

import { authHeaders, credentials } from './session.js';

export const BASE = '/client/v4';

/** A refused call: the API's first error message, its code and the HTTP status. */
export class ApiError extends Error {
  constructor(status, errors) {
    const first = errors?.[0];
    super(first?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = first?.code;
  }
}

let onUnauthorized = () => {};

/** What to do when the API answers 401 (the credentials no longer work). */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/** Sends one request; resolves the whole envelope, rejects with ApiError. */
export async function call(method, path, { query, body, keepSession = false } = {}) {
  const url = new URL(BASE + path, location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(name, v);
  }
  const headers = { Accept: 'application/json', ...authHeaders(credentials()) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  let envelope = null;
  try {
    envelope = await response.json();
  } catch {
    envelope = null;
  }
  if (!response.ok || envelope?.success === false) {
    const error = new ApiError(response.status, envelope?.errors);
    if (response.status === 401 && !keepSession) onUnauthorized(error);
    throw error;
  }
  return envelope;
}

export const get = (path, query, options = {}) => call('GET', path, { query, ...options });

/** The path prefix of a scope: /accounts/<id> or /zones/<id>. */
export function scopePath(scope) {
  return `/${scope.kind === 'zone' ? 'zones' : 'accounts'}/${scope.id}`;
}

export function insightsPath(scope) {
  return `${scopePath(scope)}/security-center/insights`;
}
