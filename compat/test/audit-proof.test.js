// Vigil's sealed change log, checked from outside with nothing but Node's own crypto (docs/extensions.md):
//   GET /client/v4/vigil/audit/checkpoint                                   the newest signed checkpoint
//   GET /client/v4/vigil/{accounts|zones}/{id}/audit/entries/{entry_id}/proof   one entry's inclusion proof
// The test takes an entry the official SDK shows in the audit log, fetches its proof with the same SDK
// client, and recomputes leaf hash, Merkle audit path (RFC 9162), seal hash and Ed25519 signature here, from
// the documented encoding, without any of Vigil's code.

import assert from 'node:assert/strict';
import { createHash, verify } from 'node:crypto';
import { test } from 'node:test';
import { IDS, startVigil } from '../harness.js';

const vigil = await startVigil();
const { account, insights } = IDS;

const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();
const int64 = (n) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return b;
};
const str = (s) => {
  if (s === null) return Buffer.from([0xff, 0xff, 0xff, 0xff]);
  const utf8 = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(utf8.length);
  return Buffer.concat([len, utf8]);
};

/** The leaf hash: 0x00, the position, then the entry's fields (docs/decisions.md, "The change log and its seals"). */
function leafHash(position, e) {
  return sha256(
    Buffer.from([0]),
    int64(position),
    ...[e.id, e.issue_id, e.account_id, e.zone_id, e.field_changed, e.previous_value, e.current_value, e.rationale, e.changed_by].map(str),
    int64(e.changed_at_ms),
  );
}

/** RFC 9162 section 2.1.3.2: the root a leaf and its audit path imply, or null. */
function rootFromPath(leaf, index, size, path) {
  if (index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const hex of path) {
    const p = Buffer.from(hex, 'hex');
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = sha256(Buffer.from([1]), p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = sha256(Buffer.from([1]), r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 ? r : null;
}

/** Every check a client makes; returns a list of what failed (empty: the entry is in the sealed log). */
function check(proof, publicKey) {
  const failed = [];
  const leaf = leafHash(proof.position, proof.entry);
  if (leaf.toString('hex') !== proof.leaf_hash) failed.push('leaf hash');
  const root = rootFromPath(leaf, proof.leaf_index, proof.tree_size, proof.audit_path);
  if (root === null || root.toString('hex') !== proof.seal.merkle_root) failed.push('audit path');
  const { seal, checkpoint } = proof;
  const hash = sha256(
    Buffer.from([2]),
    Buffer.from(seal.previous_hash, 'hex'),
    int64(seal.number),
    int64(seal.first_position),
    int64(seal.last_position),
    Buffer.from(seal.merkle_root, 'hex'),
    int64(seal.sealed_at_ms),
    str(checkpoint.key_id),
  );
  if (hash.toString('hex') !== checkpoint.hash) failed.push('seal hash');
  const body = `vigil change log checkpoint\nseal ${checkpoint.seal}\nsize ${checkpoint.size}\nhash ${hash.toString('hex')}\ntime ${checkpoint.time}\n`;
  if (!checkpoint.text.startsWith(body)) failed.push('checkpoint text');
  if (!verify(null, Buffer.from(body), publicKey, Buffer.from(checkpoint.signature, 'base64'))) failed.push('signature');
  return failed;
}

/** GETs a Vigil route with the SDK client, retrying while the entry is not sealed yet (409 code 1202). */
async function sealedProof(client, path) {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await client.get(path)).result;
    } catch (err) {
      if (err.status !== 409 || attempt > 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

test('an entry the SDK shows in the audit log is proven in the sealed log, with Node crypto alone', async () => {
  const { client } = vigil.client({ apiToken: vigil.creds.editToken });
  const issue = insights.acct2fa;
  const scope = { account_id: account };
  await client.securityCenter.insights.classification.update(issue, { ...scope, classification: 'accept_risk', rationale: 'proof test ✓' });
  await client.securityCenter.insights.classification.update(issue, { ...scope, classification: null });
  const shown = [];
  for await (const e of client.securityCenter.insights.auditLogs.listByInsight(issue, { ...scope, order: 'asc' })) shown.push(e);
  const entry = shown.find((e) => e.rationale === 'proof test ✓');
  assert.ok(entry, 'the SDK shows the classification');

  const proof = await sealedProof(client, `/vigil/accounts/${account}/audit/entries/${entry.id}/proof`);
  const { result: head } = await client.get('/vigil/audit/checkpoint');
  assert.deepEqual(check(proof, head.public_key), []);
  assert.ok(head.size >= proof.position);
  for (const field of ['id', 'issue_id', 'field_changed', 'previous_value', 'current_value', 'rationale', 'changed_by']) {
    assert.equal(proof.entry[field], entry[field], field);
  }
  assert.equal(new Date(proof.entry.changed_at_ms).toISOString(), entry.changed_at);

  // What the same checks say of an entry someone edited: the leaf no longer matches.
  const edited = { ...proof, entry: { ...proof.entry, rationale: 'nothing to see' } };
  assert.deepEqual(check(edited, head.public_key), ['leaf hash', 'audit path']);
});

/** A seal's chained hash, recomputed from its fields and the previous seal's hash. */
function sealHash(previousHash, s) {
  return sha256(
    Buffer.from([2]),
    previousHash,
    int64(s.number),
    int64(s.first_position),
    int64(s.last_position),
    Buffer.from(s.merkle_root, 'hex'),
    int64(s.sealed_at_ms),
    str(s.checkpoint.key_id),
  );
}

/**
 * Whether the newest head extends a checkpoint kept earlier: the seals from the kept one on
 * (GET /vigil/audit/seals?from=N) must start with exactly the kept checkpoint, each later seal's hash must follow
 * from the one before, its positions continue, and its checkpoint be signed by the pinned key. Returns what failed.
 */
function extension(kept, seals, publicKey) {
  const failed = [];
  const [first, ...later] = seals;
  if (!first || first.number !== kept.seal || first.checkpoint.hash !== kept.hash || first.last_position !== kept.size) {
    return ['the kept checkpoint is not in the log'];
  }
  let previous = first;
  for (const s of later) {
    if (s.number !== previous.number + 1 || s.first_position !== previous.last_position + 1) failed.push(`seal ${s.number}: order`);
    const hash = sealHash(Buffer.from(previous.checkpoint.hash, 'hex'), s);
    if (hash.toString('hex') !== s.checkpoint.hash) failed.push(`seal ${s.number}: hash`);
    const c = s.checkpoint;
    const body = `vigil change log checkpoint\nseal ${c.seal}\nsize ${c.size}\nhash ${c.hash}\ntime ${c.time}\n`;
    if (!verify(null, Buffer.from(body), publicKey, Buffer.from(c.signature, 'base64'))) failed.push(`seal ${s.number}: signature`);
    previous = s;
  }
  return failed;
}

test('a later head provably extends a checkpoint kept earlier, with Node crypto alone', async () => {
  const { client } = vigil.client({ apiToken: vigil.creds.editToken });
  const issue = insights.acct2fa;
  const scope = { account_id: account };
  await client.securityCenter.insights.classification.update(issue, { ...scope, classification: 'other', rationale: 'before' });
  const sealedBefore = await sealedHeadAfter(client, 0);
  const kept = sealedBefore;
  await client.securityCenter.insights.classification.update(issue, { ...scope, classification: null });
  await client.securityCenter.insights.classification.update(issue, { ...scope, classification: 'false_positive', rationale: 'after' });
  const head = await sealedHeadAfter(client, kept.size + 1);
  assert.ok(head.seal > kept.seal);

  const seals = [];
  for (let from = kept.seal; ; ) {
    const page = await client.get('/vigil/audit/seals', { query: { from, per_page: 1 } });
    seals.push(...page.result);
    if (page.result_info.next_from === undefined) break;
    from = page.result_info.next_from;
  }
  assert.equal(seals.at(-1).checkpoint.hash, head.hash);
  assert.deepEqual(extension(kept, seals, head.public_key), []);

  // A history sealed again after the kept checkpoint breaks the chain at the first rewritten seal.
  const rewritten = seals.map((s, i) => (i === 1 ? { ...s, merkle_root: '00'.repeat(32) } : s));
  assert.deepEqual(extension(kept, rewritten, head.public_key).slice(0, 1), [`seal ${seals[1].number}: hash`]);
  // And a kept checkpoint the log no longer has is reported as such.
  assert.deepEqual(extension({ ...kept, hash: 'ff'.repeat(32) }, seals, head.public_key), ['the kept checkpoint is not in the log']);
});

/** The newest checkpoint once the log is sealed at least up to position {@code size}. */
async function sealedHeadAfter(client, size) {
  for (let attempt = 0; ; attempt++) {
    try {
      const { result } = await client.get('/vigil/audit/checkpoint');
      if (result.size >= size) return result;
    } catch (err) {
      if (err.status !== 404) throw err;
    }
    if (attempt > 100) throw new Error(`the log was not sealed up to ${size} in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
