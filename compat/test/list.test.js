// The read side of the Insights API through the SDK, on one Vigil that no test here changes:
//   client.securityCenter.insights.list                       GET …/security-center/insights
//   client.securityCenter.insights.class|severity|type.get    GET …/security-center/insights/{class,severity,type}
//   client.securityCenter.insights.context.get                GET /accounts/{id}/security-center/insights/{issue_id}/context
//
// Expected answers come from a small model of the fixture (fixtures/insights.jsonl) and of the list rules
// in docs/decisions.md ("The rest of the Insights API"), so every filter case checks the whole result.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BadRequestError, NotFoundError, PermissionDeniedError } from 'cloudflare';
import { IDS, fixtureInsights, rejectsWith, startVigil } from '../harness.js';

const vigil = await startVigil();
const { account, zone, otherAccount, unknownZone, insights } = IDS;

// ---- the model -------------------------------------------------------------------------------------

const FIXTURE = fixtureInsights();

/** An imported insight as the list renders it (imported defaults: status active, not dismissed, ""). */
function rendered(line) {
  return {
    id: line.id,
    dismissed: line.dismissed ?? false,
    has_extended_context: line.context !== undefined,
    issue_class: line.issue_class,
    issue_type: line.issue_type,
    payload: line.payload,
    ...(line.product === undefined ? {} : { product: line.product }),
    resolve_link: line.resolve_link ?? '',
    resolve_text: line.resolve_text ?? '',
    severity: line.severity,
    since: line.since,
    status: line.status ?? 'active',
    subject: line.subject,
    timestamp: line.timestamp,
    user_classification: line.user_classification ?? null,
  };
}

const FILTERED = ['issue_class', 'issue_type', 'product', 'severity', 'subject'];
/** Filter values compare exactly, except severity, which takes `low` as well as `Low`. */
const norm = (name, value) => (name === 'severity' && typeof value === 'string' ? value.toLowerCase() : value);

/** What the list answers for `params` (account_id or zone_id plus filters), in the documented order. */
function expected(params) {
  const inScope = params.account_id ? (l) => l.account_id === params.account_id : (l) => l.zone_id === params.zone_id;
  const matches = (l) =>
    FILTERED.every((name) => {
      const value = norm(name, l[name]);
      const wanted = params[name]?.map((v) => norm(name, v));
      const unwanted = params[`${name}~neq`]?.map((v) => norm(name, v));
      return (!wanted || wanted.includes(value)) && !unwanted?.includes(value);
    }) && (l.dismissed ?? false) === (params.dismissed ?? false);
  return FIXTURE.filter((l) => inScope(l) && matches(l))
    .sort((a, b) => (a.timestamp === b.timestamp ? (a.id < b.id ? -1 : 1) : a.timestamp < b.timestamp ? 1 : -1))
    .map(rendered);
}

/** What a counts endpoint answers: [{count, value}], largest count first, then by value. */
function expectedCounts(params, field) {
  const counts = new Map();
  for (const insight of expected(params)) counts.set(insight[field], (counts.get(insight[field]) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ count, value }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

const ids = (list) => list.map((i) => i.id);
const SCOPES = [
  ['account_id', { account_id: account }],
  ['zone_id', { zone_id: zone }],
];

/** Filter combinations run against the list and all three counts, on both scopes. */
const CASES = [
  {},
  { severity: ['low', 'critical'] },
  { 'severity~neq': ['low'] },
  { severity: ['Moderate'] }, // the field's spelling is accepted as well as the SDK's lowercase
  { issue_type: ['insecure_configuration', 'weak_authentication'] },
  { 'issue_type~neq': ['insecure_configuration'] },
  { issue_class: ['dnssec_disabled', 'user_without_2fa'] },
  { 'issue_class~neq': ['dnssec_disabled', 'exposed_origin_ip'] },
  { product: ['dns'] },
  { 'product~neq': ['dns', 'ssl'] },
  { subject: ['example.com'] },
  { 'subject~neq': ['example.com'] },
  { severity: ['low'], product: ['ssl'] },
  { severity: ['low'], 'severity~neq': ['low'] },
  { issue_type: ['insecure_configuration'], 'subject~neq': ['example.com'] },
  { dismissed: false },
  { dismissed: true },
  { dismissed: true, severity: ['moderate'] },
  { dismissed: true, 'product~neq': ['waf'] },
  { subject: ['nothing.example'] },
];

// Guard the model against a fixture edit that would make the cases vacuous.
assert.equal(expected({ account_id: account }).length, 7);
assert.equal(expected({ zone_id: zone }).length, 4);
assert.deepEqual(ids(expected({ zone_id: zone, dismissed: true })), [insights.zoneWafDismissed]);

const edit = () => vigil.client({ apiToken: vigil.creds.editToken });

// ---- list --------------------------------------------------------------------------------------------

describe('insights.list', () => {
  test('account_id: every insight of the account (zone-level ones too), newest first, fully rendered', async () => {
    const { client, calls } = edit();
    const page = await client.securityCenter.insights.list({ account_id: account });
    const want = expected({ account_id: account });
    assert.deepEqual(page.result, { count: 7, issues: want, page: 1, per_page: 25 });
    assert.deepEqual(page.result_info, { page: 1, per_page: 25, count: 7, total_count: 7, total_pages: 1 });
    assert.equal(page.body.success, true);
    assert.equal(calls.length, 1);
    assert.equal(calls[0].method, 'GET');
    assert.equal(calls[0].url, `${vigil.baseURL}/accounts/${account}/security-center/insights`, 'no query string');
    assert.equal(calls[0].body, undefined);
  });

  test('zone_id: only that zone', async () => {
    const { client, calls } = edit();
    const page = await client.securityCenter.insights.list({ zone_id: zone });
    assert.deepEqual(page.result.issues, expected({ zone_id: zone }));
    assert.ok(page.result.issues.every((i) => i.payload.zone_tag === zone));
    assert.equal(calls[0].path, `/client/v4/zones/${zone}/security-center/insights`);
  });

  test('both auth schemes and every credential that can read see the same list', async () => {
    for (const [scopeName, scope] of SCOPES) {
      const want = expected(scope);
      const readers = [{ apiToken: vigil.creds.readToken }, vigil.creds.member];
      if (scopeName === 'zone_id') readers.push({ apiToken: vigil.creds.zoneReadToken }, { apiToken: vigil.creds.zoneEditToken });
      for (const auth of readers) {
        const { client, calls } = vigil.client(auth);
        const page = await client.securityCenter.insights.list(scope);
        assert.deepEqual(page.result.issues, want, `${scopeName} with ${Object.keys(auth).join('+')}`);
        if (auth.apiEmail) {
          assert.equal(calls[0].headers['x-auth-email'], IDS.memberEmail);
          assert.equal(calls[0].headers.authorization, undefined);
        }
      }
    }
  });

  test('the SDK sends array filters as repeated keys and ~neq keys unescaped', async () => {
    const { client, calls } = edit();
    const params = { severity: ['low', 'critical'], 'issue_class~neq': ['dnssec_disabled'], dismissed: false };
    const page = await client.securityCenter.insights.list({ zone_id: zone, ...params });
    assert.equal(new URL(calls[0].url).search, '?severity=low&severity=critical&issue_class~neq=dnssec_disabled&dismissed=false');
    assert.deepEqual(ids(page.result.issues), [insights.zoneColonId, insights.zoneOriginAccepted]);
  });

  for (const [scopeName, scope] of SCOPES) {
    test(`${scopeName}: each filter case lists exactly the matching insights`, async () => {
      const { client } = edit();
      for (const filters of CASES) {
        const want = expected({ ...scope, ...filters });
        const page = await client.securityCenter.insights.list({ ...scope, ...filters, per_page: 1000 });
        const label = JSON.stringify(filters);
        assert.deepEqual(page.result.issues, want, label);
        assert.equal(page.result.count, want.length, label);
        assert.equal(page.result_info.total_count, want.length, label);
        assert.equal(page.result_info.total_pages, want.length === 0 ? 0 : 1, label);
      }
    });
  }

  test('dismissed: the default hides dismissed insights; dismissed: true lists only them', async () => {
    const { client } = edit();
    for (const [, scope] of SCOPES) {
      const hidden = await client.securityCenter.insights.list(scope);
      assert.ok(!ids(hidden.result.issues).includes(insights.zoneWafDismissed));
      const shown = await client.securityCenter.insights.list({ ...scope, dismissed: true });
      assert.deepEqual(ids(shown.result.issues), [insights.zoneWafDismissed]);
      assert.equal(shown.result.issues[0].dismissed, true);
    }
  });
});

describe('insights.list paging', () => {
  test("the SDK's page API: items are in result.issues, so auto-pagination yields nothing", async () => {
    const { client, calls } = edit();
    const page = await client.securityCenter.insights.list({ account_id: account, per_page: 2 });
    assert.equal(page.result.issues.length, 2);
    assert.deepEqual(page.getPaginatedItems(), [], 'V4PagePagination reads result.items, which this endpoint does not have');
    assert.equal(page.hasNextPage(), false, 'hasNextPage() is false whenever getPaginatedItems() is empty');

    let yielded = 0;
    for await (const _ of client.securityCenter.insights.list({ account_id: account, per_page: 2 })) yielded++;
    assert.equal(yielded, 0, '`for await` over list() yields no insight...');
    let pages = 0;
    for await (const _ of page.iterPages()) pages++;
    assert.equal(pages, 1, '...and iterPages() stops after the first page');
    assert.equal(calls.length, 2, 'neither made a request for page 2');
  });

  test('getNextPage() asks for page + 1 with the same filters: walk it until result_info.total_pages', async () => {
    for (const [scopeName, scope] of SCOPES) {
      const { client, calls } = edit();
      const filters = { 'severity~neq': ['critical'] };
      const want = expected({ ...scope, ...filters });
      let page = await client.securityCenter.insights.list({ ...scope, ...filters, per_page: 2 });
      const seen = [...page.result.issues];
      while (page.result_info.page < page.result_info.total_pages) {
        page = await page.getNextPage();
        seen.push(...page.result.issues);
      }
      assert.deepEqual(seen, want, `${scopeName}: every insight exactly once, in order`);
      assert.equal(calls.length, Math.ceil(want.length / 2));
      assert.deepEqual(
        calls.map((c) => new URL(c.url).search),
        calls.map((_, i) => `?severity~neq=critical&per_page=2${i === 0 ? '' : `&page=${i + 1}`}`),
      );
      // The SDK would go on forever: a page past the end is empty, with the totals still there.
      const past = await page.getNextPage();
      assert.deepEqual(past.result.issues, []);
      assert.equal(past.result.count, want.length);
      assert.deepEqual(past.result_info, {
        page: page.result_info.page + 1,
        per_page: 2,
        count: 0,
        total_count: want.length,
        total_pages: page.result_info.total_pages,
      });
    }
  });

  test("README's paging loop (result.issues, stop when page * per_page >= count) sees every insight once", async () => {
    for (const [, scope] of SCOPES) {
      for (const perPage of [1, 2, 4, 100]) {
        const { client, calls } = edit();
        const seen = [];
        let page = await client.securityCenter.insights.list({ ...scope, per_page: perPage });
        for (;;) {
          const result = page.result;
          for (const issue of result.issues ?? []) seen.push(issue);
          if ((result.page ?? 1) * (result.per_page ?? 25) >= (result.count ?? 0)) break;
          page = await page.getNextPage();
        }
        assert.deepEqual(seen, expected(scope));
        assert.equal(calls.length, Math.ceil(seen.length / perPage), 'no request past the last page');
      }
    }
  });

  test('explicit page/per_page: the pages concatenate to the full list', async () => {
    const { client } = edit();
    for (const [scopeName, scope] of SCOPES) {
      for (const perPage of [1, 3, 4]) {
        const want = expected(scope);
        const totalPages = Math.ceil(want.length / perPage);
        const seen = [];
        for (let p = 1; p <= totalPages; p++) {
          const page = await client.securityCenter.insights.list({ ...scope, page: p, per_page: perPage });
          assert.equal(page.result.page, p);
          assert.equal(page.result.per_page, perPage);
          assert.equal(page.result.count, want.length, 'result.count is the total, not the page size');
          assert.equal(page.result_info.count, page.result.issues.length, 'result_info.count is this page');
          assert.equal(page.result_info.total_pages, totalPages);
          seen.push(...page.result.issues);
        }
        assert.deepEqual(seen, want, `${scopeName}, per_page ${perPage}`);
      }
    }
  });

  test('per_page 1000 (the maximum) and a page far past the end', async () => {
    const { client } = edit();
    const all = await client.securityCenter.insights.list({ account_id: account, per_page: 1000 });
    assert.equal(all.result.issues.length, 7);
    const far = await client.securityCenter.insights.list({ account_id: account, page: 1_000_000 });
    assert.deepEqual(far.result, { count: 7, issues: [], page: 1_000_000, per_page: 25 });
  });

  test('a bad per_page or page: BadRequestError 1010, sent once', async () => {
    const { client, calls } = edit();
    for (const [param, value, message] of [
      ['per_page', 0, "per_page must be an integer from 1 to 1000; got '0'"],
      ['per_page', 1001, "per_page must be an integer from 1 to 1000; got '1001'"],
      ['per_page', -1, "per_page must be an integer from 1 to 1000; got '-1'"],
      ['per_page', 2.5, "per_page must be an integer from 1 to 1000; got '2.5'"],
      ['page', 0, "page must be an integer from 1 to 1000000; got '0'"],
    ]) {
      for (const [, scope] of SCOPES) {
        const before = calls.length;
        const err = await rejectsWith(client.securityCenter.insights.list({ ...scope, [param]: value }), BadRequestError);
        assert.equal(err.status, 400);
        assert.equal(err.errors.length, 1);
        assert.equal(err.errors[0].code, 1010);
        assert.equal(err.errors[0].message, message);
        assert.equal(err.headers.get('x-should-retry'), 'false');
        assert.equal(calls.length, before + 1);
      }
    }
  });
});

describe('insights.list errors', () => {
  test('bad filter values: BadRequestError 1010', async () => {
    const { client } = edit();
    const bad = [{ severity: ['urgent'] }, { 'issue_type~neq': ['bogus'] }, { severity: [''] }, { subject: [''] }, { dismissed: 'maybe' }];
    for (const filters of bad) {
      for (const [, scope] of SCOPES) {
        const err = await rejectsWith(client.securityCenter.insights.list({ ...scope, ...filters }), BadRequestError);
        assert.equal(err.errors[0].code, 1010, JSON.stringify(filters));
        assert.match(err.errors[0].message, new RegExp(Object.keys(filters)[0]));
      }
    }
  });

  test('credentials without read access to the path: PermissionDeniedError 10000', async () => {
    for (const [auth, scope] of [
      [{ apiToken: vigil.creds.readToken }, { account_id: otherAccount }],
      [{ apiToken: vigil.creds.zoneReadToken }, { account_id: account }],
      [{ apiToken: vigil.creds.otherAccountToken }, { zone_id: zone }],
      [{ apiToken: vigil.creds.editToken }, { zone_id: unknownZone }],
      [vigil.creds.outsider, { account_id: account }],
      [vigil.creds.outsider, { zone_id: zone }],
    ]) {
      const { client, calls } = vigil.client(auth);
      const err = await rejectsWith(client.securityCenter.insights.list(scope), PermissionDeniedError);
      assert.equal(err.status, 403);
      assert.equal(err.errors[0].code, 10000);
      assert.equal(err.errors[0].message, 'Authentication error');
      assert.equal(calls.length, 1);
    }
  });

  test("the other account's list holds only its own insight", async () => {
    const { client } = vigil.client({ apiToken: vigil.creds.otherAccountToken });
    const page = await client.securityCenter.insights.list({ account_id: otherAccount });
    assert.deepEqual(ids(page.result.issues), [insights.other2fa]);
  });

  // The SDK types a `source` filter ('cloudflare' | 'riskrecon') on the list and the counts. Every insight
  // Vigil holds comes from Cloudflare's scanner: 'cloudflare' keeps them all, 'riskrecon' alone matches none.
  test('the SDK-typed `source` filter: cloudflare keeps everything, riskrecon matches nothing', async () => {
    const { client } = edit();
    const all = await client.securityCenter.insights.list({ account_id: account, per_page: 100 });
    const cloudflare = await client.securityCenter.insights.list({ account_id: account, per_page: 100, source: ['cloudflare'] });
    assert.deepEqual(ids(cloudflare.result.issues), ids(all.result.issues));
    const riskrecon = await client.securityCenter.insights.list({ account_id: account, source: ['riskrecon'] });
    assert.deepEqual(riskrecon.result.issues, []);
    assert.equal(riskrecon.result.count, 0);
    for (const endpoint of ['class', 'severity', 'type']) {
      assert.deepEqual(await client.securityCenter.insights[endpoint].get({ zone_id: zone, source: ['riskrecon'] }), []);
    }
  });
});

// ---- counts ------------------------------------------------------------------------------------------

const COUNTS = [
  ['class', 'issue_class'],
  ['severity', 'severity'],
  ['type', 'issue_type'],
];

describe('insights.class.get / severity.get / type.get', () => {
  test('the SDK unwraps result: an array of {count, value}', async () => {
    const { client, calls } = edit();
    const severity = await client.securityCenter.insights.severity.get({ zone_id: zone });
    assert.deepEqual(severity, [
      { count: 2, value: 'Low' },
      { count: 1, value: 'Critical' },
      { count: 1, value: 'Moderate' },
    ]);
    assert.equal(calls[0].method, 'GET');
    assert.equal(calls[0].url, `${vigil.baseURL}/zones/${zone}/security-center/insights/severity`);
    for (const [endpoint] of COUNTS) {
      await client.securityCenter.insights[endpoint].get({ account_id: account, severity: ['low', 'critical'] });
      assert.equal(calls.at(-1).url, `${vigil.baseURL}/accounts/${account}/security-center/insights/${endpoint}?severity=low&severity=critical`);
    }
  });

  for (const [scopeName, scope] of SCOPES) {
    test(`${scopeName}: counts match the list for every filter case`, async () => {
      const { client } = edit();
      for (const filters of CASES) {
        const label = JSON.stringify(filters);
        const listed = await client.securityCenter.insights.list({ ...scope, ...filters, per_page: 1000 });
        for (const [endpoint, field] of COUNTS) {
          const counts = await client.securityCenter.insights[endpoint].get({ ...scope, ...filters });
          assert.deepEqual(counts, expectedCounts({ ...scope, ...filters }, field), `${endpoint} ${label}`);
          assert.equal(
            counts.reduce((sum, c) => sum + c.count, 0),
            listed.result.count,
            `${endpoint} ${label}: the counts add up to the list's total`,
          );
        }
      }
    });
  }

  test('both auth schemes and zone-scoped tokens can read counts', async () => {
    for (const [auth, scope] of [
      [vigil.creds.member, { account_id: account }],
      [vigil.creds.member, { zone_id: zone }],
      [{ apiToken: vigil.creds.readToken }, { account_id: account }],
      [{ apiToken: vigil.creds.zoneReadToken }, { zone_id: zone }],
    ]) {
      const { client } = vigil.client(auth);
      for (const [endpoint, field] of COUNTS) {
        assert.deepEqual(await client.securityCenter.insights[endpoint].get(scope), expectedCounts(scope, field));
      }
    }
  });

  test('errors: bad filter or a paging parameter is 400 1010; no access is 403', async () => {
    const { client } = edit();
    for (const [endpoint] of COUNTS) {
      for (const [, scope] of SCOPES) {
        for (const params of [{ severity: ['urgent'] }, { issue_type: ['bogus'] }, { per_page: 10 }, { page: 1 }]) {
          const err = await rejectsWith(client.securityCenter.insights[endpoint].get({ ...scope, ...params }), BadRequestError);
          assert.equal(err.errors[0].code, 1010, `${endpoint} ${JSON.stringify(params)}`);
        }
      }
      const { client: zoneOnly } = vigil.client({ apiToken: vigil.creds.zoneReadToken });
      const denied = await rejectsWith(zoneOnly.securityCenter.insights[endpoint].get({ account_id: account }), PermissionDeniedError);
      assert.equal(denied.errors[0].code, 10000);
      const { client: outsider } = vigil.client(vigil.creds.outsider);
      await rejectsWith(outsider.securityCenter.insights[endpoint].get({ zone_id: zone }), PermissionDeniedError);
    }
  });
});

// ---- context -----------------------------------------------------------------------------------------

describe('insights.context.get', () => {
  const contextOf = (id) => FIXTURE.find((l) => l.id === id).context;

  test('returns the stored object, unwrapped, for account- and zone-level insights', async () => {
    const { client, calls } = edit();
    const get = (id) => client.securityCenter.insights.context.get(id, { account_id: account });
    assert.deepEqual(await get(insights.acctDmarc), contextOf(insights.acctDmarc));
    assert.equal(calls[0].method, 'GET');
    assert.equal(calls[0].url, `${vigil.baseURL}/accounts/${account}/security-center/insights/${insights.acctDmarc}/context`);
    // A zone's insight through its account (context has no zone path); the SDK sends the colons as they are.
    assert.deepEqual(await get(insights.zoneColonId), { current: '1.0', recommended: '1.2' });
    assert.equal(calls[1].path, `/client/v4/accounts/${account}/security-center/insights/compat:zone:min-tls-1.0/context`);
  });

  test('both auth schemes; a read token is enough', async () => {
    for (const auth of [{ apiToken: vigil.creds.readToken }, vigil.creds.member]) {
      const { client } = vigil.client(auth);
      const context = await client.securityCenter.insights.context.get(insights.zoneColonId, { account_id: account });
      assert.deepEqual(context, contextOf(insights.zoneColonId));
    }
  });

  test('an insight without context: NotFoundError 1101', async () => {
    const { client, calls } = edit();
    for (const id of [insights.acct2fa, insights.zoneWafDismissed]) {
      const err = await rejectsWith(client.securityCenter.insights.context.get(id, { account_id: account }), NotFoundError);
      assert.equal(err.status, 404);
      assert.equal(err.errors[0].code, 1101);
      assert.equal(err.errors[0].message, `insight '${id}' has no extended context (has_extended_context is false)`);
      assert.equal(err.headers.get('x-should-retry'), 'false');
    }
    assert.equal(calls.length, 2);
  });

  test("an unknown insight or another account's: NotFoundError 1100", async () => {
    const { client } = edit();
    for (const id of ['no-such-insight', insights.other2fa]) {
      const err = await rejectsWith(client.securityCenter.insights.context.get(id, { account_id: account }), NotFoundError);
      assert.equal(err.errors[0].code, 1100);
      assert.equal(err.errors[0].message, `insight '${id}' not found`);
    }
  });

  test('no read access to the account: PermissionDeniedError 10000', async () => {
    for (const auth of [{ apiToken: vigil.creds.zoneReadToken }, { apiToken: vigil.creds.otherAccountToken }, vigil.creds.outsider]) {
      const { client } = vigil.client(auth);
      const err = await rejectsWith(
        client.securityCenter.insights.context.get(insights.zoneColonId, { account_id: account }),
        PermissionDeniedError,
      );
      assert.equal(err.errors[0].code, 10000);
    }
  });
});
