// `vigil serve --tls-cert --tls-key` as the official SDK sees it. A CA and a server certificate for 127.0.0.1
// are made here with openssl; the SDK runs in a child node process, because Node reads the CAs it trusts
// (NODE_EXTRA_CA_CERTS) once, at start. Trusting the test CA, the SDK lists and classifies over HTTPS; not
// trusting it, the SDK refuses the server's certificate and no request reaches the API.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { COMPAT_DIR, IDS, startVigil } from '../harness.js';

const dir = mkdtempSync(join(process.env.VIGIL_COMPAT_TMP || tmpdir(), 'vigil-tls-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name) => join(dir, name);
const openssl = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
  '-subj', '/CN=Vigil compat test CA', '-keyout', file('ca.key'), '-out', file('ca.pem'));
openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=127.0.0.1',
  '-keyout', file('server.key'), '-out', file('server.csr'));
writeFileSync(file('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'),
  '-CAcreateserial', '-days', '2', '-extfile', file('san.ext'), '-out', file('server.pem'));

const vigil = await startVigil({ serveArgs: ['--tls-cert', file('server.pem'), '--tls-key', file('server.key')] });

/** Runs the SDK in a child node process; `trust` is the CA file it trusts besides the system's, or null. */
function sdk(script, trust) {
  const env = { ...process.env, VIGIL_BASE_URL: vigil.baseURL, VIGIL_TOKEN: vigil.creds.editToken };
  delete env.NODE_EXTRA_CA_CERTS;
  if (trust) env.NODE_EXTRA_CA_CERTS = trust;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: COMPAT_DIR, env, encoding: 'utf8', timeout: 30_000,
  });
  return { status: child.status, out: child.stdout.trim(), err: child.stderr };
}

const SCRIPT = `
import Cloudflare from 'cloudflare';
const client = new Cloudflare({ apiToken: process.env.VIGIL_TOKEN, baseURL: process.env.VIGIL_BASE_URL, maxRetries: 0 });
const account_id = '${IDS.account}';
try {
  const page = await client.securityCenter.insights.list({ account_id, per_page: 2 });
  await client.securityCenter.insights.classification.update('${IDS.insights.acct2fa}', { account_id, classification: 'false_positive' });
  await client.securityCenter.insights.classification.update('${IDS.insights.acct2fa}', { account_id, classification: null });
  console.log(JSON.stringify({ ok: true, listed: page.result.issues.length, total: page.result.count }));
} catch (err) {
  console.log(JSON.stringify({ ok: false, name: err.constructor.name, cause: err.cause?.cause?.code ?? err.cause?.code ?? null }));
}`;

test('the SDK trusting the test CA lists and classifies over HTTPS', () => {
  assert.match(vigil.baseURL, /^https:\/\/127\.0\.0\.1:\d+\/client\/v4$/);
  const run = sdk(SCRIPT, file('ca.pem'));
  assert.equal(run.status, 0, run.err);
  const result = JSON.parse(run.out);
  assert.equal(result.ok, true, run.out);
  assert.equal(result.listed, 2);
  assert.ok(result.total >= 2);
});

test('the SDK not trusting the test CA refuses the certificate: APIConnectionError, nothing sent', () => {
  const run = sdk(SCRIPT, null);
  assert.equal(run.status, 0, run.err);
  const result = JSON.parse(run.out);
  assert.equal(result.ok, false, run.out);
  assert.equal(result.name, 'APIConnectionError');
  assert.match(String(result.cause), /CERT|SIGNATURE|ISSUER/, run.out);
});
