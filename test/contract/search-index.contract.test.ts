import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createFts5SearchIndex } from '../../src/infra/search/fts5/fts5.search-index.ts';
import { createMeilisearchSearchIndex, deleteMeilisearchIndex } from '../../src/infra/search/meilisearch/meilisearch.search-index.ts';
import { AppError } from '../../src/domain/errors.ts';
import { searchIndexContract } from './search/search-index.cases.ts';
import { searchSortContract } from './search/search-sort.cases.ts';
import { doc, ids, query } from './search/search-fixtures.ts';

const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'naskah-search-'));

const fts5Harness = async () => {
  const dir = await tempDir();
  const file = path.join(dir, 'search.db');
  const harness = {
    index: createFts5SearchIndex({ file }),
    cleanup: async () => {
      await harness.index.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
};

describe('SearchIndex contract: embedded (SQLite FTS5)', () => {
  describe('sort', () => searchSortContract(fts5Harness));
  searchIndexContract(async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'search.db');
    const harness = {
      index: createFts5SearchIndex({ file }),
      cleanup: async () => {
        await harness.index.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
    return harness;
  });

  describe('embedded only', () => {
    let dir: string;
    beforeEach(async () => (dir = await tempDir()));
    afterEach(async () => rm(dir, { recursive: true, force: true }));

    it('survives a restart: close, reopen, still found', async () => {
      const file = path.join(dir, 'search.db');
      const first = createFts5SearchIndex({ file });
      await first.init();
      await first.upsert([doc('kept', { text: 'arsip inventarisasi aset daerah' })]);
      await first.close();
      const second = createFts5SearchIndex({ file });
      await second.init();
      expect(ids(await second.search(query('inventarisasi')))).to.deep.equal(['kept']);
      expect(ids(await second.search(query('inventarisais')))).to.deep.equal(['kept']); // the typo vocabulary persisted too
      await second.close();
    });

    it('maps a database it cannot open to AppError unavailable (search)', async () => {
      const index = createFts5SearchIndex({ file: path.join(dir, 'no', 'such', 'dir', 'search.db') });
      const err = await index.init().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(AppError);
      expect((err as AppError).code).to.equal('unavailable');
      expect((err as AppError).backend).to.equal('search');
      await index.close();
    });

    it('maps a file that is not a database to AppError unavailable (search)', async () => {
      const file = path.join(dir, 'garbage.db');
      await writeFile(file, Buffer.alloc(8192, 7));
      const index = createFts5SearchIndex({ file });
      const err = await index.ping().then(
        () => null,
        (e: unknown) => e,
      );
      expect((err as AppError)?.code).to.equal('unavailable');
      expect((err as AppError)?.backend).to.equal('search');
      await index.close();
    });

    it('reset deletes and recreates a damaged file; an instance that failed on it opens the new one at its next call', async () => {
      const file = path.join(dir, 'search.db');
      const server = createFts5SearchIndex({ file });
      await server.init();
      await server.upsert([doc('kept', { text: 'arsip inventarisasi aset daerah' })]);
      await server.close();
      await writeFile(file, Buffer.alloc(8192, 7));
      const damaged = await server.ping().then(
        () => null,
        (e: unknown) => e as AppError,
      );
      expect(damaged?.detail).to.match(/search index is damaged/);

      const cli = createFts5SearchIndex({ file });
      await cli.reset();
      await cli.upsert([doc('rebuilt', { text: 'arsip inventarisasi aset daerah' })]);
      await cli.close();
      expect(ids(await server.search(query('inventarisasi')))).to.deep.equal(['rebuilt']);
      await server.close();
    });
  });
});

const meiliUrl = process.env.TEST_MEILI_URL;
describe(`SearchIndex contract: Meilisearch${meiliUrl ? '' : ' (skipped: set TEST_MEILI_URL to run)'}`, () => {
  before(function () {
    if (!meiliUrl) this.skip();
  });
  let n = 0;
  const meiliHarness = async () => {
    const opts = { url: meiliUrl!, apiKey: process.env.TEST_MEILI_KEY, indexUid: `naskah_contract_${process.pid}_${Date.now()}_${n++}` };
    const index = createMeilisearchSearchIndex(opts);
    return {
      index,
      cleanup: async () => {
        await index.close();
        await deleteMeilisearchIndex(opts);
      },
    };
  };
  describe('sort', () => searchSortContract(meiliHarness));
  searchIndexContract(meiliHarness);
});
