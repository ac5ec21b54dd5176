/**
 * Runs every scripts/bench/*.bench.ts (or those whose name contains an argument) and prints
 * each figure with its reference and the ratio to it. `--quick` shrinks sizes for a smoke run.
 * Results are also written to bench-results/latest.json.
 */
import { readdir, mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import os from 'node:os';
import { type Bench, type BenchFigure, passes, ratioOf } from './figure.ts';
import { readQualityRows, rowOf } from './quality-rows.ts';

// The product runs compiled (`npm start`: node on dist/, no source maps); tsx, which runs the
// benchmarks from source, turns source-mapped stack traces on. Sequelize reads an Error's stack
// after every query, so with them on each query cost about 0.16 ms more CPU here (inclusion
// proof in process: 0.77 vs 0.61 ms) than it does in the product. Benchmarks measure the product.
process.setSourceMapsEnabled(false);

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const filters = args.filter((a) => !a.startsWith('--'));
const flags = args.filter((a) => a.startsWith('--') && a !== '--quick');

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3));

const line = (f: BenchFigure): string => {
  const ratio = ratioOf(f);
  const ok = passes(f);
  const parts = [`${f.name}: ${fmt(f.value)} ${f.unit}`];
  if (f.reference) parts.push(`reference ${f.reference.name} ${fmt(f.reference.value)} ${f.unit}`);
  if (ratio !== undefined) parts.push(`ratio ${ratio.toFixed(2)}`);
  if (f.bar) parts.push(`bar ${f.bar.of === 'ratio' ? 'ratio' : 'value'} ${f.bar.op} ${f.bar.limit} → ${ok ? 'PASS' : 'FAIL'}`);
  if (f.note) parts.push(f.note);
  return parts.join(' | ');
};

const files = (await readdir(here)).filter((f) => f.endsWith('.bench.ts')).sort();
const chosen = filters.length ? files.filter((f) => filters.some((x) => f.includes(x))) : files;
console.log(
  `naskah bench on ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}${quick ? ' (quick)' : ''}${flags.length ? ` ${flags.join(' ')}` : ''}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const rows = await readQualityRows(path.resolve(here, '../..'));
const all: Record<string, BenchFigure[]> = {};
let failed = 0;
for (const file of chosen) {
  console.log(`\n## ${file.replace('.bench.ts', '')}`);
  const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { default: Bench };
  try {
    const figures = await mod.default({ quick, flags });
    all[file] = figures;
    for (const f of figures) {
      console.log(line(f));
      const checks = rowOf(f, rows);
      if (checks && 'row' in checks) console.log(`    checks docs/quality.md ${checks.row}`);
      if (checks && 'problem' in checks) console.log(`    FAIL: ${checks.problem}`);
      if (passes(f) === false || (checks && 'problem' in checks)) failed++;
    }
  } catch (err) {
    failed++;
    console.log(`bench failed: ${(err as Error).stack ?? String(err)}`);
  }
}
await mkdir('bench-results', { recursive: true });
await writeFile('bench-results/latest.json', JSON.stringify({ at: new Date().toISOString(), quick, flags, loadavg: os.loadavg(), results: all }, null, 2));
console.log(`\n${failed === 0 ? 'all bars met' : `${failed} figure(s) miss their bar or failed`}`);
process.exitCode = failed === 0 ? 0 : 1;
