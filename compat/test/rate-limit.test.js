// Vigil's optional per-credential rate limit (`vigil serve --rate-limit`) as the official SDK sees it:
// Cloudflare's Ratelimit headers on every answer, and past the budget a 429 (code 971) with retry-after,
// which the SDK surfaces as RateLimitError when it may not retry. By default it retries a 429 after waiting
// exactly what retry-after says (cloudflare 7.3.0 has no upper bound on that wait), so a short window here.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateLimitError } from 'cloudflare';
import { IDS, rejectsWith, startVigil } from '../harness.js';

const BUDGET = 6;
const vigil = await startVigil({ serveArgs: ['--rate-limit', `${BUDGET}/5s`] });
const { account } = IDS;

test('within the budget: answers carry Ratelimit and Ratelimit-Policy; past it: RateLimitError 971 with retry-after', async () => {
  const { client, calls } = vigil.client({ apiToken: vigil.creds.readToken }, { maxRetries: 0 });
  for (let i = 0; i < BUDGET; i++) {
    await client.securityCenter.insights.list({ account_id: account, per_page: 1 });
  }
  assert.equal(calls.length, BUDGET);
  assert.match(calls[0].responseHeaders.ratelimit, /^"default";r=5;t=\d+$/);
  assert.equal(calls[0].responseHeaders['ratelimit-policy'], `"default";q=${BUDGET};w=5`);
  const err = await rejectsWith(client.securityCenter.insights.list({ account_id: account, per_page: 1 }), RateLimitError);
  assert.equal(err.status, 429);
  assert.equal(err.errors[0].code, 971);
  assert.match(err.errors[0].message, /^Rate limit exceeded: 6 requests per 5 seconds; retry in \d+ seconds$/);
  const refused = calls.at(-1);
  assert.ok(Number(refused.responseHeaders['retry-after']) >= 1);
  assert.equal(refused.responseHeaders['x-should-retry'], undefined, 'a 429 may be retried later');
});

test('by default the SDK waits retry-after and retries, and the retry succeeds in the next window', async () => {
  const limited = vigil.client({ apiToken: vigil.creds.zoneReadToken });
  for (let i = 0; i < BUDGET; i++) {
    await limited.client.securityCenter.insights.list({ zone_id: IDS.zone, per_page: 1 });
  }
  const started = Date.now();
  await limited.client.securityCenter.insights.list({ zone_id: IDS.zone, per_page: 1 });
  const [refused, retried] = limited.calls.slice(BUDGET);
  assert.equal(refused.status, 429);
  const waitSeconds = Number(refused.responseHeaders['retry-after']);
  assert.ok(waitSeconds >= 1 && waitSeconds <= 5);
  assert.equal(retried.status, 200);
  assert.equal(retried.headers['x-stainless-retry-count'], '1');
  assert.ok(Date.now() - started >= (waitSeconds - 1) * 1000, 'the SDK waited as told');

  // The budget is per credential: another token was never limited.
  const other = vigil.client({ apiToken: vigil.creds.editToken }, { maxRetries: 0 });
  await other.client.securityCenter.insights.list({ account_id: account, per_page: 1 });
});
