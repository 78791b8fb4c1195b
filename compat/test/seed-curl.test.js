// The seed document's curl example, run verbatim except for the host and the credentials: the variables
// it uses ($ACCOUNTS_OR_ZONES, $ACCOUNT_OR_ZONE_ID, $ISSUE_ID, $CLOUDFLARE_API_TOKEN) come from the
// environment, exactly as a reader of the docs would set them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IDS, run, startVigil } from '../harness.js';

const vigil = await startVigil();

// From the seed ("Updates Security Center Insight Classification"); only the host differs.
const seedExample = (origin) => `curl ${origin}/client/v4/$ACCOUNTS_OR_ZONES/$ACCOUNT_OR_ZONE_ID/security-center/insights/$ISSUE_ID/classification \\
    -X PATCH \\
    -H 'Content-Type: application/json' \\
    -H "Authorization: Bearer $CLOUDFLARE_API_TOKEN" \\
    -d '{
          "classification": "false_positive"
        }'`;

const EXPECTED = '{"errors":[],"messages":[],"success":true}';

async function runSeedExample(vars) {
  const { stdout } = await run('bash', ['-c', seedExample(vigil.origin)], {
    timeout: 15_000,
    env: { PATH: process.env.PATH, HOME: process.env.HOME ?? '', ...vars },
  });
  return stdout;
}

test('the seed curl example on an account-level insight prints exactly the seed envelope', async () => {
  const stdout = await runSeedExample({
    ACCOUNTS_OR_ZONES: 'accounts',
    ACCOUNT_OR_ZONE_ID: IDS.account,
    ISSUE_ID: IDS.insights.acct2fa,
    CLOUDFLARE_API_TOKEN: vigil.creds.editToken,
  });
  assert.equal(stdout, EXPECTED);
  assert.equal(await runSeedExample({
    ACCOUNTS_OR_ZONES: 'accounts',
    ACCOUNT_OR_ZONE_ID: IDS.account,
    ISSUE_ID: IDS.insights.acct2fa,
    CLOUDFLARE_API_TOKEN: vigil.creds.editToken,
  }), EXPECTED, 'running it twice is idempotent');
});

test('the seed curl example on a zone-level insight, with a zone-scoped token', async () => {
  const stdout = await runSeedExample({
    ACCOUNTS_OR_ZONES: 'zones',
    ACCOUNT_OR_ZONE_ID: IDS.zone,
    ISSUE_ID: IDS.insights.zoneHttps,
    CLOUDFLARE_API_TOKEN: vigil.creds.zoneEditToken,
  });
  assert.equal(stdout, EXPECTED);
});
