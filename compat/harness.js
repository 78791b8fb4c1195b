// Shared harness for the SDK compatibility suite: builds Vigil (via ./vigil), gives every test file a
// fresh data directory with the fixture insights and credentials, starts `./vigil serve` on a free port,
// and stops it (SIGTERM) when the file's tests are done. Every step has a timeout, so nothing hangs.
//
// The fixture import and the credentials take eight CLI JVMs; run.sh does that once per run (prepare.js
// -> prepareTemplate) and every test file starts from a copy of that data dir (VIGIL_COMPAT_TEMPLATE).
// Without it (e.g. `node --test test/x.test.js` by hand) each file builds its own the same way.
//
// Usage in a test file:
//   import { startVigil, IDS } from '../harness.js';
//   const vigil = await startVigil();          // top-level await; stops itself in after()
//   const { client, calls } = vigil.client({ apiToken: vigil.creds.editToken });

import { spawn, execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';
import Cloudflare from 'cloudflare';

export const COMPAT_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(COMPAT_DIR, '..');
export const VIGIL = join(REPO_ROOT, 'vigil');
export const FIXTURE = join(COMPAT_DIR, 'fixtures', 'insights.jsonl');

const BUILD_TIMEOUT_MS = Number(process.env.VIGIL_COMPAT_BUILD_TIMEOUT_MS ?? 300_000);
const CLI_TIMEOUT_MS = 60_000;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

// The SDK reads CLOUDFLARE_API_TOKEN, CLOUDFLARE_EMAIL, CLOUDFLARE_BASE_URL, CLOUDFLARE_CUSTOM_HEADERS…
// from the environment: a developer's real credentials must never reach the tests (or Cloudflare).
for (const name of Object.keys(process.env)) {
  if (name.startsWith('CLOUDFLARE_')) delete process.env[name];
}

/** The identifiers used by fixtures/insights.jsonl. */
export const IDS = Object.freeze({
  account: 'c0ffee00c0ffee00c0ffee00c0ffee01',
  zone: '20e1de00000000000000000000a0e001',
  otherAccount: '0babe000000000000000000000000b02',
  /** An account and a zone that exist nowhere. */
  unknownAccount: 'deadbeefdeadbeefdeadbeefdeadbeef',
  unknownZone: 'feedfacefeedfacefeedfacefeedface',
  insights: Object.freeze({
    // account-level insights of `account`
    acct2fa: '2b1f7c9e-0a6d-4c3b-8e5f-1d2a3b4c5d01',
    acctToken: '2b1f7c9e-0a6d-4c3b-8e5f-1d2a3b4c5d02',
    acctDmarc: '2b1f7c9e-0a6d-4c3b-8e5f-1d2a3b4c5d03', // has extended context
    // zone-level insights of `zone` (in `account`)
    zoneHttps: '7d4e1a20-5b6c-4f8d-9a0b-2c3d4e5f6a01',
    zoneDnssec: '7d4e1a20-5b6c-4f8d-9a0b-2c3d4e5f6a02',
    zoneOriginAccepted: '7d4e1a20-5b6c-4f8d-9a0b-2c3d4e5f6a03', // imported as accept_risk
    zoneColonId: 'compat:zone:min-tls-1.0', // has extended context
    zoneWafDismissed: '7d4e1a20-5b6c-4f8d-9a0b-2c3d4e5f6a04', // imported as dismissed
    // the only insight of `otherAccount`
    other2fa: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b01',
  }),
  memberEmail: 'member@vigil-compat.example',
  outsiderEmail: 'outsider@vigil-compat.example',
});

/** The fixture's insights, one parsed object per line, in file order (a fresh copy on every call). */
export function fixtureInsights() {
  return readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/** Every child process still running (CLI calls and servers), so that a signal can kill them all. */
const children = new Set();
function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Runs a command without a shell; resolves {stdout, stderr}, rejects with both on failure or timeout. */
export function run(file, args, { timeout = CLI_TIMEOUT_MS, env = process.env, cwd = REPO_ROOT } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(file, args, { cwd, env, timeout, killSignal: 'SIGKILL', maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) {
        const why = err.killed ? `timed out after ${timeout} ms` : `exit code ${err.code}`;
        reject(new Error(`${[file, ...args].join(' ')}: ${why}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
      } else {
        resolvePromise({ stdout, stderr });
      }
    });
    track(child);
  });
}

let built;
/** Builds the jar if sources changed (./vigil does that itself; doing it once first keeps later timeouts short). */
export function ensureBuilt() {
  built ??= run(VIGIL, ['--version'], { timeout: BUILD_TIMEOUT_MS });
  return built;
}

/** A TCP port that was free a moment ago (bind to 0, read it, close). */
export function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

// Short-lived CLI JVMs start ~25% faster with C1 only (the server keeps its normal flags).
const CLI_ENV = { ...process.env, JAVA_TOOL_OPTIONS: `${process.env.JAVA_TOOL_OPTIONS ?? ''} -XX:TieredStopAtLevel=1`.trim() };

async function cli(dataDir, args) {
  const { stdout } = await run(VIGIL, [...args, '--data-dir', dataDir], { env: CLI_ENV });
  return stdout.trim();
}

async function createCredentials(dataDir) {
  const token = (name, permission, scope) => cli(dataDir, ['token', 'create', '--name', name, '--permission', permission, ...scope]);
  const user = (email, accounts) => cli(dataDir, ['user', 'create', '--email', email, ...accounts.flatMap((a) => ['--account', a])]);
  // The CLI waits for the database's write lock, so these may run at the same time.
  const [editToken, readToken, zoneEditToken, zoneReadToken, otherAccountToken, memberKey, outsiderKey] = await Promise.all([
    token('compat-edit', 'edit', ['--account', IDS.account]),
    token('compat-read', 'read', ['--account', IDS.account]),
    token('compat-zone-edit', 'edit', ['--zone', IDS.zone]),
    token('compat-zone-read', 'read', ['--zone', IDS.zone]),
    token('compat-other-account', 'edit', ['--account', IDS.otherAccount]),
    user(IDS.memberEmail, [IDS.account]),
    user(IDS.outsiderEmail, [IDS.otherAccount]),
  ]);
  for (const secret of [editToken, readToken, zoneEditToken, zoneReadToken, otherAccountToken]) {
    if (!/^[A-Za-z0-9_-]{40}$/.test(secret)) throw new Error(`token create printed ${JSON.stringify(secret)}`);
  }
  for (const key of [memberKey, outsiderKey]) {
    if (!/^[0-9a-f]{37}$/.test(key)) throw new Error(`user create printed ${JSON.stringify(key)}`);
  }
  return Object.freeze({
    editToken, // edit on `account` (and its zones)
    readToken, // read on `account`
    zoneEditToken, // edit on `zone` only
    zoneReadToken, // read on `zone` only
    otherAccountToken, // edit on `otherAccount` only
    member: Object.freeze({ apiEmail: IDS.memberEmail, apiKey: memberKey }), // member of `account`
    outsider: Object.freeze({ apiEmail: IDS.outsiderEmail, apiKey: outsiderKey }), // member of `otherAccount` only
  });
}

const TEMPLATE_DATA = 'data';
const TEMPLATE_CREDENTIALS = 'credentials.json';

/** Imports fixtures/insights.jsonl into `dataDir`, creating the database. */
async function importFixture(dataDir) {
  const imported = await cli(dataDir, ['insights', 'import', FIXTURE]);
  if (!/rejected 0 lines/.test(imported)) throw new Error(`fixture import: ${imported}`);
}

/**
 * Builds the data dir every test file starts from: `dir`/data (fixture imported, credentials created)
 * and `dir`/credentials.json (their secrets, readable by the owner only). Run once per run by run.sh.
 */
export async function prepareTemplate(dir) {
  await ensureBuilt();
  const dataDir = join(dir, TEMPLATE_DATA);
  mkdirSync(dataDir, { recursive: true });
  await importFixture(dataDir);
  const creds = await createCredentials(dataDir);
  writeFileSync(join(dir, TEMPLATE_CREDENTIALS), JSON.stringify(creds), { mode: 0o600 });
}

/** Copies the template into `dataDir`; resolves its credentials. No process has the template open. */
function copyTemplate(dir, dataDir) {
  cpSync(join(dir, TEMPLATE_DATA), dataDir, { recursive: true });
  const creds = JSON.parse(readFileSync(join(dir, TEMPLATE_CREDENTIALS), 'utf8'));
  return Object.freeze({ ...creds, member: Object.freeze(creds.member), outsider: Object.freeze(creds.outsider) });
}

/** Starts `./vigil serve`; resolves once it printed "Vigil is serving <url>". */
function serve(dataDir, port, serveArgs = []) {
  return new Promise((resolvePromise, reject) => {
    const child = track(
      spawn(VIGIL, ['serve', '--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port), ...serveArgs], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, VIGIL_LOG_LEVEL: process.env.VIGIL_LOG_LEVEL ?? 'WARN' },
      }),
    );
    let stdout = '';
    let stderr = '';
    let settled = false;
    const fail = (why) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`vigil serve on port ${port}: ${why}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`not ready after ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-20_000);
    });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /Vigil is serving (https?:\/\/\S+\/client\/v4)/.exec(stdout);
      if (match && !settled) {
        settled = true;
        clearTimeout(timer);
        resolvePromise({ child, baseURL: match[1], logs: () => ({ stdout, stderr }) });
      }
    });
    child.on('error', (err) => fail(err.message));
    child.on('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
  });
}

function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Builds a Cloudflare SDK client against `baseURL` whose requests are recorded in `calls` (one entry per
 * HTTP attempt, so retries show up): {method, url, path, headers, body, status, responseHeaders}.
 * `auth` is {apiToken} or {apiEmail, apiKey}; the other scheme is set to null explicitly.
 */
export function recordingClient(baseURL, auth, options = {}) {
  const calls = [];
  const recordingFetch = async (url, init = {}) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const call = { method: init.method, url: String(url), path: new URL(String(url)).pathname, headers, body: init.body };
    calls.push(call);
    const response = await fetch(url, init);
    call.status = response.status;
    call.responseHeaders = Object.fromEntries(response.headers.entries());
    return response;
  };
  const client = new Cloudflare({
    apiToken: null,
    apiEmail: null,
    apiKey: null,
    userServiceKey: null,
    ...auth,
    baseURL,
    fetch: recordingFetch,
    timeout: 15_000,
    logLevel: 'off',
    ...options,
  });
  return { client, calls };
}

/**
 * Starts a fresh Vigil for the calling test file: a new temp data dir with the fixture insights and
 * credentials, a server on a free port. Registers an after() hook that stops it and deletes the dir.
 */
/** Starts a Vigil for one test file; `serveArgs` are extra `vigil serve` options (e.g. a rate limit). */
export async function startVigil({ serveArgs = [] } = {}) {
  await ensureBuilt();
  // Synchronous, so that no signal can arrive between creating the dir and registering its cleanup.
  // run.sh points VIGIL_COMPAT_TMP at a directory it deletes at the end, whatever happened.
  const dataDir = mkdtempSync(join(process.env.VIGIL_COMPAT_TMP || tmpdir(), 'vigil-compat-'));
  let server;
  const cleanup = async () => {
    if (server) await stop(server.child);
    await rm(dataDir, { recursive: true, force: true });
  };
  // Last resort if the test process exits or is killed (run.sh's timeout) without running after():
  // leave neither a JVM nor a data dir behind.
  const onExit = () => {
    for (const child of children) child.kill('SIGKILL');
    try {
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
    } catch {
      // a CLI JVM killed alongside may still be closing its files: nothing more to do on the way out
    }
  };
  const onSignal = (signal) => {
    onExit();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', onExit);
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  after(async () => {
    process.removeListener('exit', onExit);
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGINT', onSignal);
    await cleanup();
  });

  const startServer = async () => {
    // The port can be taken between freePort() and the server's bind: try a few.
    let lastError;
    for (let attempt = 0; attempt < 3 && !server; attempt++) {
      try {
        server = await serve(dataDir, await freePort(), serveArgs);
      } catch (err) {
        lastError = err;
      }
    }
    if (!server) throw lastError;
  };
  let creds;
  const template = process.env.VIGIL_COMPAT_TEMPLATE;
  if (template) {
    creds = copyTemplate(template, dataDir);
    await startServer();
  } else {
    // The import creates the database; then credentials and the server start side by side (the CLI may
    // write while the server runs, and the server reads credentials on every request).
    await importFixture(dataDir);
    [creds] = await Promise.all([createCredentials(dataDir), startServer()]);
  }

  const { baseURL } = server;
  return {
    baseURL,
    origin: new URL(baseURL).origin,
    dataDir,
    creds,
    logs: server.logs,
    /** A recording SDK client; see recordingClient. */
    client: (auth, options) => recordingClient(baseURL, auth, options),
    /** Runs a vigil subcommand against this instance's data dir (e.g. to add a credential mid-test). */
    cli: (args) => cli(dataDir, args),
  };
}

/** Asserts that `promise` rejects with an SDK APIError of `ErrorClass`; returns the error for more checks. */
export async function rejectsWith(promise, ErrorClass) {
  try {
    await promise;
  } catch (err) {
    if (!(err instanceof ErrorClass)) {
      throw new Error(`expected ${ErrorClass.name}, got ${err?.constructor?.name}: ${err?.message}`, { cause: err });
    }
    return err;
  }
  throw new Error(`expected ${ErrorClass.name}, but the call succeeded`);
}
