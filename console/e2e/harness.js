// Browser suite harness: a real `./vigil serve --demo` on a free port (its own data dir, with a read-only
// token and a global-key user created first), Debian's Chromium through playwright-core, screenshots in
// artifacts/, and the server's access log so a test can check that the console called nothing but
// /client/v4 and its own files. Every step has a timeout, so nothing hangs.

import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const E2E_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(E2E_DIR, '..', '..');
export const ARTIFACTS = join(E2E_DIR, 'artifacts');
const VIGIL = join(REPO_ROOT, 'vigil');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const DEMO = Object.freeze({
  account: '023e105f4ecef8ad9ca31a8372d0c353',
  zone: '372e67954025e0ba6aaa6d586b9e0b59',
  email: 'e2e@example.com',
  webhook: 'https://192.0.2.10/vigil-hook',
});

// A developer's real Cloudflare credentials must never reach the server or the browser.
const ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CLOUDFLARE_')));

function run(args, timeout = 120_000) {
  return new Promise((resolvePromise, reject) => {
    execFile(VIGIL, args, { cwd: REPO_ROOT, env: ENV, timeout, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`vigil ${args.join(' ')}: ${err.killed ? 'timed out' : `exit ${err.code}`}\n${stdout}\n${stderr}`));
      else resolvePromise(stdout.trim());
    });
  });
}

/**
 * Starts the demo server. Resolves {url, editToken, readToken, zoneToken, userKey, accessLog(), stop()}: `url`
 * is the console's (http://127.0.0.1:PORT/), `accessLog()` the io.vigil.access lines so far. The demo token
 * edits the demo account; readToken reads it; zoneToken edits only its zone; userKey is DEMO.email's key.
 */
export async function startVigil() {
  const dataDir = mkdtempSync(join(process.env.VIGIL_E2E_TMP ?? tmpdir(), 'vigil-console-e2e-'));
  const readToken = await run(['token', 'create', '--name', 'e2e-read', '--permission', 'read', '--account', DEMO.account, '--data-dir', dataDir]);
  const zoneToken = await run(['token', 'create', '--name', 'e2e-zone', '--permission', 'edit', '--zone', DEMO.zone, '--data-dir', dataDir]);
  const userKey = await run(['user', 'create', '--email', DEMO.email, '--account', DEMO.account, '--data-dir', dataDir]);
  const child = spawn(VIGIL, ['serve', '--demo', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...ENV, VIGIL_ACCESS_LOG: 'INFO', VIGIL_LOG_LEVEL: 'WARN' },
  });
  // If the test process dies without its after() hook, the server must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => { stdout += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk; });
  const started = await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`vigil serve not ready in 60 s\n${stdout}\n${stderr}`)), 60_000);
    const check = () => {
      const url = /Console: (http:\/\/\S+\/)/.exec(stdout)?.[1];
      const editToken = /export CLOUDFLARE_API_TOKEN=(\S+)/.exec(stdout)?.[1];
      if (url && editToken) {
        clearTimeout(timer);
        resolvePromise({ url, editToken });
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vigil serve exited (${code})\n${stdout}\n${stderr}`));
    });
  });
  // A subscription to an address nobody answers at (TEST-NET-1): the console lists it, pauses and resumes it.
  // Added once the demo has loaded its account: `vigil webhook add` refuses an account the store does not know.
  await run(['webhook', 'add', DEMO.webhook, '--account', DEMO.account, '--kind', 'insight.dismissal_changed', '--data-dir', dataDir]);
  const stop = () => new Promise((resolvePromise) => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) {
      resolvePromise();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
  const accessLog = () => stderr.split('\n').filter((line) => / INFO +access - /.test(line));
  return { ...started, readToken, zoneToken, userKey, accessLog, serverLog: () => stderr, stop };
}

/** Chromium with a fresh profile, no network beyond this machine's loopback use, no background chatter. */
export async function launchBrowser() {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A new page at `viewport` whose console errors and page errors are collected in `errors`, except the
 * network errors the browser logs for API refusals the test provokes on purpose (4xx under /client/v4).
 */
export async function openPage(browser, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000); // generous: CI machines are shared and small
  const errors = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location()?.url ?? '';
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text()) && url.includes('/client/v4/')) return;
    errors.push(`${message.text()} (${url})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return { context, page, errors };
}

export function screenshot(page, name) {
  return page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
}
