import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createFts5SearchIndex } from '../../src/infra/search/fts5/fts5.search-index.ts';
import type { SampleLimits } from '../../src/infra/search/fts5/fts5-sample.ts';
import type { AccessScope, SearchDocument, SearchIndex, SearchResult } from '../../src/ports/search-index.ts';
import { SECURITY_LEVELS } from '../../src/domain/security-level.ts';

/**
 * The embedded index estimates the total and facets of a query that matches much of a big index
 * (fts5-sample.ts). Here "big" is made small (limits below) so 4,000 documents show it: common
 * words are estimated close to the truth, hidden units never appear, exactTotal and rare words are
 * exact, such a word is left out of the ranking but not out of the matches, and an index under the
 * size limit is always exact.
 */
const DOCS = 4_000;
const SMALL: SampleLimits = { exactUpToRows: 1_000, exactUpToMatches: 300, sampleRows: 640 };
const UNITS = ['U1', 'U2', 'U3', 'U4'];

const doc = (i: number): SearchDocument => ({
  id: `d${i}`,
  kind: 'document',
  title: `Dokumen ${i}`,
  // "umum" everywhere, "separuh" in every other document, "jarang" in 30.
  text: ['umum', i % 2 === 0 ? 'separuh' : 'ganjil', i % 133 === 0 ? 'jarang' : 'biasa', `nomor${i}`].join(' '),
  letterNumber: null,
  sender: null,
  tags: [],
  classificationCode: null,
  unitCode: UNITS[i % UNITS.length]!,
  securityLevel: 'biasa',
  documentDate: `${2018 + (i % 8)}-06-01`,
  createdAt: '2026-01-01T00:00:00.000Z',
  readers: [],
  retentionPhase: null,
});

const admin: AccessScope = { userId: 'admin', allUnits: true, unitCodes: [], maxSecurityRank: SECURITY_LEVELS.length - 1 };
const staffOfU1: AccessScope = { userId: 'staff', allUnits: false, unitCodes: ['U1'], maxSecurityRank: 1 };

describe('the embedded index: estimated totals on a big index', function () {
  this.timeout(120_000);
  let dir: string;
  const opened: SearchIndex[] = [];

  const indexWith = async (sampleLimits?: SampleLimits): Promise<SearchIndex> => {
    const index = createFts5SearchIndex({ file: path.join(dir, `index-${opened.length}.db`), ...(sampleLimits ? { sampleLimits } : {}) });
    opened.push(index);
    await index.init();
    for (let i = 0; i < DOCS; i += 500) await index.upsert(Array.from({ length: 500 }, (_, k) => doc(i + k)));
    return index;
  };
  const search = (index: SearchIndex, q: string, scope: AccessScope, exactTotal = false): Promise<SearchResult> =>
    index.search({ q, filters: {}, scope, page: 1, limit: 20, exactTotal });
  const within = (value: number, truth: number, fraction: number) => expect(Math.abs(value - truth), `${value} vs ${truth}`).to.be.at.most(truth * fraction);

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-estimates-'));
  });
  after(async () => {
    for (const index of opened) await index.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('estimates a word found in most documents, close to the truth, and says so', async () => {
    const index = await indexWith(SMALL);
    const estimated = await search(index, 'umum', admin);
    expect(estimated.totalEstimated).to.equal(true);
    within(estimated.total, DOCS, 0.05);
    for (const unit of UNITS) within(estimated.facets.unitCode[unit]!, DOCS / 4, 0.15);
    expect(Object.keys(estimated.facets.year).sort()).to.deep.equal(['2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025']);
    expect(estimated.items).to.have.length(20); // the page itself is never estimated

    const exact = await search(index, 'umum', admin, true);
    expect(exact.totalEstimated).to.equal(undefined);
    expect(exact.total).to.equal(DOCS);
    expect(exact.facets.unitCode).to.deep.equal({ U1: 1_000, U2: 1_000, U3: 1_000, U4: 1_000 });
  });

  it('counts and estimates only what the caller may see', async () => {
    const index = opened[0]!;
    const estimated = await search(index, 'separuh', staffOfU1);
    const exact = await search(index, 'separuh', staffOfU1, true);
    expect(exact.total).to.equal(1_000); // even-numbered documents of U1: i % 4 === 0
    expect(estimated.totalEstimated).to.equal(true);
    within(estimated.total, exact.total, 0.15);
    expect(Object.keys(estimated.facets.unitCode)).to.deep.equal(['U1']);
  });

  it('counts a rare word exactly, without saying it is an estimate', async () => {
    const rare = await search(opened[0]!, 'jarang', admin);
    expect(rare.totalEstimated).to.equal(undefined);
    expect(rare.total).to.equal(Math.ceil(DOCS / 133));
  });

  it('leaves a word found in most documents out of the ranking, never out of the matches', async () => {
    const index = opened[0]!;
    // Alone, "umum" ranks the newest first: bm25 would give it no weight, after reading all of it.
    const alone = await search(index, 'umum', admin);
    expect(alone.items.map((i) => i.id)).to.deep.equal(Array.from({ length: 20 }, (_, k) => `d${DOCS - 1 - k}`));
    expect(alone.items.every((i) => i.score === undefined)).to.equal(true);
    // Beside a rarer word, that word ranks the matches; "umum" still has to be in each of them.
    const withRare = await search(index, 'umum jarang', admin);
    expect(withRare.total).to.equal(Math.ceil(DOCS / 133));
    expect(withRare.items).to.have.length(20);
    expect(withRare.items.every((i) => typeof i.score === 'number' && i.score > 0)).to.equal(true);
    expect((await search(index, 'umum tidakada', admin)).total).to.equal(0);
  });

  it('counts every query exactly on an index below the size limit', async () => {
    const index = await indexWith();
    const all = await search(index, 'umum', admin);
    expect(all.totalEstimated).to.equal(undefined);
    expect(all.total).to.equal(DOCS);
  });
});
