// Builds the data dir that every test file of a run copies (fixture imported, credentials created):
//   node prepare.js DIR        (run.sh does this once per run, then exports VIGIL_COMPAT_TEMPLATE=DIR)
// Eight CLI JVMs once instead of once per test file.

import { prepareTemplate } from './harness.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node prepare.js DIR');
  process.exit(2);
}
await prepareTemplate(dir);
