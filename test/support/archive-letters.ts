import { expect } from 'chai';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import type { GeneratedLetter } from '../../scripts/fixtures/letter-text.ts';
import { upload } from './http.ts';
import { waitForDocument, type TestApp } from './test-app.ts';

/** Archives each generated letter as a born-digital PDF titled by its subject; waits until all are ready. */
export const archiveLetters = async (app: TestApp, letters: GeneratedLetter[]): Promise<string[]> => {
  const ids: string[] = [];
  for (const [i, letter] of letters.entries()) {
    const up = await upload(app, app.adminToken, '/api/v1/documents', [{ name: `surat-${i}.pdf`, bytes: await letterPdf([letter]) }], {
      title: letter.subject,
    });
    expect(up.status, JSON.stringify(up.body)).to.equal(201);
    ids.push(String(up.body.id));
  }
  for (const id of ids) expect(await waitForDocument(app, app.adminToken, id)).to.include({ status: 'ready' });
  return ids;
};
