import { expect } from 'chai';
import type { SearchIndex } from '../../../src/ports/search-index.ts';
import { doc, ids, query, STAFF, type SearchIndexFactory, type SearchIndexHarness } from './search-fixtures.ts';

/**
 * sort=date|relevance (issue 18), for every adapter: the same matches, ordered by the engine's
 * relevance or by date (documentDate, else the day added), newest first, across every match.
 */
export const searchSortContract = (factory: SearchIndexFactory): void => {
  let harness: SearchIndexHarness;
  let index: SearchIndex;
  beforeEach(async () => {
    harness = await factory();
    index = harness.index;
    await index.init();
    await index.upsert([
      // The best match by relevance (the word in the title and the letter number) is the oldest.
      doc('old-best', {
        unitCode: 'BKD',
        title: 'Mutasi pegawai',
        letterNumber: '800/1/MUTASI/2019',
        text: 'mutasi mutasi pegawai',
        documentDate: '2019-01-05',
      }),
      doc('newest', { unitCode: 'BKD', title: 'Laporan bulanan', text: 'catatan tentang mutasi', documentDate: '2025-06-01' }),
      doc('middle', { unitCode: 'BKD', title: 'Nota dinas', text: 'usul mutasi staf', documentDate: '2022-03-10' }),
      doc('undated', { unitCode: 'BKD', title: 'Memo', text: 'mutasi', documentDate: null, createdAt: '2024-02-02T03:00:00.000Z' }),
      doc('hidden-newer', { title: 'Rahasia', text: 'mutasi', documentDate: '2026-01-01', unitCode: 'INSP' }),
      doc('other-word', { unitCode: 'BKD', title: 'Anggaran', text: 'anggaran belanja', documentDate: '2026-01-02' }),
    ]);
  });
  afterEach(async () => harness?.cleanup());

  it('orders every match by date, newest first (no date: the day it was added), within the reader scope', async () => {
    const byDate = await index.search(query('mutasi', { sort: 'date', scope: STAFF }));
    expect(ids(byDate)).to.deep.equal(['newest', 'undated', 'middle', 'old-best']);
    expect(byDate.total).to.equal(4);
    const second = await index.search(query('mutasi', { sort: 'date', scope: STAFF, page: 2, limit: 2 }));
    expect(ids(second)).to.deep.equal(['middle', 'old-best']);
  });

  it('orders by relevance by default and when asked, with the same matches', async () => {
    for (const sort of [undefined, 'relevance' as const]) {
      const found = ids(await index.search(query('mutasi', { scope: STAFF, ...(sort ? { sort } : {}) })));
      expect(found[0], String(sort)).to.equal('old-best');
      expect([...found].sort()).to.deep.equal(['middle', 'newest', 'old-best', 'undated']);
    }
  });

  it('orders an empty query by date too, and keeps filters', async () => {
    const all = await index.search(query('', { sort: 'date', scope: STAFF, filters: { from: '2020-01-01' } }));
    expect(ids(all)).to.deep.equal(['other-word', 'newest', 'undated', 'middle']);
  });
};
