// client.securityCenter.insights.classification.update against Vigil: the seed endpoint
// PATCH /{accounts|zones}/{id}/security-center/insights/{issue_id}/classification.
//
// Each test owns one fixture insight (tests in a file run in order, files in parallel, each file on its
// own Vigil), so the life cycles do not interfere.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, test } from 'node:test';
import { BadRequestError, ConflictError, NotFoundError } from 'cloudflare';
import { IDS, recordingClient, rejectsWith, startVigil } from '../harness.js';

const vigil = await startVigil();
const { account, zone, otherAccount, insights } = IDS;

/** What the SDK resolves for this endpoint: the whole envelope (the method does not unwrap `result`). */
const OK = { errors: [], messages: [], success: true };

const insightPath = (scope, id, issueId) => `/client/v4/${scope}/${id}/security-center/insights/${issueId}/classification`;

/** Checks the HTTP request the SDK made for one update call. */
function assertPatch(call, { path, body }) {
  assert.equal(call.method, 'PATCH');
  assert.equal(call.path, path);
  assert.equal(call.headers['content-type'], 'application/json');
  assert.equal(call.headers.accept, 'application/json');
  assert.deepEqual(JSON.parse(call.body), body, 'the SDK moves account_id/zone_id into the path and sends the rest as the body');
}

/**
 * Runs `fn` and returns the calls it made: proves how many HTTP attempts one SDK call took.
 */
async function attempts(calls, fn) {
  const before = calls.length;
  const outcome = await fn();
  return { outcome, made: calls.slice(before) };
}

/** A refused direct change: ConflictError 409 / 1200, marked non-retryable, and sent exactly once. */
async function assertRefusedDirectChange(client, calls, issueId, params, from, to) {
  const { outcome: err, made } = await attempts(calls, () =>
    rejectsWith(client.securityCenter.insights.classification.update(issueId, params), ConflictError),
  );
  assert.equal(err.status, 409);
  assert.equal(err.errors.length, 1);
  assert.equal(err.errors[0].code, 1200);
  assert.equal(err.errors[0].message, `classification is '${from}'; reset it to null before setting '${to}'`);
  assert.deepEqual(err.error, { errors: err.errors, messages: [], success: false, result: null }, 'err.error is the parsed body');
  assert.equal(err.headers.get('x-should-retry'), 'false');
  assert.equal(client.maxRetries, 2, 'the client uses the SDK default of 2 retries');
  assert.equal(made.length, 1, 'x-should-retry: false stops the SDK from retrying a 409 (it retries 409 by default)');
  assert.equal(made[0].headers['x-stainless-retry-count'], '0');
}

describe('account path (account_id), API token', () => {
  test('life cycle: set, idempotent re-set, refused direct change, reset, set other', async () => {
    const { client, calls } = vigil.client({ apiToken: vigil.creds.editToken });
    const update = (params) => client.securityCenter.insights.classification.update(insights.acct2fa, { account_id: account, ...params });
    const path = insightPath('accounts', account, insights.acct2fa);

    assert.deepEqual(await update({ classification: 'false_positive' }), OK);
    assertPatch(calls.at(-1), { path, body: { classification: 'false_positive' } });
    assert.equal(calls.at(-1).headers.authorization, `Bearer ${vigil.creds.editToken}`);
    assert.equal(calls.at(-1).headers['x-auth-email'], undefined);
    assert.equal(calls.at(-1).headers['x-auth-key'], undefined);

    assert.deepEqual(await update({ classification: 'false_positive' }), OK, 'setting the current value again succeeds');

    await assertRefusedDirectChange(
      client,
      calls,
      insights.acct2fa,
      { account_id: account, classification: 'accept_risk', rationale: 'compensating control: SSO enforced' },
      'false_positive',
      'accept_risk',
    );

    assert.deepEqual(await update({ classification: null }), OK);
    assertPatch(calls.at(-1), { path, body: { classification: null } });
    assert.deepEqual(await update({ classification: null }), OK, 'resetting an unclassified insight succeeds');

    assert.deepEqual(await update({ classification: 'other', rationale: 'service account, tracked in SEC-42' }), OK);
    assertPatch(calls.at(-1), { path, body: { classification: 'other', rationale: 'service account, tracked in SEC-42' } });

    await assertRefusedDirectChange(
      client,
      calls,
      insights.acct2fa,
      { account_id: account, classification: 'false_positive' },
      'other',
      'false_positive',
    );
    assert.deepEqual(await update({ classification: null, rationale: 'reopened' }), OK);
    assert.deepEqual(await update({ classification: 'accept_risk', rationale: 'accepted until Q3' }), OK);
    assert.ok(calls.every((c) => c.headers['x-stainless-retry-count'] === '0'), 'no call was retried');
  });

  test("a zone's insight through its account's path, imported as accept_risk", async () => {
    const { client, calls } = vigil.client({ apiToken: vigil.creds.editToken });
    const id = insights.zoneOriginAccepted;
    await assertRefusedDirectChange(client, calls, id, { account_id: account, classification: 'other', rationale: 'x' }, 'accept_risk', 'other');
    assert.deepEqual(await client.securityCenter.insights.classification.update(id, { account_id: account, classification: null }), OK);
    assertPatch(calls.at(-1), { path: insightPath('accounts', account, id), body: { classification: null } });
    assert.deepEqual(
      await client.securityCenter.insights.classification.update(id, { account_id: account, classification: 'false_positive' }),
      OK,
    );
  });
});

describe('zone path (zone_id), API token', () => {
  test("life cycle with the account's edit token (an account token reaches its zones)", async () => {
    const { client, calls } = vigil.client({ apiToken: vigil.creds.editToken });
    const id = insights.zoneHttps;
    const update = (params) => client.securityCenter.insights.classification.update(id, { zone_id: zone, ...params });

    assert.deepEqual(await update({ classification: 'accept_risk', rationale: 'legacy clients need plain HTTP' }), OK);
    assertPatch(calls.at(-1), {
      path: insightPath('zones', zone, id),
      body: { classification: 'accept_risk', rationale: 'legacy clients need plain HTTP' },
    });
    assert.deepEqual(await update({ classification: 'accept_risk', rationale: 'a different reason' }), OK, 'idempotent re-set');
    await assertRefusedDirectChange(client, calls, id, { zone_id: zone, classification: 'false_positive' }, 'accept_risk', 'false_positive');
    assert.deepEqual(await update({ classification: null }), OK);
    assert.deepEqual(await update({ classification: 'other', rationale: 'handled by the WAF' }), OK);
  });

  test('life cycle with a zone-scoped edit token', async () => {
    const { client, calls } = vigil.client({ apiToken: vigil.creds.zoneEditToken });
    const id = insights.zoneDnssec;
    const update = (params) => client.securityCenter.insights.classification.update(id, { zone_id: zone, ...params });
    assert.deepEqual(await update({ classification: 'false_positive', rationale: 'DNSSEC is on at the registrar' }), OK);
    assertPatch(calls.at(-1), {
      path: insightPath('zones', zone, id),
      body: { classification: 'false_positive', rationale: 'DNSSEC is on at the registrar' },
    });
    await assertRefusedDirectChange(client, calls, id, { zone_id: zone, classification: 'other', rationale: 'x' }, 'false_positive', 'other');
    assert.deepEqual(await update({ classification: null }), OK);
  });

  test('an account-level insight is not in any zone: NotFoundError 1100', async () => {
    const { client, calls } = vigil.client({ apiToken: vigil.creds.editToken });
    const err = await rejectsWith(
      client.securityCenter.insights.classification.update(insights.acctDmarc, { zone_id: zone, classification: 'false_positive' }),
      NotFoundError,
    );
    assert.equal(err.status, 404);
    assert.equal(err.errors[0].code, 1100);
    assert.equal(err.errors[0].message, `insight '${insights.acctDmarc}' not found`);
    assert.equal(calls.length, 1);
  });
});

describe('email + global API key', () => {
  test('life cycle on the account path', async () => {
    const { client, calls } = vigil.client(vigil.creds.member);
    const id = insights.acctToken;
    const update = (params) => client.securityCenter.insights.classification.update(id, { account_id: account, ...params });

    assert.deepEqual(await update({ classification: 'false_positive' }), OK);
    const sent = calls.at(-1);
    assertPatch(sent, { path: insightPath('accounts', account, id), body: { classification: 'false_positive' } });
    assert.equal(sent.headers['x-auth-email'], IDS.memberEmail);
    assert.equal(sent.headers['x-auth-key'], vigil.creds.member.apiKey);
    assert.equal(sent.headers.authorization, undefined);

    assert.deepEqual(await update({ classification: 'false_positive' }), OK);
    await assertRefusedDirectChange(client, calls, id, { account_id: account, classification: 'other', rationale: 'x' }, 'false_positive', 'other');
    assert.deepEqual(await update({ classification: null }), OK);
    assert.deepEqual(await update({ classification: 'other', rationale: 'rotated by the vault, no expiry needed' }), OK);
  });

  test('life cycle on the zone path, with an id the SDK sends unencoded (colons)', async () => {
    const { client, calls } = vigil.client(vigil.creds.member);
    const id = insights.zoneColonId;
    const update = (params) => client.securityCenter.insights.classification.update(id, { zone_id: zone, ...params });

    assert.deepEqual(await update({ classification: 'accept_risk', rationale: 'old clients' }), OK);
    assert.equal(calls.at(-1).path, `/client/v4/zones/${zone}/security-center/insights/compat:zone:min-tls-1.0/classification`);
    await assertRefusedDirectChange(client, calls, id, { zone_id: zone, classification: 'false_positive' }, 'accept_risk', 'false_positive');
    assert.deepEqual(await update({ classification: null }), OK);
    assert.deepEqual(await update({ classification: 'false_positive' }), OK);
  });
});

describe('bad requests', () => {
  for (const classification of ['accept_risk', 'other']) {
    test(`${classification} without a rationale: BadRequestError 1004 pointing at /rationale`, async () => {
      const { client, calls } = vigil.client({ apiToken: vigil.creds.editToken });
      for (const extra of [{}, { rationale: '' }, { rationale: '   ' }]) {
        const err = await rejectsWith(
          client.securityCenter.insights.classification.update(insights.acctDmarc, { account_id: account, classification, ...extra }),
          BadRequestError,
        );
        assert.equal(err.status, 400);
        assert.equal(err.errors.length, 1);
        assert.equal(err.errors[0].code, 1004);
        assert.equal(
          err.errors[0].message,
          extra.rationale === undefined
            ? `rationale is required when classification is '${classification}'`
            : `rationale must not be blank when classification is '${classification}'`,
        );
        assert.deepEqual(err.errors[0].source, { pointer: '/rationale' });
        assert.equal(err.headers.get('x-should-retry'), 'false');
      }
      assert.equal(calls.length, 3, 'one attempt per call');
      // Nothing changed: the insight can still be set from unclassified.
      assert.deepEqual(
        await client.securityCenter.insights.classification.update(insights.acctDmarc, { account_id: account, classification: null }),
        OK,
      );
    });
  }

  test("the SDK's own example (no classification: body {}) is refused with 1003", async () => {
    const { client, calls } = vigil.client({ apiToken: vigil.creds.editToken });
    const err = await rejectsWith(
      client.securityCenter.insights.classification.update(insights.acctDmarc, { account_id: account }),
      BadRequestError,
    );
    assert.equal(calls[0].body, '{}');
    assert.equal(calls[0].headers['content-type'], 'application/json');
    assert.equal(err.errors[0].code, 1003);
    assert.deepEqual(err.errors[0].source, { pointer: '/classification' });
  });

  test('an unknown insight: NotFoundError 1100 on both paths', async () => {
    const { client } = vigil.client({ apiToken: vigil.creds.editToken });
    for (const scope of [{ account_id: account }, { zone_id: zone }]) {
      const err = await rejectsWith(
        client.securityCenter.insights.classification.update('no-such-insight', { ...scope, classification: 'false_positive' }),
        NotFoundError,
      );
      assert.equal(err.status, 404);
      assert.equal(err.errors[0].code, 1100);
      assert.equal(err.errors[0].message, "insight 'no-such-insight' not found");
      assert.equal(err.headers.get('x-should-retry'), 'false');
    }
  });

  test("another account's insight through one's own account path: NotFoundError, same as unknown", async () => {
    for (const auth of [{ apiToken: vigil.creds.editToken }, vigil.creds.member]) {
      const { client } = vigil.client(auth);
      const err = await rejectsWith(
        client.securityCenter.insights.classification.update(insights.other2fa, { account_id: account, classification: 'false_positive' }),
        NotFoundError,
      );
      assert.equal(err.errors[0].code, 1100);
      assert.equal(err.errors[0].message, `insight '${insights.other2fa}' not found`);
    }
    // ...and it was not changed: its own account can still move it from unclassified to accept_risk.
    const { client } = vigil.client({ apiToken: vigil.creds.otherAccountToken });
    assert.deepEqual(
      await client.securityCenter.insights.classification.update(insights.other2fa, {
        account_id: otherAccount,
        classification: 'accept_risk',
        rationale: 'theirs',
      }),
      OK,
    );
  });
});

describe('control: the retry accounting above can see retries', () => {
  // Without x-should-retry the SDK retries a 409 (twice by default): a stub that answers Vigil's 409 body
  // minus that header is hit three times. So "one attempt" against Vigil is the header's doing.
  test('a 409 without x-should-retry: false is retried by the SDK', async () => {
    const stub = createServer((req, res) => {
      req.resume();
      res.writeHead(409, { 'content-type': 'application/json', 'retry-after-ms': '1' });
      res.end(JSON.stringify({ errors: [{ code: 1200, message: 'stub' }], messages: [], success: false, result: null }));
    });
    await new Promise((resolve) => stub.listen(0, '127.0.0.1', resolve));
    try {
      const { client, calls } = recordingClient(`http://127.0.0.1:${stub.address().port}/client/v4`, { apiToken: 'stub' });
      await rejectsWith(client.securityCenter.insights.classification.update('x', { account_id: account, classification: null }), ConflictError);
      assert.deepEqual(
        calls.map((c) => c.headers['x-stainless-retry-count']),
        ['0', '1', '2'],
      );
    } finally {
      stub.closeAllConnections();
      await new Promise((resolve) => stub.close(resolve));
    }
  });
});
