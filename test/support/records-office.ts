/**
 * An office set up for the records lifecycle: an archivist, two heads (officials), a clerk and
 * an auditor in the root unit; a scheme with destroy and permanent schedules imported as CSV;
 * documents whose dates make them active, due or unclassified.
 */
import { expect } from 'chai';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { api, upload } from './http.ts';
import { type TestApp, waitForDocument } from './test-app.ts';
import { passwordOf } from './passwords.ts';

export const SCHEME_CSV = [
  'code,name,activeYears,inactiveYears,finalDisposition,description',
  '000.5,Kearsipan,1,2,destroy,',
  '000.5.1,"Pemusnahan arsip, berita acara",1,2,destroy,',
  '100.1,Peraturan daerah,2,5,permanent,"Produk hukum daerah"',
  '100.1.2,Rancangan peraturan,,,,',
].join('\n');

export type RecordsPeople = Record<'archivist' | 'head' | 'head2' | 'clerk' | 'auditor', string>;

/** Creates the people and imports the scheme; returns their tokens. */
export const setUpRecordsOffice = async (app: TestApp): Promise<RecordsPeople> => {
  const people: [keyof RecordsPeople, string, string[]][] = [
    ['archivist', 'arsiparis', ['archivist']],
    ['head', 'kepala', ['official']],
    ['head2', 'sekretaris', ['official', 'archivist']],
    ['clerk', 'agendaris', ['clerk']],
    ['auditor', 'inspektur', ['auditor']],
  ];
  const tokens = {} as RecordsPeople;
  for (const [key, username, roles] of people) {
    const r = await api(app, app.adminToken, 'POST', '/api/v1/users', { username, password: passwordOf(username), name: username, roles, unitCode: 'ORG' });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    tokens[key] = await app.login(username, passwordOf(username));
  }
  const res = await fetch(`${app.url}/api/v1/classifications/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.archivist}`, 'content-type': 'text/csv' },
    body: SCHEME_CSV,
  });
  expect(res.status, await res.clone().text()).to.equal(200);
  return tokens;
};

/** Archives one generated letter as a document with these fields; waits until it is ready. */
export const archive = async (app: TestApp, token: string, seed: number, fields: Record<string, string>): Promise<string> => {
  const r = await upload(app, token, '/api/v1/documents', [{ name: `arsip-${seed}.pdf`, bytes: await letterPdf([generateLetter(seed)]) }], fields);
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  const id = String(r.body.id);
  expect((await waitForDocument(app, token, id)).status).to.equal('ready');
  return id;
};

/** Waits until `check` holds (jobs run in the background), or fails after `timeoutMs`. */
export const eventually = async <T>(what: string, probe: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 20_000): Promise<T> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (check(v)) return v;
    if (Date.now() > until) throw new Error(`${what}: still ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};
