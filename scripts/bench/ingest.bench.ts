/**
 * Ingest through the HTTP API of the server running as a child process with the embedded
 * profile's defaults (SQLite, local disk, FTS5, OCR pool warm, job poll 500 ms with a nudge on
 * enqueue), on 127.0.0.1:
 * - born-digital 1-page PDF, upload → searchable: from sending the request until GET /search for
 *   the letter's own NIP (a token no other letter holds) returns that document; search polled
 *   every 10 ms; 20 distinct letters one after another (--quick 8), after 2 warm-up letters
 *   (bar: p50 ≤ 0.5 s);
 * - growth with pages: born-digital PDFs of 1, 5, 20 and 50 distinct letters, seconds from
 *   sending until GET /documents/:id says `ready` (polled every 10 ms), median of 3 (--quick 1);
 * - 50 concurrent uploads of distinct ~1 MB PDFs (a letter padded with random bytes): 0 errors,
 *   50 documents, 50 objects under objects/originals, each sha256 one row, and (not --quick)
 *   all 50 `ready` and each found exactly once by search, with the time until all are ready;
 * - 50 concurrent uploads of the same ~1 MB bytes: exactly one object and one document id.
 * The 50 are waited for one at a time (one GET every 100 ms): polling all 50 at once every
 * 50 ms was 1,000 requests/s and slowed the very processing it waited for.
 * Counts are taken through the API (ids, GET /documents/:id, search) and checked against the
 * database file and the objects folder.
 */
import sqlite3 from 'sqlite3';
import os from 'node:os';
import path from 'node:path';
import { type Bench, type BenchFigure, median, percentile } from './figure.ts';
import { distinctLetters, letterFile, type LetterFile } from './ingest/letter-files.ts';
import { getJson, MB, type ServerProcess, startServer, uploadBytes, type UploadReply, waitForStatus } from './ingest/server.ts';

const POLL_MS = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seconds from sending the upload until a search for `word` lists the new document. */
const uploadToSearchable = async (s: ServerProcess, f: LetterFile, name: string): Promise<{ total: number; response: number }> => {
  const t0 = performance.now();
  const r = await uploadBytes(s, name, f.bytes, { title: name });
  const response = (performance.now() - t0) / 1000;
  if (r.status !== 201 || !r.body.id) throw new Error(`upload ${name}: ${r.status} ${JSON.stringify(r.body)}`);
  const until = Date.now() + 60_000;
  for (;;) {
    const { status, body } = await getJson<{ items?: { id: string }[] }>(s, `/api/v1/search?q=${encodeURIComponent(f.word)}&limit=5`);
    if (status === 200 && body.items?.some((i) => i.id === r.body.id)) return { total: (performance.now() - t0) / 1000, response };
    if (Date.now() > until) throw new Error(`${name} not searchable after 60 s (last search ${status})`);
    await sleep(POLL_MS);
  }
};

/** Seconds from sending the upload until the document is `ready`. */
const uploadToReady = async (s: ServerProcess, f: LetterFile, name: string): Promise<number> => {
  const t0 = performance.now();
  const r = await uploadBytes(s, name, f.bytes, { title: name });
  if (r.status !== 201 || !r.body.id) throw new Error(`upload ${name}: ${r.status} ${JSON.stringify(r.body)}`);
  const done = await waitForStatus(s, r.body.id, { everyMs: POLL_MS, timeoutMs: 120_000 });
  if (done.status !== 'ready' || done.textSource !== 'pdf-text')
    throw new Error(`${name}: ${done.status} (${String(done.textSource)}) ${String(done.error ?? '')}`);
  return (performance.now() - t0) / 1000;
};

/** Rows per sha256 in the server's own database file (a cross-check of what the API says). */
const rowsBySha = async (dataDir: string): Promise<Map<string, number>> => {
  const db = new sqlite3.Database(path.join(dataDir, 'naskah.sqlite'), sqlite3.OPEN_READONLY);
  try {
    const rows = await new Promise<{ sha256: string; n: number }[]>((res, rej) =>
      db.all('SELECT sha256, COUNT(*) AS n FROM documents GROUP BY sha256', (e: Error | null, r: { sha256: string; n: number }[]) => (e ? rej(e) : res(r))),
    );
    return new Map(rows.map((r) => [r.sha256, r.n]));
  } finally {
    db.close();
  }
};

const concurrently = async (s: ServerProcess, files: { name: string; bytes: Uint8Array }[]) => {
  const t0 = performance.now();
  const replies = await Promise.all(
    files.map(async (f) => {
      const t = performance.now();
      const r = await uploadBytes(s, f.name, f.bytes, { title: f.name }).catch((e: unknown): UploadReply => ({ status: 0, body: { error: String(e) } }));
      return { ...r, s: (performance.now() - t) / 1000 };
    }),
  );
  return { replies, t0, wall: (performance.now() - t0) / 1000 };
};

const bench: Bench = async ({ quick }) => {
  const started = performance.now();
  const log = (m: string) => console.log(`  [${((performance.now() - started) / 1000).toFixed(1)} s] ${m}`);
  const figures: BenchFigure[] = [];
  const s = await startServer();
  try {
    log(`server pid ${s.pid} at ${s.url}, data ${s.dataDir}`);
    log(`waiting for the OCR pool to finish warming (CPU quiet): ${(await s.waitIdle()) ? 'quiet' : 'still busy after 60 s'}`);

    // 1. upload → searchable, one born-digital page at a time.
    const n = quick ? 8 : 20;
    const letters = await distinctLetters(70_000, n + 2);
    for (const [i, f] of letters.slice(0, 2).entries()) await uploadToSearchable(s, f, `warmup-${i}.pdf`);
    const runs: { total: number; response: number }[] = [];
    for (const [i, f] of letters.slice(2).entries()) runs.push(await uploadToSearchable(s, f, `letter-${i}.pdf`));
    const totals = runs.map((r) => r.total);
    log(`upload → searchable (s): ${totals.map((t) => t.toFixed(3)).join(' ')}`);
    figures.push(
      {
        name: `born-digital 1-page PDF upload → searchable p50 (${n} letters)`,
        value: median(totals),
        unit: 's',
        bar: { op: '<=', limit: 0.5, of: 'value', row: 'ingest-born-digital' },
        note: `upload answered p50 ${median(runs.map((r) => r.response)).toFixed(3)} s; search polled every ${POLL_MS} ms; load average ${os.loadavg()[0]!.toFixed(2)}`,
      },
      {
        name: `born-digital 1-page PDF upload → searchable p95 (${n} letters)`,
        value: percentile(totals, 95),
        unit: 's',
        note: `max ${Math.max(...totals).toFixed(3)} s`,
      },
    );

    // 2. growth with pages (seconds to `ready`).
    const reps = quick ? 1 : 3;
    let seed = 80_000;
    for (const pages of [1, 5, 20, 50]) {
      const times: number[] = [];
      for (let r = 0; r < reps; r++) {
        const f = await letterFile(Array.from({ length: pages }, () => seed++));
        times.push(await uploadToReady(s, f, `pages-${pages}-${r}.pdf`));
      }
      log(`${pages} pages → ready (s): ${times.map((t) => t.toFixed(3)).join(' ')}`);
      figures.push({
        name: `born-digital ${pages}-page PDF upload → ready (median of ${reps})`,
        value: median(times),
        unit: 's',
        note: `${((median(times) / pages) * 1000).toFixed(1)} ms/page`,
      });
    }

    // 3. 50 concurrent uploads of distinct ~1 MB files.
    const before = new Set(await s.originals());
    const distinct = await distinctLetters(90_000, 50, MB);
    const sizes = distinct.map((f) => f.bytes.length);
    const c = await concurrently(
      s,
      distinct.map((f, i) => ({ name: `concurrent-${i}.pdf`, bytes: f.bytes })),
    );
    const errors = c.replies.filter((r) => r.status !== 201 || !r.body.id);
    const ids = new Set(c.replies.map((r) => r.body.id).filter(Boolean));
    const newObjects = (await s.originals()).filter((p) => !before.has(p));
    for (const e of errors.slice(0, 3)) log(`error: ${e.status} ${JSON.stringify(e.body).slice(0, 200)}`);
    // Through the API: every id answers and reaches `ready` (polled one document at a time, so
    // the polling does not load the server it waits for), and each letter's NIP finds exactly
    // one document. --quick skips this wait and counts ids, objects and rows only.
    let ready = -1;
    let exactlyOnce = -1;
    let allReady = NaN;
    if (!quick) {
      log(`50 distinct answered in ${c.wall.toFixed(2)} s; waiting for all to be ready`);
      ready = 0;
      for (const id of ids) if ((await waitForStatus(s, id!, { everyMs: 100, timeoutMs: 180_000 })).status === 'ready') ready++;
      allReady = (performance.now() - c.t0) / 1000;
      exactlyOnce = 0;
      for (const [i, f] of distinct.entries()) {
        const { body } = await getJson<{ items: { id: string }[]; total: number }>(s, `/api/v1/search?q=${encodeURIComponent(f.word)}&limit=5`);
        if (body.total === 1 && body.items[0]?.id === c.replies[i]!.body.id) exactlyOnce++;
      }
    }
    const rows = await rowsBySha(s.dataDir);
    const shaRows = c.replies.map((r) => rows.get(String(r.body.sha256)) ?? 0);
    const checked = quick ? '' : `; ${ready} ready; ${exactlyOnce} found exactly once by search`;
    log(
      `50 distinct: sizes ${(Math.min(...sizes) / MB).toFixed(2)}–${(Math.max(...sizes) / MB).toFixed(2)} MB; statuses ${JSON.stringify(count(c.replies.map((r) => r.status)))}; ${ids.size} ids; ${newObjects.length} new objects${checked}; db rows per sha ${JSON.stringify(count(shaRows))}`,
    );
    figures.push(
      {
        name: '50 concurrent distinct ~1 MB uploads: errors',
        value: errors.length,
        unit: 'errors',
        bar: { op: '<=', limit: 0, of: 'value', row: 'concurrent-uploads' },
        note: `wall ${c.wall.toFixed(2)} s, per-request p50 ${median(c.replies.map((r) => r.s)).toFixed(2)} s p95 ${percentile(
          c.replies.map((r) => r.s),
          95,
        ).toFixed(2)} s`,
      },
      {
        name: '50 concurrent distinct ~1 MB uploads: documents not stored exactly once',
        value: 50 - Math.min(ids.size, newObjects.length, shaRows.filter((x) => x === 1).length, quick ? 50 : exactlyOnce),
        unit: 'docs',
        bar: { op: '<=', limit: 0, of: 'value', row: 'concurrent-uploads' },
        note: `${ids.size} ids, ${newObjects.length} objects, ${shaRows.filter((x) => x === 1).length} sha256 with one row${quick ? '' : `, ${exactlyOnce} found once by search`}`,
      },
    );
    if (!quick)
      figures.push({
        name: '50 concurrent distinct ~1 MB uploads: seconds until all 50 are ready',
        value: allReady,
        unit: 's',
        note: `${ready}/50 ready; uploads answered after ${c.wall.toFixed(2)} s`,
      });

    // 4. 50 concurrent uploads of the same bytes.
    const before2 = new Set(await s.originals());
    const same = (await distinctLetters(95_000, 1, MB))[0]!;
    const c2 = await concurrently(
      s,
      Array.from({ length: 50 }, (_, i) => ({ name: `same-${i}.pdf`, bytes: same.bytes })),
    );
    const errors2 = c2.replies.filter((r) => (r.status !== 201 && r.status !== 200) || !r.body.id);
    const ids2 = new Set(c2.replies.map((r) => r.body.id).filter(Boolean));
    const objects2 = (await s.originals()).filter((p) => !before2.has(p));
    const created = c2.replies.filter((r) => r.status === 201).length;
    const sha = String(c2.replies.find((r) => r.body.sha256)?.body.sha256);
    const rows2 = (await rowsBySha(s.dataDir)).get(sha) ?? 0;
    log(
      `50 same: statuses ${JSON.stringify(count(c2.replies.map((r) => r.status)))}; ${ids2.size} ids; ${objects2.length} new objects; ${rows2} db rows; ${created} answered 201`,
    );
    for (const e of errors2.slice(0, 3)) log(`error: ${e.status} ${JSON.stringify(e.body).slice(0, 200)}`);
    figures.push(
      {
        name: '50 concurrent uploads of the same bytes: errors',
        value: errors2.length,
        unit: 'errors',
        bar: { op: '<=', limit: 0, of: 'value', row: 'concurrent-uploads' },
        note: `wall ${c2.wall.toFixed(2)} s; ${created} × 201, ${c2.replies.filter((r) => r.status === 200 && r.body.duplicate).length} × 200 duplicate`,
      },
      {
        name: '50 concurrent uploads of the same bytes: document ids',
        value: ids2.size,
        unit: 'ids',
        bar: { op: '<=', limit: 1, of: 'value', row: 'concurrent-uploads' },
        note: ids2.size === 0 ? 'no id at all' : undefined,
      },
      {
        name: '50 concurrent uploads of the same bytes: stored objects',
        value: objects2.length,
        unit: 'objects',
        bar: { op: '<=', limit: 1, of: 'value', row: 'concurrent-uploads' },
        note: `${rows2} database row(s) for that sha256`,
      },
    );
    if (ids2.size === 0 || objects2.length === 0 || rows2 !== 1)
      figures.push({
        name: '50 same-bytes uploads: documents stored (must be 1)',
        value: Math.min(objects2.length, rows2),
        unit: 'docs',
        bar: { op: '>=', limit: 1, row: 'concurrent-uploads', of: 'value' },
      });
    return figures;
  } finally {
    await s.stop();
  }
};

const count = <T extends string | number>(xs: T[]): Record<string, number> => {
  const m: Record<string, number> = {};
  for (const x of xs) m[String(x)] = (m[String(x)] ?? 0) + 1;
  return m;
};

export default bench;
