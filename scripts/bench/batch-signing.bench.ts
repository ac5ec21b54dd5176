/**
 * Batch signing (issue 13): an official signs 50 approved template letters (10 with --quick)
 * with one PIN and one second-factor code, `POST /api/v1/letters/outgoing/sign-batch` on the
 * real HTTP app (SQLite, embedded profile), timed from the request to the answer. Bar: 50
 * letters ≤ 10 s. The letters are drafted and approved beforehand, untimed.
 *
 * Where the time goes, from timers wrapped around the engine's ports for the timed call only:
 * rendering the letter again for the signing day, stamping (clean rewrite + block + QR code),
 * the PAdES signature (CMS; with a timestamp authority, its round trip too), the check of the
 * signed letter by the office's verifier, unlocking the key; the rest is the database and
 * storage (claims, counters, the commit, the stored PDF) and HTTP. Then the same with a local
 * `openssl ts` authority (TSA_URL) for a few letters, to show what a timestamp adds per letter.
 * And the batch once more with the job worker and the public-log sequencer paused during the
 * timed call (no bar): each signed letter queues its text extraction, indexing and log leaf,
 * which run in the same process and contend with the next letters for the CPU and the database.
 */
import os from 'node:os';
import { api } from '../../test/support/http.ts';
import { approvedLetter, issueCertificate, person, setUpUnits } from '../../test/support/sign-office.ts';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { startTsa } from '../../test/support/tsa.ts';
import type { Bench, BenchFigure } from './figure.ts';

const PIN = 'pin-bench-123';

type Split = Record<string, number>;

/** Wraps `obj[name]` so each call's time adds to `split[label]`. */
const timed = <T extends object>(obj: T, name: keyof T & string, label: string, split: Split): void => {
  const fn = (obj[name] as (...a: unknown[]) => Promise<unknown>).bind(obj);
  (obj as Record<string, unknown>)[name] = async (...a: unknown[]) => {
    const t = performance.now();
    try {
      return await fn(...a);
    } finally {
      split[label] = (split[label] ?? 0) + performance.now() - t;
    }
  };
};

/** Drafts and approves `n` letters, then signs them in one batch; the wall time and the split. */
const batchOf = async (
  app: TestApp,
  n: number,
  o: { pauseBackground?: boolean } = {},
): Promise<{ seconds: number; cpuSeconds: number; split: Split; signed: number }> => {
  await setUpUnits(app);
  const drafter = await person(app, 'konseptor', 'staff', 'BKD');
  const signer = await person(app, 'kaban', 'official', 'BKD');
  const cert = await issueCertificate(app, signer, PIN);
  if (cert.status !== 201) throw new Error(`certificate: ${JSON.stringify(cert.body)}`);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await approvedLetter(app, drafter, signer));
  const { deps } = app.naskah;
  const split: Split = {};
  timed(deps.letterRenderer, 'render', 'render', split);
  timed(deps.signing.stamper, 'stamp', 'stamp', split);
  timed(deps.signing.signer, 'sign', 'sign', split);
  timed(deps.signing.verifier, 'verify', 'verify', split);
  timed(deps.signing.ca, 'unlockKey', 'unlock', split);
  timed(deps.blobs, 'putFile', 'store PDF', split);
  timed(deps.staging, 'write', 'store PDF', split);
  timed(deps.db, 'transaction', 'transactions', split);
  if (o.pauseBackground) {
    await app.naskah.runner?.stop();
    await app.naskah.logSequencer.stop();
  }
  const t = performance.now();
  const cpu = process.cpuUsage();
  const r = await api(app, signer.token, 'POST', '/api/v1/letters/outgoing/sign-batch', { letterIds: ids, pin: PIN, totp: app.nextTotp('kaban') });
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  if (r.status !== 200) throw new Error(`sign-batch: ${r.status} ${JSON.stringify(r.body)}`);
  const results = r.body.results as { status: string; error?: string }[];
  const signed = results.filter((x) => x.status === 'signed').length;
  if (signed !== n) throw new Error(`only ${signed} of ${n} signed: ${JSON.stringify(results.find((x) => x.status !== 'signed'))}`);
  return { seconds, cpuSeconds, split, signed };
};

const describeSplit = (seconds: number, split: Split): string => {
  const known = Object.values(split).reduce((a, b) => a + b, 0);
  const parts = { ...split, 'other reads, claims, HTTP': seconds * 1000 - known };
  return Object.entries(parts)
    .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(2)} s (${((ms / (seconds * 1000)) * 100).toFixed(0)}%)`)
    .join(', ');
};

const bench: Bench = async ({ quick }) => {
  const n = quick ? 10 : 50;
  const figures: BenchFigure[] = [];
  const app = await startTestApp();
  try {
    const { seconds, cpuSeconds, split } = await batchOf(app, n);
    console.log(
      `  ${n} letters in ${seconds.toFixed(2)} s (${cpuSeconds.toFixed(2)} s of CPU, load average ${os.loadavg()[0]!.toFixed(1)}): ${describeSplit(seconds, split)}`,
    );
    figures.push({
      name: `batch signing of ${n} template letters, one PIN and code, no timestamp authority`,
      value: seconds,
      unit: 's',
      ...(quick ? {} : { bar: { op: '<=' as const, limit: 10, of: 'value' as const, row: 'batch-signing' } }),
      note: describeSplit(seconds, split),
    });
    // On a shared machine the wall time mostly measures the others' load; the CPU the process
    // spent (server and client share it here) does not.
    figures.push({
      name: `CPU time of the same batch (server process, user + system; no bar)`,
      value: cpuSeconds,
      unit: 's',
      note: `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${os.cpus().length} cores`,
    });
  } finally {
    await app.stop();
  }

  // The same with the worker and the log sequencer paused while it runs: what the batch costs by
  // itself, apart from the extraction, indexing and log work each signed letter starts.
  const quiet = await startTestApp();
  try {
    const { seconds, cpuSeconds, split } = await batchOf(quiet, n, { pauseBackground: true });
    console.log(`  ${n} letters, background paused, in ${seconds.toFixed(2)} s: ${describeSplit(seconds, split)}`);
    figures.push({
      name: `batch signing of ${n} letters with the worker and log sequencer paused (no bar)`,
      value: seconds,
      unit: 's',
      note: `${cpuSeconds.toFixed(2)} s of CPU; ${describeSplit(seconds, split)}`,
    });
  } finally {
    await quiet.stop();
  }

  // A timestamp per letter: the same batch, smaller, against a local `openssl ts` authority.
  const tsa = await startTsa();
  const withTsa = await startTestApp({ TSA_URL: tsa.url });
  try {
    const trusted = await api(withTsa, withTsa.adminToken, 'POST', '/api/v1/signing/trust-anchors', { pem: tsa.rootPem });
    if (trusted.status !== 201) throw new Error(`trust the TSA: ${JSON.stringify(trusted.body)}`);
    const m = quick ? 3 : 10;
    const { seconds, split } = await batchOf(withTsa, m);
    console.log(`  ${m} letters with a timestamp in ${seconds.toFixed(2)} s: ${describeSplit(seconds, split)}`);
    figures.push({
      name: `batch signing with RFC 3161 timestamps (local openssl ts), per letter`,
      value: (seconds / m) * 1000,
      unit: 'ms',
      note: `${m} letters; ${describeSplit(seconds, split)}`,
    });
  } finally {
    await withTsa.stop();
    await tsa.close();
  }
  return figures;
};

export default bench;
