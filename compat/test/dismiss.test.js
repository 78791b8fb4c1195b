// client.securityCenter.insights.dismiss against Vigil: PUT …/security-center/insights/{issue_id}/dismiss
// with body {dismiss}. Dismissing archives (the insight leaves the default list and counts; dismissed: true
// lists it), dismiss: false restores, both are idempotent; a change is recorded in the change log, which
// Cloudflare's audit-log routes do not show (docs/decisions.md).
//
// Each test owns the fixture insights it changes and leaves them as it found them, except where it says so.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BadRequestError, NotFoundError, PermissionDeniedError } from 'cloudflare';
import { IDS, rejectsWith, startVigil } from '../harness.js';

const vigil = await startVigil();
const { account, zone, otherAccount, insights } = IDS;

/** What the SDK resolves for this endpoint: the whole envelope, as for classification.update. */
const OK = { errors: [], messages: [], success: true };

const dismissPath = (scope, id, issueId) => `/client/v4/${scope}/${id}/security-center/insights/${issueId}/dismiss`;

/** Every insight the scope lists with `filters` (one page of up to 1000). */
async function listed(client, scope, filters = {}) {
  const page = await client.securityCenter.insights.list({ ...scope, ...filters, per_page: 1000 });
  return page.result.issues;
}
const ids = (issues) => issues.map((i) => i.id);

/** Checks the HTTP request the SDK made for one dismiss call. */
function assertPut(call, { path, body }) {
  assert.equal(call.method, 'PUT');
  assert.equal(call.path, path);
  assert.equal(call.headers['content-type'], 'application/json');
  assert.equal(call.body, body);
  assert.equal(call.status, 200);
  assert.equal(call.headers['x-stainless-retry-count'], '0');
}

describe('round trips', () => {
  test('account path, API token: dismiss (SDK default body {}), hidden, listed with dismissed: true, restore', async () => {
    const { client, calls } = vigil.client({ apiToken: vigil.creds.editToken });
    const scope = { account_id: account };
    const id = insights.acctDmarc;
    const path = dismissPath('accounts', account, id);
    const before = await listed(client, scope);
    const original = before.find((i) => i.id === id);
    assert.equal(original.dismissed, false);
    const lowBefore = (await client.securityCenter.insights.severity.get(scope)).find((c) => c.value === 'Low').count;

    // dismiss() without `dismiss` sends {}: Vigil reads that as dismiss: true (the call "archives").
    assert.deepEqual(await client.securityCenter.insights.dismiss(id, scope), OK);
    assertPut(calls.at(-1), { path, body: '{}' });
    assert.ok(!ids(await listed(client, scope)).includes(id), 'hidden from the default list');
    assert.deepEqual(
      (await listed(client, scope, { dismissed: true })).find((i) => i.id === id),
      { ...original, dismissed: true },
      'listed with dismissed: true, nothing else changed',
    );
    const lowAfter = (await client.securityCenter.insights.severity.get(scope)).find((c) => c.value === 'Low').count;
    assert.equal(lowAfter, lowBefore - 1, 'counts follow the list');
    assert.deepEqual(await client.securityCenter.insights.severity.get({ ...scope, dismissed: true, severity: ['low'] }), [
      { count: 1, value: 'Low' },
    ]);

    assert.deepEqual(await client.securityCenter.insights.dismiss(id, { ...scope, dismiss: true }), OK, 'dismissing again succeeds');
    assertPut(calls.at(-1), { path, body: '{"dismiss":true}' });
    assert.ok(ids(await listed(client, scope, { dismissed: true })).includes(id));

    assert.deepEqual(await client.securityCenter.insights.dismiss(id, { ...scope, dismiss: false }), OK);
    assertPut(calls.at(-1), { path, body: '{"dismiss":false}' });
    assert.deepEqual(await client.securityCenter.insights.dismiss(id, { ...scope, dismiss: false }), OK, 'restoring again succeeds');
    assert.deepEqual(await listed(client, scope), before, 'the default list is as it was');
  });

  test('zone path, zone-scoped edit token: the account view follows', async () => {
    const { client, calls } = vigil.client({ apiToken: vigil.creds.zoneEditToken });
    const { client: accountReader } = vigil.client({ apiToken: vigil.creds.readToken });
    const id = insights.zoneHttps;
    const scope = { zone_id: zone };

    assert.deepEqual(await client.securityCenter.insights.dismiss(id, { ...scope, dismiss: true }), OK);
    assertPut(calls.at(-1), { path: dismissPath('zones', zone, id), body: '{"dismiss":true}' });
    assert.ok(!ids(await listed(client, scope)).includes(id));
    assert.ok(!ids(await listed(accountReader, { account_id: account })).includes(id));
    assert.ok(ids(await listed(client, scope, { dismissed: true })).includes(id));
    assert.ok(ids(await listed(accountReader, { account_id: account }, { dismissed: true })).includes(id));

    assert.deepEqual(await client.securityCenter.insights.dismiss(id, { ...scope, dismiss: false }), OK);
    assert.ok(ids(await listed(client, scope)).includes(id));
    assert.ok(ids(await listed(accountReader, { account_id: account })).includes(id));
  });

  test('email + global API key, zone path, an id the SDK sends with its colons', async () => {
    const { client, calls } = vigil.client(vigil.creds.member);
    const id = insights.zoneColonId;
    assert.deepEqual(await client.securityCenter.insights.dismiss(id, { zone_id: zone, dismiss: true }), OK);
    assert.equal(calls.at(-1).path, `/client/v4/zones/${zone}/security-center/insights/compat:zone:min-tls-1.0/dismiss`);
    assert.equal(calls.at(-1).headers['x-auth-email'], IDS.memberEmail);
    assert.equal(calls.at(-1).headers.authorization, undefined);
    assert.deepEqual(ids(await listed(client, { zone_id: zone }, { dismissed: true, subject: ['example.com'] })), [id]);
    // ...and restored through the account path this time.
    assert.deepEqual(await client.securityCenter.insights.dismiss(id, { account_id: account, dismiss: false }), OK);
    assert.equal(calls.at(-1).path, `/client/v4/accounts/${account}/security-center/insights/compat:zone:min-tls-1.0/dismiss`);
    assert.ok(ids(await listed(client, { zone_id: zone })).includes(id));
  });

  test('an insight imported as dismissed can be restored and dismissed again', async () => {
    const { client } = vigil.client({ apiToken: vigil.creds.editToken });
    const id = insights.zoneWafDismissed;
    assert.deepEqual(ids(await listed(client, { zone_id: zone }, { dismissed: true })), [id]);
    assert.deepEqual(await client.securityCenter.insights.dismiss(id, { zone_id: zone, dismiss: false }), OK);
    assert.deepEqual(await listed(client, { zone_id: zone }, { dismissed: true }), []);
    assert.equal((await listed(client, { zone_id: zone }))[0].id, id, 'the newest insight of the zone is back on top');
    assert.deepEqual(await client.securityCenter.insights.dismiss(id, { zone_id: zone }), OK);
    assert.deepEqual(ids(await listed(client, { zone_id: zone }, { dismissed: true })), [id]);
  });

  test('dismissal leaves the classification alone and is not audited', async () => {
    const { client } = vigil.client({ apiToken: vigil.creds.editToken });
    const id = insights.zoneOriginAccepted;
    const scope = { account_id: account };
    assert.deepEqual(await client.securityCenter.insights.dismiss(id, scope), OK);
    const [dismissed] = await listed(client, scope, { dismissed: true, issue_class: ['exposed_origin_ip'] });
    assert.equal(dismissed.user_classification, 'accept_risk');

    // A dismissed insight can still be classified, and stays dismissed.
    assert.deepEqual(await client.securityCenter.insights.classification.update(id, { ...scope, classification: null }), OK);
    const [reset] = await listed(client, scope, { dismissed: true, issue_class: ['exposed_origin_ip'] });
    assert.equal(reset.user_classification, null);
    assert.equal(reset.dismissed, true);
    assert.deepEqual(await client.securityCenter.insights.dismiss(id, { ...scope, dismiss: false }), OK);

    // Every dismiss in this file so far left no trace in the audit log: the reset above is its only entry.
    const log = await client.securityCenter.insights.auditLogs.list(scope);
    assert.deepEqual(
      log.result.map((e) => [e.issue_id, e.field_changed, e.previous_value, e.current_value]),
      [[id, 'user_classification', 'accept_risk', null]],
    );
  });
});

describe('errors', () => {
  /** The insight is still listed by default: a refused call changed nothing. */
  async function assertStillActive(id) {
    const { client } = vigil.client({ apiToken: vigil.creds.readToken });
    assert.ok(ids(await listed(client, { account_id: account })).includes(id));
  }

  test('read-only or foreign credentials: PermissionDeniedError 10000, sent once', async () => {
    for (const [auth, id, scope] of [
      [{ apiToken: vigil.creds.readToken }, insights.acct2fa, { account_id: account }],
      [{ apiToken: vigil.creds.readToken }, insights.zoneDnssec, { zone_id: zone }],
      [{ apiToken: vigil.creds.zoneReadToken }, insights.zoneDnssec, { zone_id: zone }],
      [{ apiToken: vigil.creds.zoneEditToken }, insights.zoneDnssec, { account_id: account }],
      [{ apiToken: vigil.creds.otherAccountToken }, insights.acct2fa, { account_id: account }],
      [vigil.creds.outsider, insights.zoneDnssec, { zone_id: zone }],
    ]) {
      const { client, calls } = vigil.client(auth);
      const err = await rejectsWith(client.securityCenter.insights.dismiss(id, { ...scope, dismiss: true }), PermissionDeniedError);
      assert.equal(err.status, 403);
      assert.equal(err.errors[0].code, 10000);
      assert.equal(err.errors[0].message, 'Authentication error');
      assert.equal(err.headers.get('x-should-retry'), 'false');
      assert.equal(calls.length, 1);
    }
    await assertStillActive(insights.acct2fa);
    await assertStillActive(insights.zoneDnssec);
  });

  test("unknown, another account's, or not in this zone: NotFoundError 1100", async () => {
    const { client, calls } = vigil.client({ apiToken: vigil.creds.editToken });
    for (const [id, scope] of [
      ['no-such-insight', { account_id: account }],
      ['no-such-insight', { zone_id: zone }],
      [insights.other2fa, { account_id: account }],
      [insights.acct2fa, { zone_id: zone }],
    ]) {
      const err = await rejectsWith(client.securityCenter.insights.dismiss(id, scope), NotFoundError);
      assert.equal(err.status, 404);
      assert.equal(err.errors[0].code, 1100);
      assert.equal(err.errors[0].message, `insight '${id}' not found`);
      assert.equal(err.headers.get('x-should-retry'), 'false');
    }
    assert.equal(calls.length, 4);
    await assertStillActive(insights.acct2fa);
    // The other account's insight was not dismissed either.
    const { client: theirs } = vigil.client({ apiToken: vigil.creds.otherAccountToken });
    assert.deepEqual(ids(await listed(theirs, { account_id: otherAccount })), [insights.other2fa]);
  });

  test('a body the endpoint does not take: BadRequestError 1002 / 1006 with a pointer', async () => {
    const { client } = vigil.client({ apiToken: vigil.creds.editToken });
    for (const [extra, code, message, pointer] of [
      [{ dismiss: 'yes' }, 1002, 'dismiss must be true or false', '/dismiss'],
      [{ dismiss: null }, 1002, 'dismiss must be true or false', '/dismiss'],
      [{ dismiss: true, archived: true }, 1006, "unknown field 'archived'; the body takes 'dismiss'", '/archived'],
    ]) {
      const err = await rejectsWith(
        client.securityCenter.insights.dismiss(insights.acct2fa, { account_id: account, ...extra }),
        BadRequestError,
      );
      assert.equal(err.errors[0].code, code);
      assert.equal(err.errors[0].message, message);
      assert.deepEqual(err.errors[0].source, { pointer });
    }
    await assertStillActive(insights.acct2fa);
  });
});
