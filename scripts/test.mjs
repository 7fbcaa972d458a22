// Runs the vitest suite, writes its JSON report, and prints the closing line CI reads:
// "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// One report per run, outside the tree: CI runs several of these at once in one checkout.
const reportDir = mkdtempSync(join(tmpdir(), 'ferry-vitest-'));
const report = join(reportDir, 'report.json');
const args = [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const run = spawnSync('npx', args, { stdio: 'inherit' });
if (!existsSync(report)) {
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(run.status || 1);
}
const r = JSON.parse(readFileSync(report, 'utf8'));
rmSync(reportDir, { recursive: true, force: true });
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
// A file that fails outside its tests (a hook, an import) has no failed test of its own: count it.
const brokenFiles = r.testResults.filter(
  (t) => t.status === 'failed' && !t.assertionResults.some((a) => a.status === 'failed'),
);
const failed = r.numFailedTests + brokenFiles.length;
for (const f of brokenFiles)
  console.log(`Failed outside its tests: ${f.name}\n  ${(f.message ?? '').split('\n')[0]}`);
if (skipped > 0) {
  const names = r.testResults.flatMap((t) =>
    t.assertionResults.filter((a) => a.status === 'pending' || a.status === 'skipped').map((a) => a.fullName),
  );
  console.log(
    `\nSkipped tests (${skipped}):\n` +
      names
        .slice(0, 50)
        .map((n) => `  - ${n}`)
        .join('\n'),
  );
}
console.log(`${r.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : (run.status ?? 1));
