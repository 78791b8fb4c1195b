// Authentication and authorization as the SDK sees them: client.user.tokens.verify, both credential
// schemes, and the error classes for 401 and 403.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AuthenticationError, BadRequestError, PermissionDeniedError } from 'cloudflare';
import { IDS, rejectsWith, startVigil } from '../harness.js';

const vigil = await startVigil();
const { account, zone, otherAccount, unknownAccount, insights } = IDS;
const OK = { errors: [], messages: [], success: true };

const UNKNOWN_TOKEN = 'Zz9NotAVigilToken_0123456789abcdefghijkl'; // well-formed: 40 of [A-Za-z0-9_-]
const UNKNOWN_KEY = '0123456789abcdef0123456789abcdef01234'; // well-formed: 37 hex

const update = (client, issueId, params) => client.securityCenter.insights.classification.update(issueId, params);

describe('client.user.tokens.verify()', () => {
  test('returns the unwrapped result {id, status: active} for every token', async () => {
    const { editToken, readToken, zoneEditToken, zoneReadToken, otherAccountToken } = vigil.creds;
    const ids = new Set();
    for (const apiToken of [editToken, readToken, zoneEditToken, zoneReadToken, otherAccountToken]) {
      const { client, calls } = vigil.client({ apiToken });
      const result = await client.user.tokens.verify();
      assert.equal(result.status, 'active');
      assert.match(result.id, /^[0-9a-f]{32}$/);
      assert.deepEqual(Object.keys(result).sort(), ['id', 'status'], 'no expires_on/not_before: these tokens never expire');
      ids.add(result.id);
      assert.equal(calls.length, 1);
      assert.equal(calls[0].method, 'GET');
      assert.equal(calls[0].path, '/client/v4/user/tokens/verify');
      assert.equal(calls[0].body, undefined);
      assert.equal(calls[0].headers.authorization, `Bearer ${apiToken}`);
    }
    assert.equal(ids.size, 5, 'every token has its own id');
  });

  test('withResponse() exposes the envelope Vigil sent', async () => {
    const { client } = vigil.client({ apiToken: vigil.creds.editToken });
    const { data, response } = await client.user.tokens.verify().withResponse();
    assert.equal(data.status, 'active');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^application\/json/);
    assert.match(response.headers.get('cf-ray'), /-VGL$/);
  });

  test('an unknown token: AuthenticationError 401 / 9109', async () => {
    const { client, calls } = vigil.client({ apiToken: UNKNOWN_TOKEN });
    const err = await rejectsWith(client.user.tokens.verify(), AuthenticationError);
    assert.equal(err.status, 401);
    assert.equal(err.errors[0].code, 9109);
    assert.equal(err.errors[0].message, 'Invalid access token');
    assert.equal(calls.length, 1);
  });
});

describe('401: credentials that match nothing', () => {
  test('unknown API token on PATCH: AuthenticationError 9109', async () => {
    const { client, calls } = vigil.client({ apiToken: UNKNOWN_TOKEN });
    for (const scope of [{ account_id: account }, { zone_id: zone }]) {
      const err = await rejectsWith(update(client, insights.acct2fa, { ...scope, classification: 'false_positive' }), AuthenticationError);
      assert.equal(err.status, 401);
      assert.equal(err.errors[0].code, 9109);
      assert.equal(err.headers.get('x-should-retry'), 'false');
    }
    assert.equal(calls.length, 2);
  });

  test('unknown email or wrong global key: AuthenticationError 9103', async () => {
    for (const auth of [
      { apiEmail: IDS.memberEmail, apiKey: UNKNOWN_KEY },
      { apiEmail: 'nobody@vigil-compat.example', apiKey: vigil.creds.member.apiKey },
    ]) {
      const { client } = vigil.client(auth);
      const err = await rejectsWith(update(client, insights.acct2fa, { account_id: account, classification: 'false_positive' }), AuthenticationError);
      assert.equal(err.status, 401);
      assert.equal(err.errors[0].code, 9103);
      assert.equal(err.errors[0].message, 'Unknown X-Auth-Key or X-Auth-Email');
    }
  });
});

describe('403: valid credentials without the permission', () => {
  /** PATCH must fail with PermissionDeniedError 10000 "Authentication error" (Cloudflare's wording). */
  async function assertDenied(auth, issueId, scope) {
    const { client, calls } = vigil.client(auth);
    const err = await rejectsWith(update(client, issueId, { ...scope, classification: 'false_positive' }), PermissionDeniedError);
    assert.equal(err.status, 403);
    assert.equal(err.errors.length, 1);
    assert.equal(err.errors[0].code, 10000);
    assert.equal(err.errors[0].message, 'Authentication error');
    assert.equal(err.headers.get('x-should-retry'), 'false');
    assert.equal(calls.length, 1);
    return err;
  }

  test('a read token cannot classify (account and zone path)', async () => {
    await assertDenied({ apiToken: vigil.creds.readToken }, insights.acct2fa, { account_id: account });
    await assertDenied({ apiToken: vigil.creds.readToken }, insights.zoneHttps, { zone_id: zone });
    await assertDenied({ apiToken: vigil.creds.zoneReadToken }, insights.zoneHttps, { zone_id: zone });
  });

  test("another account's token is refused on this account, whether the insight exists or not", async () => {
    const first = await assertDenied({ apiToken: vigil.creds.otherAccountToken }, insights.acct2fa, { account_id: account });
    const second = await assertDenied({ apiToken: vigil.creds.otherAccountToken }, 'no-such-insight', { account_id: account });
    assert.deepEqual(first.error, second.error, 'no existence leak');
    await assertDenied({ apiToken: vigil.creds.otherAccountToken }, insights.zoneHttps, { zone_id: zone });
    await assertDenied({ apiToken: vigil.creds.editToken }, insights.other2fa, { account_id: otherAccount });
  });

  test('an unknown account gets the same 403 as a foreign one', async () => {
    await assertDenied({ apiToken: vigil.creds.editToken }, insights.acct2fa, { account_id: unknownAccount });
  });

  test('a zone-scoped token cannot use the account path', async () => {
    await assertDenied({ apiToken: vigil.creds.zoneEditToken }, insights.zoneHttps, { account_id: account });
  });

  test('a user who is not a member of the account is refused', async () => {
    await assertDenied(vigil.creds.outsider, insights.acct2fa, { account_id: account });
    await assertDenied(vigil.creds.outsider, insights.zoneHttps, { zone_id: zone });
  });

  test('the same credentials work on their own account (token, then global key)', async () => {
    const { client: tokenClient } = vigil.client({ apiToken: vigil.creds.otherAccountToken });
    assert.deepEqual(await update(tokenClient, insights.other2fa, { account_id: otherAccount, classification: 'false_positive' }), OK);
    const { client: keyClient, calls } = vigil.client(vigil.creds.outsider);
    assert.deepEqual(await update(keyClient, insights.other2fa, { account_id: otherAccount, classification: null }), OK);
    assert.equal(calls[0].headers['x-auth-email'], IDS.outsiderEmail);
  });

  test('a read token is refused, and an edit token then succeeds, on the same insight', async () => {
    await assertDenied({ apiToken: vigil.creds.readToken }, insights.acctDmarc, { account_id: account });
    const { client } = vigil.client({ apiToken: vigil.creds.editToken });
    assert.deepEqual(await update(client, insights.acctDmarc, { account_id: account, classification: 'false_positive' }), OK);
  });
});

describe('SDK configured with both schemes', () => {
  // The SDK sends every credential it has: apiToken plus apiEmail/apiKey (e.g. all three CLOUDFLARE_*
  // variables set) yields Authorization and X-Auth-Email/X-Auth-Key on one request. Vigil uses the
  // token and ignores the global key (docs/decisions.md, "Both schemes at once").
  test('Authorization + X-Auth-* together: the token is used', async () => {
    const { client, calls } = vigil.client({ apiToken: vigil.creds.editToken, ...vigil.creds.outsider });
    assert.deepEqual(await update(client, insights.acct2fa, { account_id: account, classification: 'false_positive' }), OK);
    assert.ok(calls[0].headers.authorization && calls[0].headers['x-auth-email'] && calls[0].headers['x-auth-key']);
    assert.deepEqual(await update(client, insights.acct2fa, { account_id: account, classification: null }), OK);
  });
});
