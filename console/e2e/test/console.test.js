// The web console end to end: a real server, a real Chromium, only the public API.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, launchBrowser, openPage, screenshot, startVigil } from '../harness.js';

let vigil;
let browser;

before(async () => {
  [vigil, browser] = await Promise.all([startVigil(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await vigil?.stop();
});

/** The page of the test running now, for the failure screenshot. */
let current = null;

/** `body`, but a failure also saves a screenshot and says which URL and view the page was on. */
function traced(name, body) {
  return async () => {
    try {
      await body();
    } catch (error) {
      const page = current?.page;
      if (page && !page.isClosed()) {
        await screenshot(page, `failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`).catch(() => {});
        const view = await page.evaluate(() => `${location.href}\n${document.getElementById('main')?.innerText.slice(0, 600)}`).catch(() => '');
        error.message += `\n--- page\n${view}`;
      }
      throw error;
    }
  };
}

const it = (name, body) => test(name, traced(name, body));

/** Signs in on a fresh page with `token` (or {email, key}); resolves once the list is shown. */
async function signedIn(auth, viewport) {
  const session = await openPage(browser, viewport);
  current = session;
  const { page } = session;
  await page.goto(vigil.url);
  if (typeof auth === 'string') {
    await page.getByRole('textbox', { name: 'API token' }).fill(auth);
  } else {
    await page.getByRole('radio', { name: 'Email and global API key' }).check();
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill(auth.email);
    await page.getByRole('textbox', { name: 'Global API key' }).fill(auth.key);
  }
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#insights tbody tr').first().waitFor();
  return session;
}

async function done({ context, errors }) {
  await context.close();
  assert.deepEqual(errors, [], 'no console errors');
}

/**
 * Waits until the URL (hash included) matches and the view for it is drawn (main is no longer busy): hash
 * changes are not navigations Playwright waits for.
 */
async function waitHash(page, expected) {
  try {
    await page.waitForFunction((source) => new RegExp(source).test(decodeURIComponent(location.href))
      && document.getElementById('main').getAttribute('aria-busy') === 'false'
      && document.getElementById('main').dataset.drawn === location.hash, expected.source);
  } catch (error) {
    throw new Error(`URL ${page.url()} never matched ${expected}`, { cause: error });
  }
}

const rows = (page) => page.locator('#insights tbody tr');
// The list's columns as the API's fields: an editor's rows start with the bulk pick box, which is skipped.
const column = (page, index) => rows(page).evaluateAll((trs, i) => trs.map((tr) => {
  const skip = tr.cells[0]?.classList.contains('pick-cell') ? 1 : 0;
  return tr.cells[i + skip].textContent.trim();
}), index);

describe('console', () => {
  it('a wrong token is refused with the API’s message; the demo token signs in to the account list', async () => {
    const session = await openPage(browser);
    current = session;
    const { page } = session;
    await page.goto(vigil.url);
    assert.equal(await page.locator('#top').isVisible(), false, 'no header before sign-in');
    await screenshot(page, '01-sign-in');
    await page.getByRole('radio', { name: 'Email and global API key' }).check();
    assert.equal(await page.locator('#token').isVisible(), false);
    assert.equal(await page.locator('#key').isVisible(), true);
    await page.getByRole('radio', { name: 'API token' }).check();
    await page.getByRole('textbox', { name: 'API token' }).fill('x'.repeat(40));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Sign-in refused: Invalid access token').waitFor();
    await page.getByRole('textbox', { name: 'API token' }).fill(vigil.editToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await rows(page).first().waitFor();
    assert.equal(await rows(page).count(), 25);
    assert.match(await page.locator('#page-info').textContent(), /^Page 1 of \d+ · \d+ insights$/);
    assert.equal(await page.locator('#scope option:checked').textContent(), 'Demo account');
    assert.equal(await page.evaluate(() => document.cookie), '');
    assert.deepEqual(await session.context.cookies(), []);
    await screenshot(page, '02-insights');
    await done(session);
  });

  it('filters: a chart bar, a negated type, the subject search, dismissed; then clear', async () => {
    const session = await signedIn(vigil.editToken);
    const { page } = session;
    await page.locator('#chart-severity + ul button', { hasText: 'Critical' }).click();
    await waitHash(page, /severity=Critical/);
    await rows(page).first().waitFor();
    assert.deepEqual([...new Set(await column(page, 0))], ['Critical']);
    assert.equal(await page.locator('#chart-severity + ul button[aria-pressed="true"]').textContent().then((t) => t.startsWith('Critical')), true);

    await page.locator('#f-issue_type-op').selectOption('~neq');
    await page.locator('#f-issue_type').fill('exposed_infrastructure');
    await page.locator('#f-issue_type').press('Enter');
    await waitHash(page, /issue_type~neq=exposed_infrastructure/);
    await rows(page).first().waitFor();
    const types = await column(page, 2);
    assert.ok(types.length > 0 && !types.includes('exposed infrastructure'), types.join());
    await screenshot(page, '03-insights-filtered');

    await page.getByRole('link', { name: 'Clear' }).click();
    await waitHash(page, /\/insights$/);
    await page.locator('#f-subject').fill('www.example.com');
    await page.locator('#f-subject').press('Enter');
    await waitHash(page, /subject=www.example.com/);
    await rows(page).first().waitFor();
    assert.deepEqual([...new Set(await column(page, 3))], ['www.example.com']);

    await page.locator('#f-dismissed').selectOption('true');
    await waitHash(page, /dismissed=true/);
    await page.locator('#no-insights, #insights').first().waitFor();
    await page.getByRole('link', { name: 'Clear' }).click();
    await waitHash(page, /\/insights$/);
    await done(session);
  });

  it('pages: next and previous', async () => {
    const session = await signedIn(vigil.editToken);
    const { page } = session;
    const first = await column(page, 1);
    await page.getByRole('button', { name: 'Next →' }).click();
    await waitHash(page, /page=2/);
    await page.locator('#page-info', { hasText: 'Page 2 of' }).waitFor();
    assert.notDeepEqual(await column(page, 1), first);
    await page.getByRole('button', { name: '← Previous' }).click();
    await page.locator('#page-info', { hasText: 'Page 1 of' }).waitFor();
    await done(session);
  });

  it('the list: pick rows (shift-click for a range), preview one bulk change, apply it all at once', async () => {
    const session = await signedIn(vigil.editToken);
    const { page } = session;
    await rows(page).nth(3).waitFor();
    await rows(page).nth(2).locator('input.pick').check();
    await rows(page).nth(3).locator('input.pick').click({ modifiers: ['Shift'] });
    await page.locator('#bulk-count', { hasText: '2 selected' }).waitFor();

    await page.locator('#bulk-classification').selectOption('false_positive');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('#bulk-summary', { hasText: 'Would change 2, unchanged 0, refused 0.' }).waitFor();
    assert.equal(await rows(page).nth(2).locator('td').nth(6).textContent(), '—', 'a preview changes nothing');
    await screenshot(page, '03b-bulk-preview');

    await page.getByRole('button', { name: 'Apply to all' }).click();
    await rows(page).nth(2).locator('td', { hasText: 'false positive' }).waitFor();
    await rows(page).nth(3).locator('td', { hasText: 'false positive' }).waitFor();

    // Back as they were, in one more bulk: the other tests expect these rows unclassified.
    await rows(page).nth(2).locator('input.pick').check();
    await rows(page).nth(3).locator('input.pick').check();
    await page.locator('#bulk-classification').selectOption('');
    await page.getByRole('button', { name: 'Apply to all' }).click();
    await page.locator('#bulk-summary', { hasText: 'Changed 2' }).or(rows(page).nth(2).locator('td', { hasText: '—' })).first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('#insights tbody tr')[2]?.textContent.includes('—'));
    await done(session);
  });

  it('the list: dismiss picked rows in one bulk after its preview, then restore them from the dismissed view', async () => {
    const session = await signedIn(vigil.editToken);
    const { page } = session;
    await rows(page).nth(3).waitFor();
    const hrefs = () => rows(page).evaluateAll((trs) => trs.map((tr) => tr.querySelector('a')?.getAttribute('href')));
    const picked = (await hrefs()).slice(4, 6);
    await rows(page).nth(4).locator('input.pick').check();
    await rows(page).nth(5).locator('input.pick').check();
    await page.locator('#bulk-classification').selectOption('dismiss');
    assert.equal(await page.locator('#bulk-rationale').isDisabled(), true, 'a dismissal takes no rationale');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('#bulk-summary', { hasText: 'Would change 2, unchanged 0, refused 0.' }).waitFor();
    await page.getByRole('button', { name: 'Apply to all' }).click();
    await page.waitForFunction((gone) => {
      const shown = [...document.querySelectorAll('#insights tbody tr a')].map((a) => a.getAttribute('href'));
      return shown.length > 0 && gone.every((href) => !shown.includes(href));
    }, picked);

    await page.locator('#f-dismissed').selectOption('true');
    await waitHash(page, /dismissed=true/);
    for (const href of picked) {
      await rows(page).filter({ has: page.locator(`a[href="${href}"]`) }).locator('input.pick').check();
    }
    await page.locator('#bulk-count', { hasText: '2 selected' }).waitFor();
    await page.locator('#bulk-classification').selectOption('restore');
    await page.getByRole('button', { name: 'Apply to all' }).click();
    await page.waitForFunction((back) => {
      const shown = [...document.querySelectorAll('#insights tbody tr a')].map((a) => a.getAttribute('href'));
      return back.every((href) => !shown.includes(href));
    }, picked);
    await done(session);
  });

  it('an insight: classify with an expiry, shown on the insight, refused in the past', async () => {
    const session = await signedIn(vigil.editToken);
    const { page } = session;
    await rows(page).nth(1).getByRole('link').click();
    await page.locator('#fields').waitFor();
    const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

    await page.locator('#classification').selectOption('other');
    await page.locator('#rationale').fill('until the vendor patch');
    await page.locator('#expires-on').fill(day(-2));
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.locator('#action-error', { hasText: 'expires_on must be in the future' }).waitFor();

    await page.locator('#expires-on').fill(day(30));
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.locator('#classification-value', { hasText: 'other' }).waitFor();
    await page.locator('#expires-value').waitFor();
    assert.equal(await page.locator('#action-error').textContent(), '');
    await screenshot(page, '04b-insight-expiry');
    const title = await page.locator('#insight-title').textContent();

    await page.getByRole('link', { name: 'Expiring' }).click();
    await page.locator('#expiring tbody tr').first().waitFor();
    assert.equal(await page.locator('#expiring tbody tr').count(), 1);
    await page.locator('#expiring-days').selectOption('7');
    await page.locator('#no-expiring').waitFor();
    await page.locator('#expiring-days').selectOption('90');
    await page.locator('#expiring tbody tr a').first().click();
    await page.locator('#insight-title', { hasText: title.trim() }).waitFor();

    await page.getByRole('button', { name: 'Reset classification' }).click();
    await page.locator('#classification-value', { hasText: 'unclassified' }).waitFor();
    assert.equal(await page.locator('#expires-value').count(), 0);
    await done(session);
  });

  it('webhooks: the account\'s subscriptions with their state, paused and resumed', async () => {
    const session = await signedIn(vigil.editToken);
    const { page } = session;
    await page.getByRole('link', { name: 'Webhooks' }).click();
    const row = page.locator('#webhooks tbody tr').first();
    await row.waitFor();
    assert.equal(await page.locator('#webhooks tbody tr').count(), 1);
    assert.match(await row.textContent(), /192\.0\.2\.10\/vigil-hook/);
    assert.match(await row.textContent(), /insight\.dismissal_changed/);
    await row.locator('.state-active').waitFor();
    await screenshot(page, '10-webhooks');
    await row.getByRole('button', { name: 'Pause' }).click();
    await page.locator('#webhooks tbody tr .state-paused').waitFor();
    await page.locator('#webhooks tbody tr').getByRole('button', { name: 'Resume' }).click();
    await page.locator('#webhooks tbody tr .state-active').waitFor();
    await done(session);
  });

  it('scans: the quota left, Scan now, and the scan in the recent list', async () => {
    const session = await signedIn(vigil.editToken);
    const { page } = session;
    await page.getByRole('link', { name: 'Scans' }).click();
    const quota = page.locator('#scan-quota');
    await quota.waitFor();
    const left = Number((await quota.textContent()).match(/^(\d+) of 5/)[1]);
    const before = await page.locator('#scans tbody tr').count();
    await page.getByRole('button', { name: 'Scan now' }).click();
    await page.locator('#scan-quota', { hasText: `${left - 1} of 5` }).waitFor();
    assert.equal(await page.locator('#scans tbody tr').count(), before + 1);
    await screenshot(page, '11-scans');
    await done(session);
  });

  it('an insight: fields, payload, classify without and with rationale, reset, dismiss, timeline', async () => {
    const session = await signedIn(vigil.editToken);
    const { page } = session;
    await rows(page).nth(0).getByRole('link').click();
    await page.locator('#fields').waitFor();
    assert.match(await page.locator('#payload').textContent(), /detection_method/);
    await page.locator('#timeline').waitFor();

    await page.locator('#classification').selectOption('false_positive');
    assert.equal(await page.locator('#rationale').isVisible(), false, 'no rationale field for false_positive');
    await page.locator('#classification').selectOption('accept_risk');
    assert.equal(await page.locator('#rationale').isVisible(), true);
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.locator('#action-error', { hasText: "rationale is required when classification is 'accept_risk'" }).waitFor();

    await page.locator('#rationale').fill('tracked in SEC-42');
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.locator('#classification-value', { hasText: 'accept risk' }).waitFor();
    assert.equal(await page.locator('#action-error').textContent(), '');
    await page.locator('#timeline li', { hasText: 'user classification: none → accept risk' }).waitFor();
    await page.locator('#timeline blockquote', { hasText: 'tracked in SEC-42' }).waitFor();
    // Who acted, by the token's name (the demo token is named "demo"), never its opaque id.
    await page.locator('#timeline .by', { hasText: 'demo (API token)' }).first().waitFor();
    assert.doesNotMatch(await page.locator('#timeline').textContent(), /token:[0-9a-f]{32}/);

    await page.locator('#classification').selectOption('other');
    await page.locator('#rationale').fill('changed my mind');
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.locator('#action-error', { hasText: "classification is 'accept_risk'; reset it to null before setting 'other'" }).waitFor();
    await screenshot(page, '04-insight');

    await page.getByRole('button', { name: 'Reset classification' }).click();
    await page.locator('#classification-value', { hasText: 'unclassified' }).waitFor();
    await page.locator('#timeline li', { hasText: 'user classification: accept risk → none' }).waitFor();

    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByRole('button', { name: 'Restore (undismiss)' }).waitFor();
    assert.equal(await page.locator('#fields dd').nth(7).textContent(), 'yes');
    await page.getByRole('button', { name: 'Restore (undismiss)' }).click();
    await page.getByRole('button', { name: 'Dismiss' }).waitFor();

    await page.locator('#timeline > li').nth(1).waitFor();
    const timeline = await page.locator('#timeline > li').allTextContents();
    assert.equal(timeline.length, 2, timeline.join('\n'));
    assert.match(timeline[0], /accept risk → none/);
    assert.match(timeline[1], /none → accept risk/);
    await done(session);
  });

  it('extended context is shown for an insight that has it', async () => {
    const session = await signedIn(vigil.editToken);
    const { page } = session;
    await page.locator('#f-issue_type').fill('exposed_infrastructure');
    await page.locator('#f-issue_type').press('Enter');
    await waitHash(page, /issue_type=exposed_infrastructure/);
    await rows(page).first().getByRole('link').click();
    assert.match(await page.locator('#context').textContent(), /open_ports/);
    await done(session);
  });

  it('the audit log: filters and cursor pages', async () => {
    const session = await signedIn(vigil.editToken);
    const { page } = session;
    // Two changes, so that there is more than one page of one entry.
    await rows(page).nth(1).getByRole('link').click();
    await page.locator('#classification').selectOption('false_positive');
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.locator('#classification-value', { hasText: 'false positive' }).waitFor();
    await page.getByRole('button', { name: 'Reset classification' }).click();
    await page.locator('#classification-value', { hasText: 'unclassified' }).waitFor();
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.locator('#audit tbody tr').first().waitFor();
    assert.ok(await page.locator('#audit tbody tr').count() >= 2);
    assert.equal(await page.locator('#audit tbody tr .by').first().textContent(), 'demo (API token)');
    assert.equal(await page.locator('#audit tbody tr .by').first().getAttribute('title'), 'token:de000000000000000000000000000001');
    await screenshot(page, '05-audit-log');

    await page.locator('#a-field').selectOption('user_classification');
    await page.locator('#a-per-page').selectOption('10');
    await page.locator('#a-changed-by').fill('token:de000000000000000000000000000001');
    await page.getByRole('button', { name: 'Apply' }).click();
    await waitHash(page, /field_changed=user_classification/);
    await page.locator('#audit tbody tr').first().waitFor();

    await page.goto(page.url().replace('per_page=10', 'per_page=1'));
    await page.locator('#audit-info', { hasText: '1 entries on this page' }).waitFor();
    const firstEntry = await page.locator('#audit tbody tr').textContent();
    await page.getByRole('link', { name: 'Next page →' }).click();
    await waitHash(page, /cursor=/);
    await page.locator('#audit-first').waitFor();
    assert.notEqual(await page.locator('#audit tbody tr').textContent(), firstEntry);
    await page.locator('#audit-first').click();
    await waitHash(page, /^(?!.*cursor=).*\/audit-log/);

    await page.locator('#a-order').selectOption('asc');
    await page.getByRole('button', { name: 'Apply' }).click();
    await waitHash(page, /order=asc/);
    await page.locator('#audit caption', { hasText: 'oldest first' }).waitFor();
    await done(session);
  });

  it('the zone has its own list', async () => {
    const session = await signedIn(vigil.editToken);
    const { page } = session;
    const accountTotal = await page.locator('#page-info').textContent();
    await page.locator('#scope').selectOption(`zones/${DEMO.zone}`);
    await waitHash(page, new RegExp(`#/zones/${DEMO.zone}/insights`));
    await page.locator('h1', { hasText: 'Insights · example.com' }).waitFor();
    assert.notEqual(await page.locator('#page-info').textContent(), accountTotal);
    await done(session);
  });

  it('keyboard triage: move, open, classify, reset, dismiss, restore, help, back', async () => {
    const session = await signedIn(vigil.editToken);
    const { page } = session;
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    assert.equal(await rows(page).nth(1).getAttribute('aria-current'), 'true');
    const ids = await rows(page).locator('a').evaluateAll((links) => links.map((a) => a.hash.split('/').pop()));
    const subject = (await column(page, 3))[1];
    await page.keyboard.press('Enter');
    await waitHash(page, new RegExp(`/insights/${ids[1]}$`));
    await page.locator('#insight-title', { hasText: subject }).waitFor();
    await page.keyboard.press('j');
    await waitHash(page, new RegExp(`/insights/${ids[2]}$`));
    await page.keyboard.press('k');
    await waitHash(page, new RegExp(`/insights/${ids[1]}$`));

    await page.keyboard.press('1');
    await page.locator('#classification-value', { hasText: 'false positive' }).waitFor();
    await page.keyboard.press('r');
    await page.locator('#classification-value', { hasText: 'unclassified' }).waitFor();
    await page.keyboard.press('2');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'rationale');
    await page.keyboard.type('compensating control');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('#classification-value', { hasText: 'accept risk' }).waitFor();
    await page.locator('#insight-title').focus();
    await page.keyboard.press('r');
    await page.locator('#classification-value', { hasText: 'unclassified' }).waitFor();
    await page.keyboard.press('d');
    await page.getByRole('button', { name: 'Restore (undismiss)' }).waitFor();
    await page.keyboard.press('d');
    await page.getByRole('button', { name: 'Dismiss' }).waitFor();

    await page.keyboard.press('?');
    await page.locator('#help').waitFor({ state: 'visible' });
    await screenshot(page, '06-keyboard-help');
    await page.keyboard.press('Escape');
    await page.locator('#help').waitFor({ state: 'hidden' });

    await page.keyboard.press('u');
    await rows(page).first().waitFor();
    assert.equal(await rows(page).nth(1).getAttribute('aria-current'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.closest('tr')?.id), 'row-1', 'the selection has the focus');
    await page.keyboard.press('n');
    await page.locator('#page-info', { hasText: 'Page 2 of' }).waitFor();
    await page.keyboard.press('g');
    await page.keyboard.press('a');
    await page.locator('#audit, #no-entries').first().waitFor();
    await done(session);
  });

  it('a read-only token sees no write action, and the keys do nothing', async () => {
    const session = await signedIn(vigil.readToken);
    const { page } = session;
    await page.keyboard.press('d');
    await rows(page).first().getByRole('link').click();
    await page.locator('#read-only').waitFor();
    for (const id of ['#classify-form', '#classify', '#reset', '#dismiss']) {
      assert.equal(await page.locator(id).count(), 0, `${id} is absent`);
    }
    await page.keyboard.press('1');
    await page.keyboard.press('d');
    assert.equal(await page.locator('#classification-value').textContent(), 'unclassified');
    await screenshot(page, '07-read-only');
    await done(session);
  });

  it('a zone token lands on its zone, without the account’s extended context', async () => {
    const session = await signedIn(vigil.zoneToken);
    const { page } = session;
    await waitHash(page, new RegExp(`#/zones/${DEMO.zone}/insights$`));
    assert.deepEqual(await page.locator('#scope option').allTextContents(), ['example.com (Demo account)']);
    await page.locator('#f-issue_type').fill('exposed_infrastructure');
    await page.locator('#f-issue_type').press('Enter');
    await waitHash(page, /issue_type=exposed_infrastructure/);
    await rows(page).first().getByRole('link').click();
    await page.getByText('Available through the account').waitFor();
    assert.equal(await page.locator('#classify').count(), 1, 'an edit token on the zone may classify there');
    await done(session);
  });

  it('email and global API key sign in too', async () => {
    const session = await signedIn({ email: DEMO.email, key: vigil.userKey });
    assert.equal(await session.page.locator('#who').textContent(), DEMO.email);
    await done(session);
  });

  it('a 401 returns to sign-in; sign out forgets the credentials', async () => {
    const session = await signedIn(vigil.editToken);
    const { page } = session;
    await page.evaluate(() => sessionStorage.setItem('vigil.credentials', JSON.stringify({ kind: 'token', token: 'y'.repeat(40) })));
    await page.locator('#next-page').click();
    await page.getByText('Signed out: Invalid access token').waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);

    await page.getByRole('textbox', { name: 'API token' }).fill(vigil.editToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await rows(page).first().waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Vigil' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to Vigil' }).waitFor();
    await done(session);
  });

  it('phone width: list and insight fit the screen', async () => {
    const session = await signedIn(vigil.editToken, { width: 390, height: 844 });
    const { page } = session;
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.equal(await fits(), true, 'list fits');
    await screenshot(page, '08-phone-list');
    await rows(page).first().getByRole('link').click();
    await page.locator('#fields').waitFor();
    assert.equal(await fits(), true, 'insight fits');
    await screenshot(page, '09-phone-insight');
    await done(session);
  });

  it('every request the console made went to /client/v4 or its own files', () => {
    const lines = vigil.accessLog();
    assert.ok(lines.length > 50, `access log has ${lines.length} lines`);
    const requests = lines.map((line) => line.replace(/^.* access - /, ''));
    const outside = requests.filter((r) => !/^(api GET|api PUT|api PATCH|api POST) \/client\/v4\/\S* \d{3} /.test(r)
      && !/^console GET (\/|\/console\/[a-z0-9-]+\.(html|js|css|svg)) (200|304) /.test(r));
    assert.deepEqual(outside, []);
    assert.ok(requests.some((r) => r.startsWith('api PATCH ')));
    assert.ok(requests.some((r) => r.startsWith('api PUT ')));
  });
});
