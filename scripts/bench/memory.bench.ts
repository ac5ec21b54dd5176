/**
 * Memory (docs/quality.md): the embedded server (default config: SQLite, local disk, FTS5,
 * OCR_WORKERS = cores) as a child process, idle with the OCR pool
 * warm: a small scanned page (fixture scan-top-1p.png) is uploaded and OCR'd to `ready`, so the
 * workers are up and have run, and a born-digital PDF so pdf.js is loaded; then 5 s of idle
 * with VmRSS sampled every 250 ms; the figure is the median of those samples in MiB (bar ≤ 600).
 * Measured as deployed (the Dockerfile's and `npm start`'s `node dist/src/main.js`, built with
 * tsc into a temp dir; the bar) and as run in development (`node --import tsx src/main.ts`: the
 * tsx loader keeps transformed sources and source maps of every module, pdf.js included, and
 * runs its hooks in a thread of their own). RSS at start, VmHWM and (not --quick) the RSS with
 * one OCR worker, which gives the cost of each further worker, are reported alongside.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { type Bench, type BenchFigure, median } from './figure.ts';
import { buildServer } from './ingest/build.ts';
import { letterFile } from './ingest/letter-files.ts';
import { MB, type ServerProcess, startServer, uploadBytes, waitForStatus } from './ingest/server.ts';
import { ensureFixture } from '../../test/support/fixtures.ts';

const IDLE_MS = 5000;

interface Idle {
  atStart: number;
  afterWork: number;
  idle: number;
  max: number;
  hwm: number;
  textSource: string;
}

/** Starts a server, makes the OCR pool do one page, idles, and samples its RSS. */
const idleRss = async (
  label: string,
  env: Record<string, string>,
  entry: string[] | undefined,
  scan: Uint8Array,
  seed: number,
  log: (m: string) => void,
): Promise<Idle> => {
  const s: ServerProcess = await startServer(env, entry ? { entry } : {});
  try {
    await s.waitIdle({ timeoutMs: 30_000 });
    const atStart = await s.rss();
    const ocr = await uploadBytes(s, 'scan-top-1p.png', scan);
    if (ocr.status !== 201 || !ocr.body.id) throw new Error(`scan upload: ${ocr.status} ${JSON.stringify(ocr.body)}`);
    const done = await waitForStatus(s, ocr.body.id, { everyMs: 200, timeoutMs: 180_000 });
    if (done.status !== 'ready') throw new Error(`scan: ${String(done.status)} ${String(done.error ?? '')}`);
    const pdf = await uploadBytes(s, 'letter.pdf', (await letterFile([seed])).bytes);
    if (pdf.status !== 201 || !pdf.body.id) throw new Error(`pdf upload: ${pdf.status}`);
    await waitForStatus(s, pdf.body.id, { everyMs: 100 });
    const afterWork = await s.rss();
    const samples: number[] = [];
    const until = Date.now() + IDLE_MS;
    while (Date.now() < until) {
      samples.push(await s.rss());
      await new Promise((r) => setTimeout(r, 250));
    }
    const r = { atStart, afterWork, idle: median(samples), max: Math.max(...samples), hwm: await s.hwm(), textSource: String(done.textSource) };
    log(
      `${label} ${JSON.stringify(env)}: RSS ${(atStart / MB).toFixed(0)} MiB warm at start, ${(afterWork / MB).toFixed(0)} after OCR + PDF, idle median ${(r.idle / MB).toFixed(0)} (max ${(r.max / MB).toFixed(0)}), VmHWM ${(r.hwm / MB).toFixed(0)} MiB`,
    );
    return r;
  } finally {
    await s.stop();
  }
};

const bench: Bench = async ({ quick }) => {
  const log = (m: string) => console.log(`  ${m}`);
  const scan = await readFile(await ensureFixture('scan-top-1p.png'));
  const cores = os.availableParallelism();
  const build = await buildServer();
  try {
    const deployed = await idleRss('node dist/src/main.js', {}, build.entry, scan, 99_101, log);
    const dev = await idleRss('node --import tsx src/main.ts', {}, undefined, scan, 99_103, log);
    const note = (r: Idle) =>
      `median over ${IDLE_MS / 1000} s idle after OCR of one page (${r.textSource}) and one PDF; ${(r.atStart / MB).toFixed(0)} MiB right after start with the pool warm, VmHWM ${(r.hwm / MB).toFixed(0)} MiB`;
    const figures: BenchFigure[] = [
      {
        name: `embedded server as deployed (node dist/src/main.js) idle with the OCR pool warm (${cores} workers): RSS`,
        value: deployed.idle / MB,
        unit: 'MiB',
        bar: { op: '<=', limit: 600, of: 'value', row: 'memory-idle' },
        note: note(deployed),
      },
      {
        name: `the same run with tsx (node --import tsx src/main.ts): RSS`,
        value: dev.idle / MB,
        unit: 'MiB',
        note: `${note(dev)}; development entry, no bar`,
      },
    ];
    if (!quick) {
      const one = await idleRss('node dist/src/main.js', { OCR_WORKERS: '1' }, build.entry, scan, 99_102, log);
      figures.push({
        name: 'as deployed with OCR_WORKERS=1: RSS',
        value: one.idle / MB,
        unit: 'MiB',
        note: `so each further OCR worker costs about ${((deployed.idle - one.idle) / MB / Math.max(1, cores - 1)).toFixed(0)} MiB; no bar`,
      });
    }
    return figures;
  } finally {
    await build.remove();
  }
};

export default bench;
