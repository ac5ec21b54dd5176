import { expect } from 'chai';
import type { SearchIndex } from '../../../src/ports/search-index.ts';
import { ADMIN, CORPUS, STAFF, doc, ids, query, type SearchIndexFactory, type SearchIndexHarness } from './search-fixtures.ts';

/**
 * The SearchIndex contract: every adapter must pass these cases. Call inside a describe();
 * each test gets a fresh, empty index loaded with CORPUS.
 */
export const searchIndexContract = (factory: SearchIndexFactory): void => {
  let harness: SearchIndexHarness;
  let index: SearchIndex;

  beforeEach(async () => {
    harness = await factory();
    index = harness.index;
    await index.init();
    await index.upsert(CORPUS);
  });
  afterEach(async () => harness?.cleanup());

  const find = async (q: string) => ids(await index.search(query(q)));

  describe('matching', () => {
    it('finds words in title, letter number, sender, tags and text', async () => {
      expect(await find('Kepegawaian')).to.include('letter');
      expect(await find('Sleman')).to.include('letter');
      expect(await find('mutasi')).to.include('letter');
      expect(await find('menghadiri')).to.include('letter');
      expect(await find('BKD')).to.include('letter');
    });

    it('handles Indonesian and English, case-insensitively, with diacritics folded', async () => {
      expect(await find('infrastructure')).to.deep.equal(['english']);
      expect(await find('PEGAWAI')).to.include('letter');
      expect(await find('cafe resume')).to.deep.equal(['accents']);
      expect(await find('CAFÉ')).to.deep.equal(['accents']);
      expect(await find('nandu')).to.deep.equal(['accents']);
    });

    it('matches "quoted phrases" exactly and words anywhere otherwise', async () => {
      expect(await find('"realisasi anggaran"')).to.deep.equal(['short-number']);
      expect((await find('realisasi anggaran ')).sort()).to.deep.equal(['apart', 'short-number']);
    });

    it('treats the last word as a prefix (search as you type) and honours word*', async () => {
      expect(await find('rapat koordi')).to.include('letter');
      expect(await find('menindak*')).to.deep.equal(['mentions-letter']);
      expect(await find('koordi ')).to.deep.equal([]);
    });

    it('tolerates one typo from 5 letters and two from 9, like Meilisearch', async () => {
      expect(await find('pegawia')).to.include('letter'); // transposition, 7 letters
      expect(await find('pegawaai')).to.include('letter'); // insertion
      expect(await find('koordinsai')).to.include('letter'); // 10 letters, one transposition
      expect(await find('kordinasy')).to.include('letter'); // 9 letters typed, two edits
      expect(await find('pgeawia ')).to.deep.equal([]); // 7 letters, two edits: too many
      expect(await find('rpat ')).to.deep.equal([]); // 4 letters: no typo allowed
    });

    it('finds, through a typo searched before, a word first indexed after that search', async () => {
      // Typo candidates and frequencies may be remembered between queries; never past a change.
      expect(await find('pemeliharan jembatan')).to.deep.equal([]);
      expect(await find('pemeliharan')).to.deep.equal([]);
      await index.upsert([doc('later', { text: 'pemeliharaan jembatan gantung' })]);
      expect(await find('pemeliharan jembatan')).to.deep.equal(['later']);
      expect(await find('pemeliharan')).to.deep.equal(['later']);
    });

    it('ranks exact matches above typo matches', async () => {
      expect(await find('dokumen ')).to.have.ordered.members(['exact-word', 'typo-word']);
      expect(await find('dokumem ')).to.have.ordered.members(['typo-word', 'exact-word']);
    });

    it('finds a letter number as a whole and ranks its letter first', async () => {
      for (const q of ['800/123/BKD/2025', '800.123.bkd.2025', '800-123-BKD-2025']) {
        const found = await find(q);
        expect(found[0], q).to.equal('letter');
        expect(found).to.include('mentions-letter');
        expect(found).not.to.include('scattered');
      }
      expect((await find('005/BKD/2025'))[0]).to.equal('short-number');
    });
  });

  describe('highlights', () => {
    it('wraps matches in <mark> and escapes everything else', async () => {
      const [hit] = (await index.search(query('sanitasi', { filters: { unitCode: 'DINKES' } }))).items;
      expect(hit?.id).to.equal('hostile-text');
      const html = hit!.highlights.join(' ');
      expect(html).to.include('<mark>sanitasi</mark>');
      expect(html).to.include('&lt;script&gt;');
      expect(html).to.include('&amp;');
      expect(html.replace(/<\/?mark>/g, '')).not.to.match(/[<>]/);
    });

    it('marks typo and prefix matches too', async () => {
      const typo = (await index.search(query('pegawia'))).items.find((h) => h.id === 'letter');
      expect(typo?.highlights.join(' ')).to.include('<mark>pegawai</mark>');
      const prefix = (await index.search(query('menghad'))).items.find((h) => h.id === 'letter');
      expect(prefix?.highlights.join(' ')).to.include('<mark>menghadiri</mark>');
    });
  });

  describe('filters, facets and paging', () => {
    it('filters by unit, classification, kind and date (documentDate, else createdAt)', async () => {
      expect((await index.search(query('', { filters: { unitCode: 'KEU' } }))).total).to.equal(3);
      expect(ids(await index.search(query('anggaran', { filters: { classificationCode: '900', kind: 'outgoing' } })))).to.deep.equal(['short-number']);
      const early = await index.search(query('', { filters: { from: '2023-07-01', to: '2023-07-01' } }));
      expect(ids(early)).to.deep.equal(['short-number']); // no documentDate: createdAt's date counts
      const feb = await index.search(query('', { filters: { from: '2025-02-01', to: '2025-02-28' } }));
      expect(ids(feb).sort()).to.deep.equal(['letter', 'mentions-letter']);
    });

    it('counts facets over the matching visible set', async () => {
      const r = await index.search(query('BKD'));
      // By hand from CORPUS: the four BKD documents that carry the word (not 'secret', whose unit only says BKD).
      expect(ids(r).sort()).to.deep.equal(['letter', 'mentions-letter', 'scattered', 'short-number']);
      expect(r.total).to.equal(4);
      expect(r.facets.unitCode).to.deep.equal({ BKD: 4 });
      const all = await index.search(query(''));
      expect(all.total).to.equal(CORPUS.length);
      expect(all.facets.year).to.deep.equal({ '2023': 1, '2024': 9, '2025': 3 });
      expect(all.facets.kind).to.deep.equal({ document: 11, incoming: 1, outgoing: 1 });
      expect(all.facets.classificationCode['600']).to.equal(2);
    });

    it('pages with a correct total, newest first for an empty query', async () => {
      const seen: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const r = await index.search(query('', { page, limit: 5 }));
        expect(r.total).to.equal(CORPUS.length);
        seen.push(...ids(r));
      }
      expect(seen).to.have.length(CORPUS.length);
      expect(new Set(seen).size).to.equal(CORPUS.length);
      expect(seen[0]).to.equal('mentions-letter'); // created last
      const beyond = await index.search(query('', { page: 50, limit: 5 }));
      expect(beyond.items).to.deep.equal([]);
      expect(beyond.total).to.equal(CORPUS.length);
    });
  });

  describe('access', () => {
    it('never returns, counts or facets a hidden document', async () => {
      for (const q of ['sanitasi', '']) {
        const r = await index.search(query(q, { scope: STAFF }));
        expect(ids(r)).not.to.include.members(['secret', 'other-unit']);
        expect(r.total).to.equal(r.items.length);
        expect(r.facets.unitCode).not.to.have.property('DLH', 2);
        expect(Object.values(r.facets.unitCode).reduce((a, b) => a + b, 0)).to.equal(r.total);
      }
      const r = await index.search(query('sanitasi', { scope: STAFF }));
      expect(ids(r).sort()).to.deep.equal(['hostile-text', 'shared']); // shared: named reader beats clearance
      expect(r.facets.unitCode).to.deep.equal({ DINKES: 1, DLH: 1 });
      const nobody = await index.search(query('sanitasi', { scope: { ...STAFF, userId: 'someone-else', unitCodes: [] } }));
      expect(nobody.total).to.equal(0);
      expect(nobody.facets.unitCode).to.deep.equal({});
    });

    it('counts a re-indexed document by its new access data, newest and removed ones included', async () => {
      const word = 'pelantikanbaru';
      const seen = async () => {
        const r = await index.search(query(word, { scope: STAFF }));
        return [r.total, r.items.length, Object.values(r.facets.unitCode).reduce((a, b) => a + b, 0)];
      };
      // The newest document changes level back and forth: searches in between must follow.
      for (const [level, expected] of [
        ['biasa', 1],
        ['rahasia', 0],
        ['biasa', 1],
        ['terbatas', 1],
        ['sangat_rahasia', 0],
      ] as const) {
        await index.upsert([doc('newest', { unitCode: 'BKD', securityLevel: level, text: word })]);
        expect(await seen(), level).to.deep.equal([expected, expected, expected]);
      }
      // Removing the newest and adding another must not hand the new one a stale identity.
      await index.remove(['newest']);
      await index.upsert([doc('after', { unitCode: 'DLH', securityLevel: 'biasa', text: word })]);
      expect(await seen()).to.deep.equal([0, 0, 0]);
    });

    it('counts what a scope may see among documents with new facet values, added after it searched', async () => {
      // Which facet values a scope sees may be remembered per scope; a new unit, year or code must still be decided.
      const word = 'rekonsiliasiaset';
      const before = await index.search(query(word, { scope: STAFF }));
      expect(before.total).to.equal(0);
      await index.upsert([
        doc('new-year', { unitCode: 'KEU', documentDate: '2031-01-02', classificationCode: '977', text: word }),
        doc('new-unit', { unitCode: 'BARU', documentDate: '2031-01-02', text: word }),
      ]);
      const after = await index.search(query(word, { scope: STAFF }));
      expect([after.total, ids(after)]).to.deep.equal([1, ['new-year']]);
      expect(after.facets.year).to.deep.equal({ 2031: 1 });
      const all = await index.search(query(word));
      expect(all.total).to.equal(2);
      expect(all.facets.unitCode).to.deep.equal({ BARU: 1, KEU: 1 });
    });

    it('applies clearance to all units for allUnits scopes', async () => {
      const r = await index.search(query('sanitasi', { scope: { ...ADMIN, userId: 'x', maxSecurityRank: 1 } }));
      expect(ids(r).sort()).to.deep.equal(['hostile-text', 'other-unit']);
    });
  });

  describe('hostile input', () => {
    const hostile = [
      'x'.repeat(20_000),
      Array.from({ length: 500 }, (_, i) => `kata${i}`).join(' '),
      '"unbalanced quote pegawai',
      'pegawai" "" """',
      'AND OR NOT NEAR',
      'NEAR(pegawai rapat, 2)',
      'title:pegawai',
      '^pegawai',
      '* ** ***',
      '(pegawai OR',
      "'; DROP TABLE docs; --",
      '\u0000\u0001\uE000\uE001',
      '-pegawai +rapat',
      '{title}: pegawai',
    ];
    for (const q of hostile) {
      it(`survives ${JSON.stringify(q.slice(0, 30))}`, async () => {
        const r = await index.search(query(q));
        expect(r.total).to.be.a('number');
        expect(r.items.length).to.be.at.most(20);
      });
    }

    it('reads operators and quotes typed by users as plain words', async () => {
      expect(await find('pegawai AND rapat')).to.include('letter');
      expect(await find('"pegawai')).to.include('letter');
      expect(await find('(pegawai)')).to.include('letter');
    });

    it('never lets a filter value inject syntax', async () => {
      for (const unitCode of ["BKD' OR 1=1 --", 'BKD" OR unitCode = "KEU', 'BKD OR unitCode = KEU']) {
        const r = await index.search(query('', { filters: { unitCode } }));
        expect(r.total, unitCode).to.equal(0);
      }
    });

    it('accepts absurd paging without throwing', async () => {
      for (const [page, limit] of [
        [-1, 20],
        [0, 0],
        [Number.NaN, Number.NaN],
        [1e12, 1e9],
        [1, -5],
        [Infinity, 10],
      ] as const) {
        const r = await index.search(query('', { page, limit }));
        expect(r.total).to.equal(CORPUS.length);
        expect(r.items.length).to.be.at.most(100);
      }
    });
  });

  describe('lifecycle', () => {
    it('replaces on upsert, removes, lists ids and clears', async () => {
      await index.upsert([doc('letter', { title: 'Judul baru', text: 'isi baru' })]);
      expect(await find('Kepegawaian')).not.to.include('letter');
      expect(await find('Judul baru')).to.deep.equal(['letter']);
      await index.remove(['letter', 'no-such-id']);
      expect(await find('Judul')).to.deep.equal([]);
      const listed: string[] = [];
      for await (const id of index.ids()) listed.push(id);
      expect(listed.sort()).to.deep.equal(
        CORPUS.map((d) => d.id)
          .filter((id) => id !== 'letter')
          .sort(),
      );
      await index.clear();
      expect((await index.search(query(''))).total).to.equal(0);
      await index.upsert([doc('again', { text: 'sanitasi' })]);
      expect(await find('sanitasi')).to.deep.equal(['again']);
    });

    it('reset empties a healthy index and it works on afterwards', async () => {
      await index.reset();
      expect((await index.search(query(''))).total).to.equal(0);
      await index.upsert([doc('again', { text: 'sanitasi' })]);
      expect(await find('sanitasi')).to.deep.equal(['again']);
    });

    it('answers ping and tolerates init twice', async () => {
      await index.init();
      await index.ping();
    });
  });
};
