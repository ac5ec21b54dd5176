/**
 * The public log (issue 20), on the embedded profile (SQLite in a temp data dir, the real server
 * on a loopback port, web + worker roles):
 * - log-append: 1,000,000 leaves (100,000 with --quick) waiting in the queue (the outbox signings
 *   write; filled in bulk beforehand, untimed) appended by the sequencer in its batches of 10,000:
 *   leaves/s from the first nudge to the checkpoint of the last. Beside it, without a bar, what
 *   queuing costs a signing: 10,000 leaves queued one statement each, as signings do.
 * - log-proof: inclusion proofs of random leaves at that size fetched over HTTP one after
 *   another (keep-alive) by a client in a process of its own (public-log/proof-client.ts), as a
 *   real client is: client time included, but not run on the server's event loop; p95. 500
 *   requests, under the public routes' budget of 600 per minute per address. Beside it, without
 *   bars, the same proofs in process, the request budget's counted write alone, and `GET /healthz`
 *   over the same HTTP stack, to tell the log's cost from the machine's load.
 * - log-checkpoint: a leaf queued in a transaction and the sequencer nudged, exactly as a signing
 *   does after its commit, until the newest checkpoint (what `GET /log/checkpoint` serves) holds
 *   it; the worst of 20. Not a whole PDF signing: the bar runs from the signing's commit.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pino from 'pino';
import { inclusionProof } from '../../src/app/public-log/log-proofs.ts';
import { queueLogLeaf } from '../../src/app/public-log/queue-leaf.ts';
import { takeRequest } from '../../src/app/operations/request-budget.ts';
import { leafText } from '../../src/domain/public-log/leaf.ts';
import { connect } from '../../src/infra/db/connect.ts';
import { lookupPrefix } from '../../src/infra/db/lookup-prefix.ts';
import { loadConfig } from '../../src/config/config.ts';
import { startNaskah } from '../../src/main.ts';
import { type Bench, type BenchFigure, median, percentile } from './figure.ts';

const BATCH = 10_000;
const here = path.dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

const leafOf = (i: number) => ({
  subjectType: 'outgoing' as const,
  number: `800/${i + 1}/BKD/2026`,
  sha256: createHash('sha256').update(`bench letter ${i}`).digest('hex'),
  certificateSha256: 'c'.repeat(64),
  signedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000),
  now: new Date(),
});

const bench: Bench = async ({ quick }) => {
  const total = quick ? 100_000 : 1_000_000;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'naskah-log-bench-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    OCR_WORKERS: '1',
    RETENTION_PASS_HOURS: '0',
    FIXITY_EVERY_HOURS: '0',
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD: 'bench-sandi-panjang-123',
    LOG_ORIGIN: 'bench.example.go.id/log',
  });
  const naskah = await startNaskah(config, pino({ level: 'silent' }), { warmOcr: false });
  const { deps } = naskah;
  try {
    // What queuing costs a signing (its transaction does one such statement).
    await naskah.logSequencer.stop();
    const q0 = performance.now();
    await deps.db.transaction(async (tx) => {
      for (let i = 0; i < BATCH; i++) await queueLogLeaf(tx, leafOf(i));
    });
    const queueUs = ((performance.now() - q0) * 1000) / BATCH;
    // The rest of the queue in bulk, through a connection of our own (setup, untimed).
    const sql = connect(config.database);
    for (let start = BATCH; start < total; start += 500) {
      const rows = Array.from({ length: Math.min(500, total - start) }, (_, k) => {
        const l = leafOf(start + k);
        return [
          l.sha256,
          lookupPrefix(l.sha256),
          leafText({ kind: 'letter', number: l.number, sha256: l.sha256, certificate: l.certificateSha256, signedAt: l.signedAt }),
          new Date(),
        ];
      });
      await sql.query(`INSERT INTO log_queue (leaf_key, key_prefix, leaf_text, queued_at) VALUES ${rows.map(() => '(?, ?, ?, ?)').join(', ')}`, {
        replacements: rows.flat(),
      });
    }
    await sql.close();
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    naskah.logSequencer.nudge();
    await naskah.logSequencer.idle();
    const appendMs = performance.now() - t0;
    // CPU this process spent appending (its SQLite threads included): on a machine others load, the wall time counts their turns too.
    const cpu = process.cpuUsage(cpu0);
    const appendCpuS = (cpu.user + cpu.system) / 1e6;
    const head = await deps.db.publicLog.head();
    if (head.size !== total) throw new Error(`appended ${head.size} of ${total}`);

    // Proofs over HTTP at that size, asked by a client in a process of its own.
    const client = await run(process.execPath, ['--import', 'tsx', path.join(here, 'public-log', 'proof-client.ts'), naskah.url!, String(total), '500'], {
      cwd: path.resolve(here, '../..'),
      maxBuffer: 1 << 20,
    });
    const times = JSON.parse(client.stdout) as number[];
    if (times.length !== 500) throw new Error(`the proof client measured ${times.length} proofs`);

    // The same proofs without HTTP, and the HTTP stack's floor on this machine now (GET /healthz): where the time goes.
    const inProcess: number[] = [];
    for (let k = 0; k < 500; k++) {
      const s = performance.now();
      await inclusionProof(deps, { index: Math.floor(Math.random() * total) }, total);
      inProcess.push(performance.now() - s);
    }
    // What the public routes' request budget costs each of those requests: one counted write (a commit).
    const budget: number[] = [];
    for (let k = 0; k < 200; k++) {
      const s = performance.now();
      await takeRequest(deps, { what: 'bench budget', windowMs: 60_000, max: 1e9 }, '192.0.2.1');
      budget.push(performance.now() - s);
    }
    const floor: number[] = [];
    for (let k = 0; k < 200; k++) {
      const s = performance.now();
      await (await fetch(`${naskah.url}/healthz`)).text();
      floor.push(performance.now() - s);
    }

    // From a signing's commit to a published checkpoint holding its leaf.
    const delays: number[] = [];
    for (let k = 0; k < 20; k++) {
      const size = (await deps.db.publicLog.head()).size;
      const s = performance.now();
      await deps.db.transaction((tx) => queueLogLeaf(tx, leafOf(total + k)));
      deps.logQueued?.();
      // Polled where GET /log/checkpoint reads it (HTTP polling would spend the address's request budget).
      for (;;) {
        if (((await deps.db.publicLog.latestCheckpoint())?.size ?? 0) > size) break;
        if (performance.now() - s > 10_000) throw new Error('no checkpoint within 10 s');
        await new Promise((r) => setTimeout(r, 5));
      }
      delays.push(performance.now() - s);
    }
    const served = await (await fetch(`${naskah.url}/log/checkpoint`)).text();
    if (Number(served.split('\n')[1]) !== total + 20) throw new Error(`GET /log/checkpoint serves ${served.split('\n')[1]}, not ${total + 20}`);

    const rate = total / (appendMs / 1000);
    return [
      {
        name: `log append, ${total.toLocaleString('en')} queued leaves sequenced in batches of ${BATCH.toLocaleString('en')}`,
        value: rate,
        unit: 'leaves/s',
        bar: { op: '>=', limit: 10_000, of: 'value', row: 'log-append' },
        note: `${(appendMs / 1000).toFixed(1)} s; SQLite in ${os.tmpdir()}; the server process's CPU meanwhile ${appendCpuS.toFixed(1)} s (user ${(cpu.user / 1e6).toFixed(1)}, system ${(cpu.system / 1e6).toFixed(1)}): ${Math.round(total / appendCpuS).toLocaleString('en')} leaves per CPU-second`,
      },
      {
        name: 'queuing a leaf inside a signing transaction (one statement)',
        value: queueUs,
        unit: 'µs/leaf',
        note: `${BATCH.toLocaleString('en')} in one transaction`,
      },
      {
        name: `log inclusion proof p95 over HTTP at ${total.toLocaleString('en')} leaves`,
        value: percentile(times, 95),
        unit: 'ms',
        bar: { op: '<=', limit: 5, of: 'value', row: 'log-proof' },
        note: `p50 ${median(times).toFixed(2)} ms, 500 sequential requests from a client process of its own`,
      },
      {
        name: `log inclusion proof p95 in process (no HTTP) at ${total.toLocaleString('en')} leaves`,
        value: percentile(inProcess, 95),
        unit: 'ms',
        note: `p50 ${median(inProcess).toFixed(2)} ms`,
      },
      {
        name: "the public routes' request budget (one counted write) p95 in process",
        value: percentile(budget, 95),
        unit: 'ms',
        note: `p50 ${median(budget).toFixed(2)} ms, 200 hits`,
      },
      {
        name: 'GET /healthz p95 on the same server, from this process (the HTTP floor now)',
        value: percentile(floor, 95),
        unit: 'ms',
        note: `p50 ${median(floor).toFixed(2)} ms, 200 requests`,
      },
      {
        name: 'leaf queued at a signing → checkpoint published holding it (worst of 20)',
        value: Math.max(...delays) / 1000,
        unit: 's',
        bar: { op: '<=', limit: 1, of: 'value', row: 'log-checkpoint' },
        note: `median ${(median(delays) / 1000).toFixed(3)} s`,
      },
    ] satisfies BenchFigure[];
  } finally {
    await naskah.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};

export default bench;
