/**
 * The embedded search index (SQLite FTS5): bulk indexing speed, search latency as the corpus
 * grows (1k, 10k, 100k documents of ~2 KB; 1M with NASKAH_BENCH_1M=1), and search quality
 * (recall@10, MRR) on generated letters. Latency is wall time of SearchIndex.search() for 1–3
 * word queries with about 30 % of words misspelled, alternating a staff scope (3 units, up to
 * terbatas) and an admin scope, page 1 of 20 with highlights, total and facets.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFts5SearchIndex } from '../../src/infra/search/fts5/fts5.search-index.ts';
import type { SearchIndex } from '../../src/ports/search-index.ts';
import { CORPUS_VERSION, createCorpus } from '../fixtures/search-corpus.ts';
import { type Bench, type BenchFigure, percentile } from './figure.ts';
import { benchQueries, scopeFor } from './search/queries.ts';
import { measureQuality } from './search/quality.ts';

const BATCH = 1_000;
const WARMUP = 20;

const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1_000}k`);
const load = () => `load avg ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Built indexes are kept under .tmp/bench-search/<key>/<size>.db between runs (building a
 * million documents takes most of an hour here). The key covers what decides their contents:
 * the corpus generator's version and the source of the code that writes the index.
 * NASKAH_BENCH_REBUILD=1 builds afresh.
 */
const WRITER_SOURCES = [
  'src/infra/search/fts5/fts5-schema.ts',
  'src/infra/search/fts5/fts5-writer.ts',
  'src/infra/search/fts5/fts5-vocabulary.ts',
  'src/infra/search/fts5/typo-candidates.ts',
  'src/infra/search/text-fold.ts',
];
const cacheDir = async (): Promise<string> => {
  const hash = createHash('sha256').update(`corpus ${CORPUS_VERSION}\n`);
  for (const f of WRITER_SOURCES) hash.update(await readFile(path.join(root, f)));
  return path.join(root, '.tmp', 'bench-search', hash.digest('hex').slice(0, 16));
};
const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** The cached index of `size` documents, built (from the largest smaller one cached) when missing. */
const builtIndex = async (dir: string, size: number, sizes: number[], doc: ReturnType<typeof createCorpus>['doc'], built: { docs: number; ms: number }) => {
  const file = path.join(dir, `${size}.db`);
  if (process.env.NASKAH_BENCH_REBUILD !== '1' && (await exists(file))) return file;
  const partial = `${file}.building`;
  for (const suffix of ['', '-wal', '-shm']) await rm(`${partial}${suffix}`, { force: true });
  let from = 0;
  for (const smaller of sizes.filter((s) => s < size).reverse()) {
    if (await exists(path.join(dir, `${smaller}.db`))) {
      await copyFile(path.join(dir, `${smaller}.db`), partial);
      from = smaller;
      break;
    }
  }
  const index = createFts5SearchIndex({ file: partial });
  await index.init();
  for (let indexed = from; indexed < size; ) {
    const batch = [];
    for (let i = indexed; i < Math.min(size, indexed + BATCH); i++) batch.push(doc(i));
    const t0 = performance.now(); // generation stays outside the measured time
    await index.upsert(batch);
    built.ms += performance.now() - t0;
    built.docs += batch.length;
    indexed += batch.length;
    if (indexed % 100_000 === 0) console.log(`  built ${indexed} of ${size} (${load()})`);
  }
  await index.close(); // the last connection checkpoints the WAL into the file
  await rename(partial, file);
  return file;
};

const bars = (size: number, p: 50 | 95): BenchFigure['bar'] => {
  if (size === 100_000) return { op: '<=', limit: p === 50 ? 10 : 30, of: 'value', row: 'search-100k' };
  if (size === 1_000_000 && p === 95) return { op: '<=', limit: 100, of: 'value', row: 'search-1m' };
  return undefined;
};

const timeQueries = async (index: SearchIndex, doc: ReturnType<typeof createCorpus>['doc'], size: number, count: number) => {
  const queries = benchQueries(doc, size, count + WARMUP, size);
  const times: number[] = [];
  for (let i = 0; i < queries.length; i++) {
    const t0 = performance.now();
    await index.search({ q: queries[i]!.q, filters: {}, scope: scopeFor(i), page: 1, limit: 20 });
    if (i >= WARMUP) times.push(performance.now() - t0);
  }
  const misspelled = queries.slice(WARMUP).reduce((n, q) => n + q.misspelled, 0);
  return { times, misspelled };
};

const bench: Bench = async ({ quick }) => {
  const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
  if (process.env.NASKAH_BENCH_1M === '1') sizes.push(1_000_000);
  const queryCount = quick ? 200 : 400;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-bench-search-'));
  const cache = await cacheDir();
  await mkdir(cache, { recursive: true });
  const figures: BenchFigure[] = [];
  try {
    const corpus = createCorpus();
    const built = { docs: 0, ms: 0 };
    for (const size of sizes) {
      const file = await builtIndex(cache, size, sizes, corpus.doc, built);
      const index = createFts5SearchIndex({ file });
      await index.init();
      const { times, misspelled } = await timeQueries(index, corpus.doc, size, queryCount);
      await index.close();
      const note = `${times.length} queries, ${misspelled} misspelled words; ${load()}`;
      figures.push({ name: `search p50, ${label(size)} docs`, value: percentile(times, 50), unit: 'ms', bar: bars(size, 50), note });
      figures.push({ name: `search p95, ${label(size)} docs`, value: percentile(times, 95), unit: 'ms', bar: bars(size, 95), note });
    }
    if (built.docs < 10_000) {
      // Every size came from the cache: measure indexing on a fresh 10k.
      const index = createFts5SearchIndex({ file: path.join(dir, 'indexing.db') });
      await index.init();
      for (let i = 0; i < 10_000; i += BATCH) {
        const batch = Array.from({ length: BATCH }, (_, k) => corpus.doc(i + k));
        const t0 = performance.now();
        await index.upsert(batch);
        built.ms += performance.now() - t0;
        built.docs += batch.length;
      }
      await index.close();
    }
    figures.push({
      name: `bulk indexing, ${label(built.docs)} docs of ~2 KB`,
      value: built.docs / (built.ms / 1000),
      unit: 'docs/s',
      bar: { op: '>=', limit: 1_000, of: 'value', row: 'indexing' },
      note: `upsert() of ${BATCH} per call; ${load()}`,
    });

    const qualityIndex = createFts5SearchIndex({ file: path.join(dir, 'quality.db') });
    await qualityIndex.init();
    const quality = await measureQuality(qualityIndex, quick ? 500 : 2_000, quick ? 40 : 100);
    await qualityIndex.close();
    for (const q of quality) {
      const of = `${q.queries} ${q.kind === 'all' ? '' : `${q.kind} `}queries over ${quick ? 500 : 2_000} generated letters`;
      figures.push({ name: `recall@10, ${q.kind}`, value: q.recallAt10, unit: '', note: of });
      figures.push({ name: `MRR, ${q.kind}`, value: q.mrr, unit: '', note: of });
    }
    return figures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export default bench;
