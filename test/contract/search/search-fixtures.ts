import type { AccessScope, SearchDocument, SearchIndex, SearchQuery } from '../../../src/ports/search-index.ts';

/** What a contract run needs from an adapter under test. */
export interface SearchIndexHarness {
  index: SearchIndex;
  /** Closes and deletes everything the harness made. */
  cleanup: () => Promise<void>;
}

export type SearchIndexFactory = () => Promise<SearchIndexHarness>;

const base: Omit<SearchDocument, 'id' | 'title' | 'text'> = {
  kind: 'document',
  letterNumber: null,
  sender: null,
  tags: [],
  classificationCode: '000',
  unitCode: 'SETDA',
  securityLevel: 'biasa',
  documentDate: '2024-05-02',
  createdAt: '2024-05-03T09:00:00.000Z',
  readers: [],
  retentionPhase: 'active',
};

/** Builds a document with sensible defaults. */
export const doc = (id: string, over: Partial<SearchDocument> = {}): SearchDocument => ({
  ...base,
  id,
  title: `Berkas ${id}`,
  text: '',
  ...over,
});

/** The shared corpus: each document exists to make one case decidable. */
export const CORPUS: SearchDocument[] = [
  doc('letter', {
    kind: 'incoming',
    title: 'Undangan Rapat Koordinasi Kepegawaian',
    text: 'Dengan hormat, kami mengundang Bapak/Ibu pegawai untuk menghadiri rapat koordinasi.',
    letterNumber: '800/123/BKD/2025',
    sender: 'Badan Kepegawaian Daerah Kabupaten Sleman',
    tags: ['mutasi'],
    classificationCode: '800',
    unitCode: 'BKD',
    documentDate: '2025-02-10',
    createdAt: '2025-02-11T08:00:00.000Z',
  }),
  doc('mentions-letter', {
    text: 'Menindaklanjuti surat nomor 800/123/BKD/2025 perihal rapat, kami sampaikan daftar hadir.',
    unitCode: 'BKD',
    classificationCode: '800',
    documentDate: '2025-02-12',
    createdAt: '2025-02-12T08:00:00.000Z',
  }),
  doc('scattered', {
    text: 'Tahun 2025 ada 800 peserta dan 123 panitia dari BKD.',
    unitCode: 'BKD',
    documentDate: '2025-01-05',
    createdAt: '2025-01-05T08:00:00.000Z',
  }),
  doc('short-number', {
    kind: 'outgoing',
    title: 'Nota Dinas Anggaran',
    letterNumber: '005/BKD/2025',
    text: 'Laporan realisasi anggaran triwulan pertama.',
    unitCode: 'BKD',
    classificationCode: '900',
    documentDate: null,
    createdAt: '2023-07-01T10:00:00.000Z',
  }),
  doc('apart', { text: 'Realisasi fisik sudah selesai; anggaran perubahan menyusul.', unitCode: 'KEU', classificationCode: '900' }),
  doc('english', { title: 'Meeting minutes', text: 'The regional infrastructure program was discussed with the Asian Development Bank.', unitCode: 'KEU' }),
  doc('accents', { text: 'Menu kafe: CAFÉ au lait dan RÉSUMÉ kegiatan Ñandu.', unitCode: 'KEU' }),
  doc('exact-word', { text: 'Arsip dokumen disimpan rapi.', unitCode: 'DINKES', createdAt: '2024-06-01T00:00:00.000Z' }),
  doc('typo-word', { text: 'Arsip dokumem disimpan rapi.', unitCode: 'DINKES', createdAt: '2024-06-02T00:00:00.000Z' }),
  doc('hostile-text', { title: 'Catatan <b>tebal</b>', text: 'Isi <script>alert("x")</script> & "kutip" sanitasi air bersih.', unitCode: 'DINKES' }),
  doc('secret', { title: 'Rahasia negara', text: 'Naskah rahasia tentang sanitasi.', unitCode: 'BKD', securityLevel: 'rahasia', classificationCode: '800' }),
  doc('other-unit', { text: 'Sanitasi lingkungan di unit lain.', unitCode: 'DLH', classificationCode: '600' }),
  doc('shared', {
    text: 'Sanitasi: disposisi untuk pembaca khusus.',
    unitCode: 'DLH',
    classificationCode: '600',
    securityLevel: 'sangat_rahasia',
    readers: ['reader-1'],
  }),
];

/** Sees everything. */
export const ADMIN: AccessScope = { userId: 'admin', allUnits: true, unitCodes: [], maxSecurityRank: 3 };
/** Sees BKD, KEU and DINKES up to terbatas, plus what names them as reader. */
export const STAFF: AccessScope = { userId: 'reader-1', allUnits: false, unitCodes: ['BKD', 'KEU', 'DINKES'], maxSecurityRank: 1 };

/** A query with defaults. */
export const query = (q: string, over: Partial<SearchQuery> = {}): SearchQuery => ({ q, filters: {}, scope: ADMIN, page: 1, limit: 20, ...over });

/** Ids of a result, in order. */
export const ids = (r: { items: { id: string }[] }): string[] => r.items.map((i) => i.id);
