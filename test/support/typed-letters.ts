/**
 * Typed letters (issue 13) over HTTP: a draft in template mode with a naskah type and parties,
 * its PDF's text, and a signed one.
 */
import { expect } from 'chai';
import { api, type Reply } from './http.ts';
import { pdfText } from './nss.ts';
import { OUT, type Person, sign } from './sign-office.ts';
import type { TestApp } from './test-app.ts';

export const PIN = 'pin-tanda-tangan';

/** POSTs a typed draft (template mode); `over` replaces any top-level field. */
export const typedDraft = (app: TestApp, drafter: Person, signer: Person, over: Record<string, unknown> = {}): Promise<Reply> =>
  api(app, drafter.token, 'POST', OUT, {
    type: 'nota-dinas',
    subject: 'Penyampaian data pegawai',
    classificationCode: '800',
    signerId: signer.id,
    addressees: [{ unitCode: 'SETDA' }],
    template: { body: 'Dengan hormat, bersama ini kami sampaikan data pegawai triwulan pertama.', place: 'Sleman' },
    ...over,
  });

/** Like typedDraft, expecting 201, and returns the letter's id. */
export const typedLetter = async (app: TestApp, drafter: Person, signer: Person, over: Record<string, unknown> = {}): Promise<string> => {
  const r = await typedDraft(app, drafter, signer, over);
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return String(r.body.id);
};

/** The text of a letter's current draft PDF (or its signed PDF), as poppler reads it, with spacing collapsed. */
export const letterText = async (app: TestApp, who: Person, letterId: string, which: 'document' | 'signed' = 'document'): Promise<string> => {
  const res = await fetch(`${app.url}${OUT}/${letterId}/${which}`, { headers: { authorization: `Bearer ${who.token}` } });
  expect(res.status).to.equal(200);
  return (await pdfText(new Uint8Array(await res.arrayBuffer()))).replace(/[ \t]+/g, ' ');
};

/** Signs with the PIN and a fresh code, expecting 200. */
export const signed = async (app: TestApp, signer: Person, letterId: string): Promise<Reply> => {
  const r = await sign(app, signer, letterId, { pin: PIN, totp: app.nextTotp(signer.username) });
  expect(r.status, JSON.stringify(r.body)).to.equal(200);
  return r;
};
