/**
 * The embedded search index (SQLite FTS5): bulk indexing speed, search latency as the corpus
 * grows (1k, 10k, 100k documents of ~2 KB; 1M with NASKAH_BENCH_1M=1), and search quality
 * (recall@10, MRR) on generated letters. Latency is wall time of SearchIndex.search() for 1–3
 * word queries with about 30 % of words misspelled, alternating a staff scope (3 units, up to
 * terbatas) and an admin scope, page 1 of 20 with highlights, total and facets.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createFts5SearchIndex } from '../../src/infra/search/fts5/fts5.search-index.ts';
import type { SearchIndex } from '../../src/ports/search-index.ts';
import { createCorpus } from '../fixtures/search-corpus.ts';
import { type Bench, type BenchFigure, percentile } from './figure.ts';
import { benchQueries, scopeFor } from './search/queries.ts';
import { measureQuality } from './search/quality.ts';

const BATCH = 1_000;
const WARMUP = 20;

const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1_000}k`);
const load = () => `load avg ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`;

/** Latency bars from docs/quality.md, by corpus size. */
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
  const figures: BenchFigure[] = [];
  try {
    const index = createFts5SearchIndex({ file: path.join(dir, 'search.db') });
    await index.init();
    const corpus = createCorpus();
    let indexed = 0;
    let indexMs = 0;
    for (const size of sizes) {
      while (indexed < size) {
        const batch = [];
        for (let i = indexed; i < Math.min(size, indexed + BATCH); i++) batch.push(corpus.doc(i));
        const t0 = performance.now(); // generation stays outside the measured time
        await index.upsert(batch);
        indexMs += performance.now() - t0;
        indexed += batch.length;
      }
      const { times, misspelled } = await timeQueries(index, corpus.doc, size, queryCount);
      const note = `${times.length} queries, ${misspelled} misspelled words; ${load()}`;
      figures.push({ name: `search p50, ${label(size)} docs`, value: percentile(times, 50), unit: 'ms', bar: bars(size, 50), note });
      figures.push({ name: `search p95, ${label(size)} docs`, value: percentile(times, 95), unit: 'ms', bar: bars(size, 95), note });
    }
    figures.push({
      name: `bulk indexing, ${label(indexed)} docs of ~2 KB`,
      value: indexed / (indexMs / 1000),
      unit: 'docs/s',
      bar: { op: '>=', limit: 1_000, of: 'value', row: 'indexing' },
      note: `upsert() of ${BATCH} per call; ${load()}`,
    });
    await index.close();

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
