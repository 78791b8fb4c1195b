// client.accounts.list() and client.zones.list(): the accounts and zones a credential reaches, as the SDK
// pages through them.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IDS, startVigil } from '../harness.js';

const vigil = await startVigil();
const { account, zone, otherAccount } = IDS;

describe('client.accounts.list()', () => {
  test('an account token lists its account, with its permissions', async () => {
    const { client, calls } = vigil.client({ apiToken: vigil.creds.readToken });
    const accounts = [];
    for await (const item of client.accounts.list()) accounts.push(item);
    assert.deepEqual(accounts.map((a) => a.id), [account]);
    assert.equal(accounts[0].type, 'standard');
    assert.deepEqual(accounts[0].permissions, ['#security_center:read']);
    assert.equal(calls[0].path, '/client/v4/accounts');
  });

  test('a global key lists every account its user belongs to; a zone token lists none', async () => {
    const member = vigil.client(vigil.creds.member).client;
    const ids = [];
    for await (const item of member.accounts.list()) ids.push(item.id);
    assert.deepEqual(ids, [account]);
    const zoneOnly = vigil.client({ apiToken: vigil.creds.zoneReadToken }).client;
    const page = await zoneOnly.accounts.list();
    assert.deepEqual(page.result, []);
  });
});

describe('client.zones.list()', () => {
  test('an account token lists the account’s zones, each with its account', async () => {
    const { client } = vigil.client({ apiToken: vigil.creds.editToken });
    const zones = [];
    for await (const item of client.zones.list()) zones.push(item);
    assert.ok(zones.some((z) => z.id === zone));
    for (const z of zones) {
      assert.equal(z.account.id, account);
      assert.deepEqual(z.permissions, ['#security_center:read', '#security_center:edit']);
    }
  });

  test('account.id narrows the list; another account’s id lists nothing', async () => {
    const { client, calls } = vigil.client({ apiToken: vigil.creds.editToken });
    const mine = await client.zones.list({ account: { id: account } });
    assert.ok(mine.result.some((z) => z.id === zone));
    assert.match(calls[0].url, /[?&]account\.id=/);
    const other = await client.zones.list({ account: { id: otherAccount } });
    assert.deepEqual(other.result, []);
  });

  test('a zone token lists only its zone', async () => {
    const { client } = vigil.client({ apiToken: vigil.creds.zoneReadToken });
    const page = await client.zones.list();
    assert.deepEqual(page.result.map((z) => z.id), [zone]);
  });
});
