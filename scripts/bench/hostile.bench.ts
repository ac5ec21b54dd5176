/**
 * Hostile clients against the server as deployed (`node dist/src/main.js`, built into a temp
 * dir), a process of its own so its event loop and memory are measured from outside: for the
 * image bomb (one A4 page drawing a 20,000 × 20,000 image, 390 KB), the flate bomb (a content
 * stream of 1 GiB in 1 MB) and 200 slow clients (each sends a login body one byte a second),
 * the worst `/healthz` latency while it lasts (polled back to back, bar ≤ 200 ms) and the
 * server's peak RSS (VmHWM reset before each, bar ≤ 1 GiB; issue 16). The slow clients must all
 * be cut off: their count and the longest any of them held its connection are reported.
 */
import { readFile } from 'node:fs/promises';
import { ensureFixture } from '../../test/support/fixtures.ts';
import { pacedRequest, rawHttp } from '../../test/support/raw-http.ts';
import { watchHealth } from '../../test/support/server-process.ts';
import type { Bench, BenchFigure } from './figure.ts';
import { buildServer } from './ingest/build.ts';
import { MB, startServer, uploadBytes } from './ingest/server.ts';

const MS_BAR = { op: '<=', limit: 200, of: 'value', row: 'hostile-latency' } as const;
const RSS_BAR = { op: '<=', limit: 1024, of: 'value', row: 'hostile-memory' } as const;

const bench: Bench = async ({ quick }) => {
  const build = await buildServer();
  const server = await startServer({ OCR_WORKERS: '2' }, { entry: build.entry });
  const figures: BenchFigure[] = [];
  try {
    await server.waitIdle({ timeoutMs: 30_000 });
    const watched = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
      await server.resetPeak();
      const health = watchHealth(server.url);
      const out = await work();
      const { worstMs, answers } = await health.stop();
      const peak = (await server.hwm()) / MB;
      figures.push({ name: `${what}: worst /healthz`, value: worstMs, unit: 'ms', bar: MS_BAR, note: `${answers} answers` });
      figures.push({ name: `${what}: peak RSS`, value: peak, unit: 'MiB', bar: RSS_BAR });
      return out;
    };
    for (const name of ['image-bomb.pdf', 'flate-bomb.pdf'] as const) {
      const bytes = await readFile(await ensureFixture(name));
      const r = await watched(name, () => uploadBytes(server, name, bytes));
      figures.push({ name: `${name}: answered`, value: r.status, unit: 'status', note: String(r.body.detail ?? r.body.status) });
    }
    const clients = quick ? 50 : 200;
    const body = JSON.stringify({ username: 'admin', password: 'lambat-sekali-'.repeat(4) });
    const request = rawHttp('POST', '/api/v1/auth/login', { 'Content-Type': 'application/json' }, body);
    const head = request.length - Buffer.byteLength(body);
    const replies = await watched(`${clients} slow clients`, () =>
      Promise.all(Array.from({ length: clients }, () => pacedRequest(server.url, request, { atOnce: head, chunk: 1, everyMs: 1000, giveUpMs: 120_000 }))),
    );
    const cut = replies.filter((r) => r.status === 408 && r.sent < request.length).length;
    figures.push({
      name: `${clients} slow clients: cut off with 408`,
      value: cut,
      unit: 'clients',
      bar: { op: '>=', limit: clients, of: 'value', row: 'slow-clients' },
    });
    figures.push({
      name: `${clients} slow clients: longest held`,
      value: Math.max(...replies.map((r) => r.closedAfterMs)) / 1000,
      unit: 's',
      note: 'grace period 10 s (BODY_GRACE_SECONDS), then ≥ 16 KB/s (BODY_MIN_KBPS)',
    });
  } finally {
    await server.stop();
    await build.remove();
  }
  return figures;
};

export default bench;
