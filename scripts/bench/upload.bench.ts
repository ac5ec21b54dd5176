/**
 * Large upload (docs/quality.md): a 500 MiB PDF (--quick 100 MiB) of A4 pages each holding a 300 dpi
 * random-noise JPEG, written once to a temp dir, streamed over loopback HTTP from the file to
 * the server running as a child process (its own temp data dir on the same disk).
 * - Peak RSS growth of the server: VmHWM read as soon as the answer arrives, minus VmRSS just
 *   before sending (VmHWM reset to the current RSS first, via /proc/<pid>/clear_refs); the worst
 *   of the runs (bar ≤ 64 MB).
 * - Throughput in MB/s from the first byte sent to the answer (staging with hashing, PDF
 *   inspection, the fsync, durable store and the database commit are all inside it) against `cp`
 *   of the same file into the same temp dir followed by `sync` of the copy (an fsync: both are
 *   durable; reference, bar ratio ≥ 0.5, as docs/quality.md states). The reference and the upload
 *   alternate, 3 runs each (--quick 1), the reference first in odd runs and second in even ones;
 *   medians. Each upload is new bytes (a run counter in the file) so every one is stored, not
 *   answered as a duplicate.
 * For context (no bar): plain `cp` (no fsync: it only fills the page cache, which no durable
 * upload can match), and a bare Node http server in its own process that hashes the body and
 * writes it with fsync (scripts/bench/ingest/durable-sink.ts).
 * The measured server runs the web role only (NASKAH_ROLES=web), so the extraction job of the
 * previous upload (OCR of noise pages) does not run during the next one. Then one more upload
 * goes to a server with the embedded default roles (web + worker), as an office runs it, and
 * carries the same two bars: peak RSS growth until the answer ≤ 64 MB, and throughput ≥ 0.5 of a
 * `cp` + `sync` of the same file timed just before it; its growth in the first seconds of
 * processing the file is reported without a bar.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Bench, type BenchFigure, median } from './figure.ts';
import { letterFile } from './ingest/letter-files.ts';
import { bumpRun, writeNoisePdf } from './ingest/noise-pdf.ts';
import { getJson, MB, ROOT, type ServerProcess, startServer, uploadBytes } from './ingest/server.ts';
import { streamUpload } from './ingest/stream-upload.ts';

const MBs = (bytes: number, s: number) => bytes / 1e6 / s;

/** Seconds to `cp` src to a new file beside it (removed afterwards); `sync` adds an fsync of the copy. */
const cpSeconds = async (src: string, dir: string, sync = false): Promise<number> => {
  const dst = path.join(dir, `cp-${Date.now()}.pdf`);
  try {
    const t = performance.now();
    const r = spawnSync('cp', [src, dst]);
    if (r.status !== 0) throw new Error(`cp failed: ${r.stderr.toString()}`);
    if (sync) {
      const s = spawnSync('sync', [dst]);
      if (s.status !== 0) throw new Error(`sync failed: ${s.stderr.toString()}`);
    }
    return (performance.now() - t) / 1000;
  } finally {
    await rm(dst, { force: true });
  }
};

/** Starts scripts/bench/ingest/durable-sink.ts as a child process; returns its URL and a stop function. */
const startSink = async (dir: string): Promise<{ url: string; stop(): Promise<void> }> => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/bench/ingest/durable-sink.ts'), dir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    const port = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.setEncoding('utf8').on('data', (c: string) => {
        out += c;
        const m = /PORT (\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`durable sink exited with ${code}`)));
      setTimeout(() => reject(new Error('durable sink did not start')), 30_000).unref();
    });
    return { url: `http://127.0.0.1:${port}`, stop };
  } catch (e) {
    await stop();
    throw e;
  }
};

interface Measured {
  seconds: number;
  /** Seconds until the staged temp file held the whole body (the rest is fsync, inspection, store, commit). */
  received: number;
  growth: number;
  sampledPeak: number;
  status: number;
  body: Record<string, unknown>;
}

/**
 * A small PDF first, so the server has loaded what any PDF upload loads (pdf.js is imported on
 * the first inspection, about 100 MB of heap once) before RSS is measured.
 */
const warmUp = async (s: ServerProcess, seed: number): Promise<void> => {
  const r = await uploadBytes(s, 'warm-up.pdf', (await letterFile([seed])).bytes);
  if (r.status !== 201) throw new Error(`warm-up upload: ${r.status} ${JSON.stringify(r.body)}`);
};

/** Bytes in the server's staging folder (<data>/tmp). */
const stagedBytes = async (dataDir: string): Promise<number> => {
  const dir = path.join(dataDir, 'tmp');
  let total = 0;
  for (const f of await readdir(dir).catch(() => [])) total += (await stat(path.join(dir, f)).catch(() => ({ size: 0 }))).size;
  return total;
};

/**
 * One upload with the server's RSS before, VmHWM at the answer, and RSS and the staged file's
 * size sampled every 20 ms on the way.
 */
const measuredUpload = async (s: ServerProcess, file: string, name: string, size: number): Promise<Measured> => {
  await s.resetPeak();
  const before = await s.rss();
  let sampledPeak = before;
  let sampling = true;
  let received = NaN;
  const t0 = performance.now();
  const sampler = (async () => {
    while (sampling) {
      sampledPeak = Math.max(sampledPeak, await s.rss().catch(() => 0));
      if (Number.isNaN(received) && (await stagedBytes(s.dataDir)) >= size) received = (performance.now() - t0) / 1000;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const r = await streamUpload(s.url, s.token, file, name, { title: name });
  const peak = await s.hwm();
  sampling = false;
  await sampler;
  return { seconds: r.seconds, received, growth: peak - before, sampledPeak: sampledPeak - before, status: r.status, body: r.body };
};

const bench: Bench = async ({ quick }) => {
  const log = (m: string) => console.log(`  ${m}`);
  const target = (quick ? 100 : 500) * MB;
  const runs = quick ? 1 : 3;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-upload-bench-'));
  const figures: BenchFigure[] = [];
  try {
    const t = performance.now();
    const pdf = await writeNoisePdf(path.join(dir, 'noise.pdf'), target);
    log(`wrote ${(pdf.size / MB).toFixed(1)} MiB, ${pdf.pages} pages in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const s = await startServer({ NASKAH_ROLES: 'web' }, { dataDir: path.join(dir, 'data') });
    const sink = await startSink(dir).catch(async (e: unknown) => {
      await s.stop();
      throw e;
    });
    const ups: Measured[] = [];
    const cps: number[] = [];
    const cpsSynced: number[] = [];
    const sinks: number[] = [];
    try {
      const cold = await s.rss();
      await warmUp(s, 99_001);
      log(
        `server pid ${s.pid} (web role), RSS ${(cold / MB).toFixed(1)} MiB at start, ${((await s.rss()) / MB).toFixed(1)} MiB after a 1-page PDF upload; load average ${os.loadavg()[0]!.toFixed(2)}`,
      );
      spawnSync('cat', [pdf.path], { stdio: 'ignore' }); // both cp and upload read the file from the page cache
      for (let i = 0; i < runs; i++) {
        // The reference goes first in odd runs and second in even ones, so neither always
        // follows the other's writes to the disk.
        if (i % 2 === 0) cpsSynced.push(await cpSeconds(pdf.path, dir, true));
        await bumpRun(pdf.path, i + 1);
        const m = await measuredUpload(s, pdf.path, `noise-${i}.pdf`, pdf.size);
        if (m.status !== 201) throw new Error(`upload ${i}: ${m.status} ${JSON.stringify(m.body)}`);
        if (m.body.pages !== pdf.pages) throw new Error(`upload ${i}: server counted ${String(m.body.pages)} pages, the file has ${pdf.pages}`);
        ups.push(m);
        if (i % 2 === 1) cpsSynced.push(await cpSeconds(pdf.path, dir, true));
        cps.push(await cpSeconds(pdf.path, dir));
        const sunk = await streamUpload(sink.url, 'none', pdf.path, 'noise.pdf');
        if (sunk.status !== 200) throw new Error(`durable sink: ${sunk.status} ${JSON.stringify(sunk.body)}`);
        sinks.push(sunk.seconds);
        log(
          `run ${i + 1}: cp + sync ${cpsSynced.at(-1)!.toFixed(2)} s (cp alone ${cps.at(-1)!.toFixed(2)} s), bare durable HTTP sink ${sunk.seconds.toFixed(2)} s, upload ${m.seconds.toFixed(2)} s (body staged after ${m.received.toFixed(2)} s), RSS growth peak ${(m.growth / MB).toFixed(1)} MiB (sampled ${(m.sampledPeak / MB).toFixed(1)} MiB)`,
        );
      }
    } finally {
      await sink.stop();
      await s.stop();
    }
    const size = `${(pdf.size / MB).toFixed(0)} MiB`;
    const worst = Math.max(...ups.map((u) => u.growth));
    figures.push(
      {
        name: `${size} upload: server peak RSS growth (worst of ${runs})`,
        value: worst / MB,
        unit: 'MiB',
        bar: { op: '<=', limit: 64, of: 'value', row: 'upload-memory' },
        note: `VmHWM − VmRSS before, per run ${ups.map((u) => (u.growth / MB).toFixed(1)).join(', ')} MiB; web role only`,
      },
      {
        name: `${size} upload throughput (median of ${runs})`,
        value: MBs(pdf.size, median(ups.map((u) => u.seconds))),
        unit: 'MB/s',
        reference: { name: 'cp + sync (fsync of the copy) to the same disk', value: MBs(pdf.size, median(cpsSynced)) },
        bar: { op: '>=', limit: 0.5, of: 'ratio', row: 'upload-throughput' },
        note: `upload ${ups.map((u) => u.seconds.toFixed(2)).join(', ')} s, of which after the body was staged (inspection, fsync, store, commit) ${ups.map((u) => (u.seconds - u.received).toFixed(2)).join(', ')} s; cp + sync ${cpsSynced.map((c) => c.toFixed(2)).join(', ')} s; load average ${os.loadavg()[0]!.toFixed(2)}`,
      },
      {
        // cp alone only fills the page cache; the server answers only once the original is durable. For context, no bar.
        name: `${size} upload throughput vs a copy left in the page cache (median of ${runs})`,
        value: MBs(pdf.size, median(ups.map((u) => u.seconds))),
        unit: 'MB/s',
        reference: { name: 'cp without sync', value: MBs(pdf.size, median(cps)) },
        note: `cp ${cps.map((c) => c.toFixed(2)).join(', ')} s; no bar`,
      },
      {
        name: `${size} upload throughput vs a bare durable HTTP receiver (median of ${runs})`,
        value: MBs(pdf.size, median(ups.map((u) => u.seconds))),
        unit: 'MB/s',
        reference: { name: 'Node http server that only hashes and writes with fsync (own process, same client)', value: MBs(pdf.size, median(sinks)) },
        note: `sink ${sinks.map((c) => c.toFixed(2)).join(', ')} s; the floor any durable upload over HTTP pays here; no bar`,
      },
    );

    {
      // The embedded default: the worker picks the file up as soon as the upload commits.
      const full = await startServer({}, { dataDir: path.join(dir, 'data-full') });
      try {
        log(`waiting for the OCR pool to warm: ${(await full.waitIdle()) ? 'quiet' : 'still busy'}; RSS ${((await full.rss()) / MB).toFixed(1)} MiB`);
        await warmUp(full, 99_002);
        await bumpRun(pdf.path, 1000);
        const cp = await cpSeconds(pdf.path, dir, true);
        const before = await full.rss();
        const m = await measuredUpload(full, pdf.path, 'noise-full.pdf', pdf.size);
        if (m.status !== 201) throw new Error(`upload (web + worker): ${m.status} ${JSON.stringify(m.body)}`);
        const watchS = 15;
        await new Promise((r) => setTimeout(r, watchS * 1000));
        const processing = (await full.hwm()) - before;
        const doc = await getJson(full, `/api/v1/documents/${String(m.body.id)}`);
        log(
          `web + worker: upload ${m.seconds.toFixed(2)} s, growth at the answer ${(m.growth / MB).toFixed(1)} MiB, peak growth ${watchS} s into processing ${(processing / MB).toFixed(1)} MiB (status ${String(doc.body.status)})`,
        );
        figures.push(
          {
            name: `${size} upload, embedded default roles (web + worker): server peak RSS growth until the answer`,
            value: m.growth / MB,
            unit: 'MiB',
            bar: { op: '<=', limit: 64, of: 'value', row: 'upload-memory' },
            note: 'one upload',
          },
          {
            name: `${size} upload throughput, embedded default roles (web + worker)`,
            value: MBs(pdf.size, m.seconds),
            unit: 'MB/s',
            reference: { name: 'cp + sync to the same disk, just before', value: MBs(pdf.size, cp) },
            bar: { op: '>=', limit: 0.5, of: 'ratio', row: 'upload-throughput' },
            note: `upload ${m.seconds.toFixed(2)} s, cp + sync ${cp.toFixed(2)} s; one upload; load average ${os.loadavg()[0]!.toFixed(2)}`,
          },
          {
            name: `${size} PDF of noise pages: server peak RSS growth in the first ${watchS} s of processing it`,
            value: processing / MB,
            unit: 'MiB',
            note: `document status then: ${String(doc.body.status)}; no bar`,
          },
        );
      } finally {
        await full.stop();
      }
    }
    return figures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export default bench;
