// client.intel.attackSurfaceReport against Vigil: Cloudflare's deprecated names for an account's insights.
//   issueTypes.get                  GET /accounts/{id}/intel/attack-surface-report/issue-types
//   issues.list                     GET …/intel/attack-surface-report/issues        = securityCenter.insights.list
//   issues.class|severity|type      GET …/issues/{class,severity,type}             = securityCenter.insights.*.get
//   (no SDK method, see below)      PUT …/intel/attack-surface-report/{issue_id}/dismiss = securityCenter.insights.dismiss
//
// cloudflare@7.3.0 has no method for the deprecated dismiss (Cloudflare's schema lists the operation without
// an SDK method): the tests send it with the same SDK client's own `client.put`, as a user of the SDK would.
// Every test runs with an API token and with email + global API key. Each test leaves the insights it
// changes as it found them.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BadRequestError, NotFoundError, PermissionDeniedError } from 'cloudflare';
import { IDS, fixtureInsights, rejectsWith, startVigil } from '../harness.js';

const vigil = await startVigil();
const { account, insights } = IDS;
const scope = { account_id: account };

/** The `issue_type` enum of Cloudflare's schema (security-center_issueType), in its order. */
const ISSUE_TYPES = [
  'compliance_violation',
  'email_security',
  'exposed_infrastructure',
  'insecure_configuration',
  'weak_authentication',
  'configuration_suggestion',
];
const OK = { errors: [], messages: [], success: true };
const REPORT = `/client/v4/accounts/${account}/intel/attack-surface-report`;

/** Both credential schemes, each able to edit the account. */
const SCHEMES = [
  ['API token', () => ({ apiToken: vigil.creds.editToken })],
  ['email + key', () => vigil.creds.member],
];

/** Filter cases sent to an alias and to its twin. */
const CASES = [
  {},
  { severity: ['low', 'critical'] },
  { 'issue_type~neq': ['insecure_configuration'], product: ['dns', 'ssl'] },
  { dismissed: true },
  { subject: ['example.com'], source: ['cloudflare'] },
];

const ids = (issues) => issues.map((i) => i.id);
const dismissPath = (id) => `/accounts/${account}/intel/attack-surface-report/${id}/dismiss`;

/** Sends the deprecated dismiss with the SDK's generic PUT (the SDK has no method for it). */
const dismiss = (client, id, body) => client.put(dismissPath(id), { body });

function assertScheme(call, auth) {
  if (auth.apiToken) {
    assert.equal(call.headers.authorization, `Bearer ${auth.apiToken}`);
    assert.equal(call.headers['x-auth-email'], undefined);
  } else {
    assert.equal(call.headers['x-auth-email'], auth.apiEmail);
    assert.equal(call.headers.authorization, undefined);
  }
  assert.equal(call.headers['x-stainless-retry-count'], '0');
}

for (const [schemeName, auth] of SCHEMES) {
  describe(`${schemeName}`, () => {
    test('issueTypes.get: the issue types Vigil knows, as a SinglePage the SDK iterates', async () => {
      const { client, calls } = vigil.client(auth());
      const page = await client.intel.attackSurfaceReport.issueTypes.get(scope);
      assert.deepEqual(page.result, ISSUE_TYPES);
      assert.deepEqual(page.getPaginatedItems(), ISSUE_TYPES);
      assert.equal(page.hasNextPage(), false);
      const iterated = [];
      for await (const type of client.intel.attackSurfaceReport.issueTypes.get(scope)) iterated.push(type);
      assert.deepEqual(iterated, ISSUE_TYPES);
      assert.equal(calls.length, 2, 'one request each');
      assert.equal(calls[0].method, 'GET');
      assert.equal(calls[0].url, `${vigil.origin}${REPORT}/issue-types`);
      assertScheme(calls[0], auth());
      for (const line of fixtureInsights()) assert.ok(ISSUE_TYPES.includes(line.issue_type), line.issue_type);
    });

    test('issues.list: the same answer as securityCenter.insights.list for every filter case', async () => {
      const { client, calls } = vigil.client(auth());
      for (const filters of CASES) {
        const label = JSON.stringify(filters);
        const alias = await client.intel.attackSurfaceReport.issues.list({ ...scope, ...filters });
        const twin = await client.securityCenter.insights.list({ ...scope, ...filters });
        assert.deepEqual(alias.result, twin.result, label);
        assert.deepEqual(alias.result_info, twin.result_info, label);
        assert.equal(calls.at(-2).path, `${REPORT}/issues`, label);
        assert.equal(new URL(calls.at(-2).url).search, new URL(calls.at(-1).url).search, 'the same query string');
        assertScheme(calls.at(-2), auth());
      }
      const all = await client.intel.attackSurfaceReport.issues.list(scope);
      assert.equal(all.result.count, 7, 'the fixture account: three account-level and four listed zone-level insights');
    });

    test("issues.list pages with the SDK's pager (getNextPage) and walks the twin's list", async () => {
      const { client, calls } = vigil.client(auth());
      const twin = await client.securityCenter.insights.list({ ...scope, per_page: 1000 });
      let page = await client.intel.attackSurfaceReport.issues.list({ ...scope, per_page: 2 });
      const seen = [...page.result.issues];
      while (page.result_info.page < page.result_info.total_pages) {
        page = await page.getNextPage();
        seen.push(...page.result.issues);
      }
      assert.deepEqual(seen, twin.result.issues, 'every insight exactly once, in the twin order');
      const walk = calls.slice(1);
      assert.equal(walk.length, Math.ceil(seen.length / 2));
      assert.deepEqual(
        walk.map((c) => `${c.path}${new URL(c.url).search}`),
        walk.map((_, i) => `${REPORT}/issues?per_page=2${i === 0 ? '' : `&page=${i + 1}`}`),
      );
      // As for the twin (compat/README.md): V4PagePagination looks for result.items, so `for await` yields nothing.
      let yielded = 0;
      for await (const _ of client.intel.attackSurfaceReport.issues.list({ ...scope, per_page: 2 })) yielded++;
      assert.equal(yielded, 0);
    });

    test('issues.class, .severity, .type: the twin counts, adding up to the list total', async () => {
      const { client, calls } = vigil.client(auth());
      const counts = client.intel.attackSurfaceReport.issues;
      const twins = client.securityCenter.insights;
      for (const filters of CASES) {
        const label = JSON.stringify(filters);
        const total = (await counts.list({ ...scope, ...filters })).result.count;
        for (const [name, alias, twin] of [
          ['class', counts.class.bind(counts), twins.class.get.bind(twins.class)],
          ['severity', counts.severity.bind(counts), twins.severity.get.bind(twins.severity)],
          ['type', counts.type.bind(counts), twins.type.get.bind(twins.type)],
        ]) {
          const got = await alias({ ...scope, ...filters });
          assert.equal(calls.at(-1).path, `${REPORT}/issues/${name}`, label);
          assertScheme(calls.at(-1), auth());
          assert.deepEqual(got, await twin({ ...scope, ...filters }), `${name} ${label}`);
          assert.equal(got.reduce((sum, c) => sum + c.count, 0), total, `${name} ${label} adds up`);
        }
      }
    });
  });
}

describe('dismiss (PUT …/intel/attack-surface-report/{issue_id}/dismiss)', () => {
  test('both schemes: the twin list and counts see it, restore works, nothing is audited', async () => {
    for (const [schemeName, auth, id] of [
      ['API token', { apiToken: vigil.creds.editToken }, insights.acctToken],
      ['email + key', vigil.creds.member, insights.zoneColonId],
    ]) {
      const { client, calls } = vigil.client(auth);
      const before = (await client.securityCenter.insights.list({ ...scope, per_page: 1000 })).result.issues;
      const original = before.find((i) => i.id === id);
      assert.equal(original.dismissed, false, schemeName);
      const severity = { ...scope, severity: [original.severity.toLowerCase()] };
      const countBefore = (await client.securityCenter.insights.severity.get(severity))[0].count;

      assert.deepEqual(await dismiss(client, id, { dismiss: true }), OK, schemeName);
      const put = calls.at(-1);
      assert.equal(put.method, 'PUT');
      assert.equal(put.path, `/client/v4${dismissPath(id)}`);
      assert.equal(put.body, '{"dismiss":true}');
      assert.equal(put.status, 200);
      assertScheme(put, auth);

      const listed = (await client.securityCenter.insights.list({ ...scope, per_page: 1000 })).result.issues;
      assert.ok(!ids(listed).includes(id), `${schemeName}: gone from the twin's default list`);
      const archived = await client.intel.attackSurfaceReport.issues.list({ ...scope, dismissed: true, per_page: 1000 });
      assert.deepEqual(archived.result.issues.find((i) => i.id === id), { ...original, dismissed: true });
      assert.deepEqual(await client.securityCenter.insights.severity.get(severity), countBefore === 1 ? [] : [
        { count: countBefore - 1, value: original.severity },
      ]);

      assert.deepEqual(await dismiss(client, id, { dismiss: false }), OK);
      assert.deepEqual(await dismiss(client, id, { dismiss: false }), OK, 'idempotent');
      assert.deepEqual((await client.securityCenter.insights.list({ ...scope, per_page: 1000 })).result.issues, before);
      const trail = await client.securityCenter.insights.auditLogs.listByInsight(id, scope);
      assert.deepEqual(trail.result, [], `${schemeName}: as the twin's, a dismissal is not audited`);
    }
  });

  test('{} (the default) dismisses, as the twin does', async () => {
    const { client } = vigil.client({ apiToken: vigil.creds.editToken });
    const id = insights.acctDmarc;
    assert.deepEqual(await dismiss(client, id, {}), OK);
    const archived = await client.securityCenter.insights.list({ ...scope, dismissed: true, per_page: 1000 });
    assert.ok(ids(archived.result.issues).includes(id));
    assert.deepEqual(await client.securityCenter.insights.dismiss(id, { ...scope, dismiss: false }), OK);
  });
});

describe("errors: the twins' answers", () => {
  test('no access: PermissionDeniedError 10000 on every operation, sent once', async () => {
    for (const auth of [
      { apiToken: vigil.creds.zoneEditToken },
      { apiToken: vigil.creds.otherAccountToken },
      vigil.creds.outsider,
    ]) {
      const { client, calls } = vigil.client(auth);
      const report = client.intel.attackSurfaceReport;
      for (const call of [
        () => report.issueTypes.get(scope),
        () => report.issues.list(scope),
        () => report.issues.class(scope),
        () => report.issues.severity(scope),
        () => report.issues.type(scope),
        () => dismiss(client, insights.acct2fa, { dismiss: true }),
      ]) {
        const err = await rejectsWith(call(), PermissionDeniedError);
        assert.deepEqual(err.errors, [{ code: 10000, message: 'Authentication error' }]);
        assert.equal(err.headers.get('x-should-retry'), 'false');
      }
      assert.equal(calls.length, 6, 'no retries');
    }
    const { client } = vigil.client({ apiToken: vigil.creds.readToken });
    const err = await rejectsWith(dismiss(client, insights.acct2fa, { dismiss: true }), PermissionDeniedError);
    assert.equal(err.errors[0].code, 10000, 'a read token may list but not dismiss');
  });

  test("dismiss: unknown or another account's insight is NotFoundError 1100; a bad body is BadRequestError", async () => {
    const { client } = vigil.client({ apiToken: vigil.creds.editToken });
    for (const id of ['no-such-insight', insights.other2fa]) {
      const err = await rejectsWith(dismiss(client, id, { dismiss: true }), NotFoundError);
      assert.deepEqual(err.errors, [{ code: 1100, message: `insight '${id}' not found` }]);
    }
    const err = await rejectsWith(dismiss(client, insights.acct2fa, { dismiss: 'yes' }), BadRequestError);
    assert.deepEqual(err.errors, [{ code: 1002, message: 'dismiss must be true or false', source: { pointer: '/dismiss' } }]);
  });

  test('a bad filter or an unknown parameter: BadRequestError 1010, the twin message', async () => {
    const { client } = vigil.client({ apiToken: vigil.creds.readToken });
    const report = client.intel.attackSurfaceReport;
    for (const [alias, twin] of [
      [() => report.issues.list({ ...scope, severity: ['severe'] }), () => client.securityCenter.insights.list({ ...scope, severity: ['severe'] })],
      [() => report.issues.type({ ...scope, per_page: 5 }), () => client.securityCenter.insights.type.get({ ...scope, per_page: 5 })],
    ]) {
      const got = await rejectsWith(alias(), BadRequestError);
      const want = await rejectsWith(twin(), BadRequestError);
      assert.equal(got.errors[0].code, 1010);
      assert.deepEqual(got.errors, want.errors);
    }
    const err = await rejectsWith(report.issueTypes.get(scope, { query: { page: 1 } }), BadRequestError);
    assert.deepEqual(err.errors, [
      { code: 1010, message: "unknown query parameter 'page'; this endpoint takes no query parameters" },
    ]);
  });
});
