// client.securityCenter.insights.auditLogs.list and .listByInsight against Vigil:
//   GET …/security-center/insights/audit-log  and  GET …/security-center/insights/{issue_id}/audit-log
// Both are CursorPagination pages: `result` is the array of entries, `result_info.cursor` (absent on the
// last page) is what the SDK sends back as `cursor`, so `for await` and getNextPage() work unchanged.
//
// before() writes a known history through the SDK (classification changes with three credentials) and
// a re-import that changes two insights' status (entries by "system"); the tests read it back. Only the
// last test writes more.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { BadRequestError, CloudflareError, NotFoundError, PermissionDeniedError } from 'cloudflare';
import { IDS, fixtureInsights, rejectsWith, startVigil } from '../harness.js';

const vigil = await startVigil();
const { account, zone, otherAccount, insights } = IDS;

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ENTRY_KEYS = ['changed_at', 'changed_by', 'changed_by_name', 'current_value', 'field_changed', 'id', 'issue_id', 'previous_value', 'rationale'];
const BAD_CURSOR = 'cursor is not valid for this query: pass back result_info.cursor unchanged, with the same filters';

/** The history before() writes, oldest first, without the server-assigned id and changed_at. */
let history;
/** The same entries as Vigil returns them, oldest first (read in before(); the first test checks them). */
let entries;
let otherHistory;
/** The numeric id Vigil gave `zone`: audit entries carry it as zone_id, as Cloudflare's schema and the SDK type it. */
let zoneNumber;
let startedAt;

const edit = () => vigil.client({ apiToken: vigil.creds.editToken });
/** The comparable part of an entry. */
const essence = ({ id, changed_at, ...rest }) => rest;
const idsOf = (list) => list.map((e) => e.id);
const time = (e) => Date.parse(e.changed_at);
/** The millisecond a UUIDv7 id starts with. */
const idMillis = (e) => parseInt(e.id.replaceAll('-', '').slice(0, 12), 16);
/** Every entry of an auto-paginated call, and the requests it made. */
async function collect(clientAndCalls, call) {
  const { calls } = clientAndCalls;
  const first = calls.length;
  const seen = [];
  for await (const entry of call(clientAndCalls.client)) seen.push(entry);
  return { seen, made: calls.slice(first) };
}

before(async () => {
  startedAt = Date.now();
  const tokenId = async (apiToken) => `token:${(await vigil.client({ apiToken }).client.user.tokens.verify()).id}`;
  const [editor, zoneEditor, otherEditor] = await Promise.all(
    [vigil.creds.editToken, vigil.creds.zoneEditToken, vigil.creds.otherAccountToken].map(tokenId),
  );
  const update = (auth, id, params) => vigil.client(auth).client.securityCenter.insights.classification.update(id, params);
  // Who made a change, in words a person knows: a token's name, a user's email, 'system'.
  const names = {
    [editor]: 'compat-edit',
    [zoneEditor]: 'compat-zone-edit',
    [otherEditor]: 'compat-other-account',
    [IDS.memberEmail]: IDS.memberEmail,
    system: 'system',
  };
  const e = (issue_id, field_changed, previous_value, current_value, rationale, changed_by, inZone) => ({
    issue_id,
    field_changed,
    previous_value,
    current_value,
    rationale,
    changed_by,
    changed_by_name: names[changed_by],
    ...(inZone ? { zone_id: zoneNumber } : {}),
  });
  const token = { apiToken: vigil.creds.editToken };
  const uc = 'user_classification';
  // One at a time: the audit log's order is the order of these writes.
  await update(token, insights.acct2fa, { account_id: account, classification: 'false_positive' });
  await update(token, insights.acct2fa, { account_id: account, classification: null, rationale: 'reopened' });
  await update(token, insights.acct2fa, { account_id: account, classification: 'accept_risk', rationale: 'SSO enforced upstream' });
  await update(vigil.creds.member, insights.zoneHttps, { zone_id: zone, classification: 'other', rationale: 'handled by the WAF' });
  await update(vigil.creds.member, insights.zoneHttps, { account_id: account, classification: null });
  await update({ apiToken: vigil.creds.zoneEditToken }, insights.zoneColonId, { zone_id: zone, classification: 'false_positive' });
  // The scanner's view changes: a re-import with a new status writes entries by "system" (file order).
  const rescan = fixtureInsights()
    .filter((l) => l.id === insights.acctToken || l.id === insights.zoneDnssec)
    .map((l) => JSON.stringify({ ...l, status: 'resolved' }));
  assert.deepEqual(rescan.map((l) => JSON.parse(l).id), [insights.acctToken, insights.zoneDnssec]);
  const file = join(vigil.dataDir, 'rescan.jsonl');
  writeFileSync(file, `${rescan.join('\n')}\n`);
  assert.match(await vigil.cli(['insights', 'import', file]), /rejected 0 lines/);
  // One entry in the other account, which must never show up here.
  await update({ apiToken: vigil.creds.otherAccountToken }, insights.other2fa, { account_id: otherAccount, classification: 'false_positive' });
  otherHistory = [e(insights.other2fa, uc, null, 'false_positive', null, otherEditor)];
  entries = (await edit().client.securityCenter.insights.auditLogs.list({ account_id: account, order: 'asc', per_page: 1000 })).result;
  zoneNumber = entries.find((x) => x.issue_id === insights.zoneHttps).zone_id;
  assert.ok(Number.isSafeInteger(zoneNumber) && zoneNumber > 0, `zone_id ${zoneNumber} is a positive integer`);
  history = [
    e(insights.acct2fa, uc, null, 'false_positive', null, editor),
    e(insights.acct2fa, uc, 'false_positive', null, 'reopened', editor),
    e(insights.acct2fa, uc, null, 'accept_risk', 'SSO enforced upstream', editor),
    e(insights.zoneHttps, uc, null, 'other', 'handled by the WAF', IDS.memberEmail, true),
    e(insights.zoneHttps, uc, 'other', null, null, IDS.memberEmail, true),
    e(insights.zoneColonId, uc, null, 'false_positive', null, zoneEditor, true),
    e(insights.acctToken, 'status', 'active', 'resolved', null, 'system'),
    e(insights.zoneDnssec, 'status', 'active', 'resolved', null, 'system', true),
  ];
});

/** The expected entries (as Vigil returned them, oldest first) that satisfy `keep`, newest first. */
const newestFirst = (keep = () => true) => entries.filter(keep).reverse();

describe('auditLogs.list', () => {
  test('account_id: every entry of the account, newest first, with the documented fields', async () => {
    const { client, calls } = edit();
    const page = await client.securityCenter.insights.auditLogs.list({ account_id: account });
    assert.equal(calls[0].method, 'GET');
    assert.equal(calls[0].url, `${vigil.baseURL}/accounts/${account}/security-center/insights/audit-log`);
    assert.deepEqual(page.result_info, { count: history.length, per_page: 25 }, 'no cursor: this is the last page');
    assert.equal(page.hasNextPage(), false);
    assert.deepEqual(page.result.map(essence), [...history].reverse());
    assert.deepEqual(page.result, newestFirst(), 'the same entries as order=asc read in before(), reversed');
    for (const entry of page.result) {
      assert.deepEqual(Object.keys(entry).filter((k) => k !== 'zone_id').sort(), ENTRY_KEYS);
      assert.match(entry.id, UUID_V7);
      assert.match(entry.changed_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      const at = Date.parse(entry.changed_at);
      assert.ok(at >= startedAt - 1000 && at <= Date.now() + 1000, `changed_at ${entry.changed_at} is now-ish`);
      if ('zone_id' in entry) {
        // Cloudflare's schema (int64) and the SDK (number) agree: the zone's numeric id, not its 32-hex tag.
        assert.equal(typeof entry.zone_id, 'number');
        assert.equal(entry.zone_id, zoneNumber);
      }
    }
    const ids = idsOf(page.result);
    assert.deepEqual(ids, [...ids].sort().reverse(), 'newest first = UUIDv7 ids descending');
    const times = page.result.map((e) => Date.parse(e.changed_at));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
  });

  test('order: asc is the exact reverse, desc the default', async () => {
    const { client, calls } = edit();
    const asc = await client.securityCenter.insights.auditLogs.list({ account_id: account, order: 'asc' });
    assert.equal(new URL(calls[0].url).search, '?order=asc');
    assert.deepEqual(asc.result, entries);
    const desc = await client.securityCenter.insights.auditLogs.list({ account_id: account, order: 'desc' });
    assert.deepEqual(desc.result, newestFirst());
  });

  test('zone_id: only the zone-level insights, for every credential that can read the zone', async () => {
    const want = newestFirst((e) => e.zone_id === zoneNumber);
    assert.equal(want.length, 4);
    for (const auth of [{ apiToken: vigil.creds.editToken }, { apiToken: vigil.creds.zoneReadToken }, vigil.creds.member]) {
      const { client, calls } = vigil.client(auth);
      const page = await client.securityCenter.insights.auditLogs.list({ zone_id: zone });
      assert.deepEqual(page.result, want);
      assert.equal(calls[0].path, `/client/v4/zones/${zone}/security-center/insights/audit-log`);
    }
  });

  test('both auth schemes and a read token read the account log', async () => {
    for (const auth of [{ apiToken: vigil.creds.readToken }, vigil.creds.member]) {
      const { client } = vigil.client(auth);
      assert.deepEqual((await client.securityCenter.insights.auditLogs.list({ account_id: account })).result, newestFirst());
    }
  });

  test('auto-pagination with a small per_page walks every entry exactly once', async () => {
    for (const order of ['desc', 'asc']) {
      for (const perPage of [1, 3, 4]) {
        const recorder = edit();
        const { seen, made } = await collect(recorder, (client) =>
          client.securityCenter.insights.auditLogs.list({ account_id: account, per_page: perPage, order }),
        );
        const label = `order ${order}, per_page ${perPage}`;
        assert.deepEqual(seen, order === 'asc' ? entries : newestFirst(), label);
        assert.equal(new Set(idsOf(seen)).size, seen.length, `${label}: no duplicates`);
        assert.equal(made.length, Math.ceil(entries.length / perPage), `${label}: no request for an empty page after the last`);
        const queries = made.map((c) => new URL(c.url).searchParams);
        assert.equal(queries[0].get('cursor'), null);
        for (const q of queries.slice(1)) {
          assert.ok(q.get('cursor'), `${label}: later pages send the cursor`);
          assert.equal(q.get('per_page'), String(perPage));
          assert.equal(q.get('order'), order);
        }
      }
    }
  });

  test('the page API: hasNextPage(), getNextPage(), iterPages(), and a per_page change mid-walk', async () => {
    const { client } = edit();
    const first = await client.securityCenter.insights.auditLogs.list({ account_id: account, per_page: 3 });
    assert.deepEqual(first.getPaginatedItems(), newestFirst().slice(0, 3));
    assert.equal(typeof first.result_info.cursor, 'string');
    assert.equal(first.hasNextPage(), true);
    const second = await first.getNextPage();
    assert.deepEqual(second.result, newestFirst().slice(3, 6));
    const third = await second.getNextPage();
    assert.deepEqual(third.result, newestFirst().slice(6));
    assert.deepEqual(third.result_info, { count: 2, per_page: 3 });
    assert.equal(third.hasNextPage(), false);
    await assert.rejects(third.getNextPage(), (err) => err instanceof CloudflareError && /No next page expected/.test(err.message));

    let pages = 0;
    for await (const page of first.iterPages()) {
      pages++;
      assert.ok(page.result.length > 0);
    }
    assert.equal(pages, 3);

    // per_page may change between pages: the cursor stays valid.
    const rest = await client.securityCenter.insights.auditLogs.list({ account_id: account, per_page: 10, cursor: first.result_info.cursor });
    assert.deepEqual(rest.result, newestFirst().slice(3));
    assert.equal(rest.hasNextPage(), false);
  });

  test('filters: field_changed, changed_by, since (inclusive), before (exclusive)', async () => {
    const { client } = edit();
    const list = async (params) => (await client.securityCenter.insights.auditLogs.list({ account_id: account, ...params })).result;
    const by = (who) => (e) => e.changed_by === who;
    const [editor, zoneEditor] = [history[0].changed_by, history[5].changed_by];

    assert.deepEqual(await list({ field_changed: 'status' }), newestFirst((e) => e.field_changed === 'status'));
    assert.equal((await list({ field_changed: 'status' })).length, 2);
    assert.deepEqual(await list({ field_changed: 'user_classification' }), newestFirst((e) => e.field_changed === 'user_classification'));
    assert.deepEqual(await list({ changed_by: 'system' }), newestFirst(by('system')));
    assert.deepEqual(await list({ changed_by: IDS.memberEmail }), newestFirst(by(IDS.memberEmail)));
    assert.deepEqual(await list({ changed_by: editor }), newestFirst(by(editor)));
    assert.equal((await list({ changed_by: editor })).length, 3);
    assert.deepEqual(await list({ changed_by: zoneEditor, field_changed: 'user_classification', order: 'asc' }), entries.filter(by(zoneEditor)));
    assert.deepEqual(await list({ changed_by: 'nobody@vigil-compat.example' }), []);
    assert.deepEqual(await list({ field_changed: 'status', changed_by: IDS.memberEmail }), []);

    // `since` is exact only at instants that do not fall between an entry's id millisecond and its
    // changed_at (see "since includes an entry whose changed_at equals it" below): pick such a boundary.
    const exact = (t) => entries.every((e) => !(idMillis(e) < t && t <= time(e)));
    const sinceIndex = [3, 4, 2, 5, 1, 6].find((i) => exact(time(entries[i])));
    assert.notEqual(sinceIndex, undefined, 'an exact since boundary exists');
    const since = entries[sinceIndex].changed_at;
    assert.deepEqual(await list({ since }), newestFirst((e) => time(e) >= Date.parse(since)));
    assert.ok((await list({ since })).some((e) => e.id === entries[sinceIndex].id), 'since is inclusive');
    const before = entries[5].changed_at;
    assert.deepEqual(await list({ before }), newestFirst((e) => time(e) < Date.parse(before)));
    assert.ok(!(await list({ before })).some((e) => e.id === entries[5].id), 'before is exclusive');
    assert.deepEqual(
      await list({ since, before: entries[7].changed_at, order: 'asc' }),
      entries.filter((e) => time(e) >= Date.parse(since) && time(e) < time(entries[7])),
    );
    // Any offset is accepted: the same instant written in +02:00.
    const shifted = new Date(Date.parse(since) + 2 * 3600_000).toISOString().replace('Z', '+02:00');
    assert.deepEqual(await list({ since: shifted }), await list({ since }));
    assert.deepEqual(await list({ since: '2000-01-01T00:00:00Z', before: '2000-01-02T00:00:00Z' }), []);

    // Filters ride along in every page's request, and the cursor is valid with them.
    const recorder = edit();
    const { seen, made } = await collect(recorder, (c) =>
      c.securityCenter.insights.auditLogs.list({ zone_id: zone, field_changed: 'user_classification', per_page: 1 }),
    );
    assert.deepEqual(seen, newestFirst((e) => e.zone_id === zoneNumber && e.field_changed === 'user_classification'));
    assert.equal(made.length, 3);
    assert.ok(made.every((c) => new URL(c.url).searchParams.get('field_changed') === 'user_classification'));
  });

  // Regression: an entry's id was once stamped a millisecond before its changed_at, so since=<its own
  // changed_at> could leave it out. An entry's changed_at is now its UUIDv7 id's millisecond.
  test('since includes an entry whose changed_at equals it, for every entry; ids and times agree', async () => {
    const { client } = edit();
    for (const entry of entries) {
      assert.equal(idMillis(entry), time(entry), `${entry.id} changed_at ${entry.changed_at}`);
      const page = await client.securityCenter.insights.auditLogs.list({ account_id: account, since: entry.changed_at });
      assert.ok(idsOf(page.result).includes(entry.id), `since=${entry.changed_at} includes ${entry.id}`);
    }
  });

  test("the other account's log holds only its entry; this account's credentials cannot read it", async () => {
    const { client } = vigil.client({ apiToken: vigil.creds.otherAccountToken });
    const page = await client.securityCenter.insights.auditLogs.list({ account_id: otherAccount });
    assert.deepEqual(page.result.map(essence), otherHistory);
    for (const [auth, scope] of [
      [{ apiToken: vigil.creds.editToken }, { account_id: otherAccount }],
      [vigil.creds.member, { account_id: otherAccount }],
      [{ apiToken: vigil.creds.otherAccountToken }, { account_id: account }],
      [{ apiToken: vigil.creds.otherAccountToken }, { zone_id: zone }],
      [{ apiToken: vigil.creds.zoneReadToken }, { account_id: account }],
    ]) {
      const { client: denied, calls } = vigil.client(auth);
      const err = await rejectsWith(denied.securityCenter.insights.auditLogs.list(scope), PermissionDeniedError);
      assert.equal(err.errors[0].code, 10000);
      assert.equal(calls.length, 1);
    }
  });
});

describe('auditLogs.listByInsight', () => {
  test("one insight's entries, on the account path and (for zone insights) the zone path", async () => {
    const { client, calls } = edit();
    const byInsight = async (id, params) => (await client.securityCenter.insights.auditLogs.listByInsight(id, params)).result;
    const of = (id) => (e) => e.issue_id === id;

    assert.deepEqual(await byInsight(insights.acct2fa, { account_id: account }), newestFirst(of(insights.acct2fa)));
    assert.equal(calls.at(-1).url, `${vigil.baseURL}/accounts/${account}/security-center/insights/${insights.acct2fa}/audit-log`);
    assert.deepEqual(await byInsight(insights.acct2fa, { account_id: account, order: 'asc' }), entries.filter(of(insights.acct2fa)));
    for (const scope of [{ account_id: account }, { zone_id: zone }]) {
      assert.deepEqual(await byInsight(insights.zoneHttps, scope), newestFirst(of(insights.zoneHttps)));
      assert.deepEqual(await byInsight(insights.zoneColonId, scope), newestFirst(of(insights.zoneColonId)));
      assert.deepEqual(await byInsight(insights.zoneDnssec, { ...scope, field_changed: 'status' }), newestFirst(of(insights.zoneDnssec)));
      assert.deepEqual(await byInsight(insights.zoneDnssec, { ...scope, field_changed: 'user_classification' }), []);
    }
    assert.equal(calls.at(-3).path, `/client/v4/zones/${zone}/security-center/insights/compat:zone:min-tls-1.0/audit-log`);
    assert.deepEqual(await byInsight(insights.acctToken, { account_id: account, changed_by: 'system' }), newestFirst(of(insights.acctToken)));
  });

  test('auto-pagination per_page 1 and an insight without history', async () => {
    const recorder = edit();
    const { seen, made } = await collect(recorder, (c) =>
      c.securityCenter.insights.auditLogs.listByInsight(insights.acct2fa, { account_id: account, per_page: 1, order: 'asc' }),
    );
    assert.deepEqual(seen, entries.filter((e) => e.issue_id === insights.acct2fa));
    assert.equal(made.length, 3);

    const empty = await collect(edit(), (c) => c.securityCenter.insights.auditLogs.listByInsight(insights.acctDmarc, { account_id: account }));
    assert.deepEqual(empty.seen, []);
    assert.equal(empty.made.length, 1);
    const page = await edit().client.securityCenter.insights.auditLogs.listByInsight(insights.acctDmarc, { account_id: account });
    assert.deepEqual(page.result_info, { count: 0, per_page: 25 });
  });

  test('both auth schemes and read tokens', async () => {
    for (const [auth, scope] of [
      [vigil.creds.member, { account_id: account }],
      [{ apiToken: vigil.creds.readToken }, { account_id: account }],
      [{ apiToken: vigil.creds.zoneReadToken }, { zone_id: zone }],
    ]) {
      const { client } = vigil.client(auth);
      const page = await client.securityCenter.insights.auditLogs.listByInsight(insights.zoneHttps, scope);
      assert.deepEqual(page.result, newestFirst((e) => e.issue_id === insights.zoneHttps));
    }
  });

  test("another account's insight, an unknown one, or an account insight on the zone path: NotFoundError 1100", async () => {
    const { client, calls } = edit();
    for (const [id, scope] of [
      [insights.other2fa, { account_id: account }],
      ['no-such-insight', { account_id: account }],
      ['no-such-insight', { zone_id: zone }],
      [insights.acct2fa, { zone_id: zone }],
    ]) {
      const err = await rejectsWith(client.securityCenter.insights.auditLogs.listByInsight(id, scope), NotFoundError);
      assert.equal(err.status, 404);
      assert.equal(err.errors[0].code, 1100);
      assert.equal(err.errors[0].message, `insight '${id}' not found`);
      assert.equal(err.headers.get('x-should-retry'), 'false');
    }
    assert.equal(calls.length, 4);
    // Its own account reads it; this account's credentials are refused there.
    const { client: theirs } = vigil.client({ apiToken: vigil.creds.otherAccountToken });
    const page = await theirs.securityCenter.insights.auditLogs.listByInsight(insights.other2fa, { account_id: otherAccount });
    assert.deepEqual(page.result.map(essence), otherHistory);
    await rejectsWith(
      client.securityCenter.insights.auditLogs.listByInsight(insights.other2fa, { account_id: otherAccount }),
      PermissionDeniedError,
    );
  });
});

describe('cursor and query errors', () => {
  /** Asserts one BadRequestError with `code` (and `message` if given), sent once. */
  async function assertBad(promiseFn, code, message) {
    const { client, calls } = edit();
    const err = await rejectsWith(promiseFn(client), BadRequestError);
    assert.equal(err.status, 400);
    assert.equal(err.errors.length, 1);
    assert.equal(err.errors[0].code, code);
    if (message) assert.equal(err.errors[0].message, message);
    assert.equal(err.headers.get('x-should-retry'), 'false');
    assert.equal(calls.length, 1);
  }
  const logs = (client) => client.securityCenter.insights.auditLogs;
  /** A real cursor: from page 1 of the list (per_page 2) or of one insight's log (per_page 1). */
  async function cursorFor(params, issueId) {
    const { client } = edit();
    const page = issueId
      ? await logs(client).listByInsight(issueId, { ...params, per_page: 1 })
      : await logs(client).list({ ...params, per_page: 2 });
    assert.equal(typeof page.result_info.cursor, 'string');
    return page.result_info.cursor;
  }

  test('a tampered or forged cursor passed as `cursor`: BadRequestError 1011', async () => {
    const cursor = await cursorFor({ account_id: account });
    // Flip the high bit of one base64url character: always a data bit, even in a final character.
    const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const flip = (s, i) => {
      const at = B64URL.indexOf(s[i]);
      return s.slice(0, i) + (at < 0 ? 'A' : B64URL[at ^ 32]) + s.slice(i + 1);
    };
    for (const bad of [flip(cursor, 0), flip(cursor, cursor.length - 1), flip(cursor, cursor.length >> 1), `${cursor}x`, 'not-a-cursor']) {
      await assertBad((c) => logs(c).list({ account_id: account, per_page: 2, cursor: bad }), 1011, BAD_CURSOR);
    }
    // The untouched cursor still works.
    const { client } = edit();
    assert.deepEqual((await logs(client).list({ account_id: account, per_page: 2, cursor })).result, newestFirst().slice(2, 4));
  });

  test('a real cursor replayed with other filters, another scope or another endpoint: 1011', async () => {
    const cursor = await cursorFor({ account_id: account });
    await assertBad((c) => logs(c).list({ account_id: account, cursor, order: 'asc' }), 1011, BAD_CURSOR);
    await assertBad((c) => logs(c).list({ account_id: account, cursor, field_changed: 'status' }), 1011, BAD_CURSOR);
    await assertBad((c) => logs(c).list({ account_id: account, cursor, changed_by: 'system' }), 1011, BAD_CURSOR);
    await assertBad((c) => logs(c).list({ zone_id: zone, cursor }), 1011, BAD_CURSOR);
    await assertBad((c) => logs(c).listByInsight(insights.acct2fa, { account_id: account, cursor }), 1011, BAD_CURSOR);
    const insightCursor = await cursorFor({ account_id: account }, insights.acct2fa);
    await assertBad((c) => logs(c).listByInsight(insights.zoneHttps, { account_id: account, cursor: insightCursor }), 1011, BAD_CURSOR);
    await assertBad((c) => logs(c).list({ account_id: account, cursor: insightCursor }), 1011, BAD_CURSOR);
  });

  test('bad order, time, field_changed, per_page or empty values: 1010', async () => {
    for (const [params, message] of [
      [{ order: 'sideways' }, "order must be asc or desc; got 'sideways'"],
      [{ since: 'yesterday' }, "since must be an RFC 3339 time such as 2026-11-25T08:00:00Z; got 'yesterday'"],
      [{ before: '2025-13-01T00:00:00Z' }],
      [{ field_changed: 'dismissed' }, "field_changed must be status or user_classification; got 'dismissed'"],
      [{ changed_by: '' }, "query parameter 'changed_by' must not be empty"],
      [{ cursor: '' }],
      [{ per_page: 0 }, "per_page must be an integer from 1 to 1000; got '0'"],
      [{ per_page: 1001 }, "per_page must be an integer from 1 to 1000; got '1001'"],
      [{ page: 2 }],
    ]) {
      await assertBad((c) => logs(c).list({ account_id: account, ...params }), 1010, message);
      await assertBad((c) => logs(c).listByInsight(insights.zoneHttps, { zone_id: zone, ...params }), 1010, message);
    }
  });
});

describe('writes while a client pages (keyset cursor)', () => {
  test('a newer entry is not returned by a desc walk under way, and once by an asc walk', async () => {
    const { client } = edit();
    const logs = client.securityCenter.insights.auditLogs;
    const scope = { account_id: account };
    const desc = await logs.list({ ...scope, per_page: 3 });
    const asc = await logs.list({ ...scope, per_page: 3, order: 'asc' });
    await client.securityCenter.insights.classification.update(insights.acctDmarc, { ...scope, classification: 'false_positive' });

    const descRest = [];
    for await (const page of (await desc.getNextPage()).iterPages()) descRest.push(...page.result);
    assert.deepEqual([...desc.result, ...descRest], newestFirst(), 'desc: exactly the entries that existed when it started');

    const ascRest = [];
    for await (const page of (await asc.getNextPage()).iterPages()) ascRest.push(...page.result);
    const ascAll = [...asc.result, ...ascRest];
    assert.deepEqual(ascAll.slice(0, -1), entries);
    assert.equal(ascAll.length, entries.length + 1);
    assert.equal(ascAll.at(-1).issue_id, insights.acctDmarc, 'asc: the new entry comes last, once');
    assert.equal(new Set(idsOf(ascAll)).size, ascAll.length);
  });
});
