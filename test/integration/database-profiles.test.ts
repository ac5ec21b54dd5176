import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { ensureFixture } from '../support/fixtures.ts';
import { api, upload } from '../support/http.ts';
import { waitForDocument } from '../support/test-app.ts';

forEachDatabase(
  (db) => `the archive on ${db} (HTTP)`,
  { timeout: 120_000 },
  ({ app }) => {
    it('files 10 concurrent uploads of the same bytes as one document, and finds it', async () => {
      const pdf = await readFile(await ensureFixture('letter-3p.pdf'));
      const replies = await Promise.all(Array.from({ length: 10 }, () => upload(app, app.adminToken, '/api/v1/documents', [{ name: 'tiga.pdf', bytes: pdf }])));
      expect(replies.map((r) => r.status).sort()).to.deep.equal([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(replies.map((r) => r.body.id)).size).to.equal(1);
      const id = String(replies[0]!.body.id);
      expect((await waitForDocument(app, app.adminToken, id)).status).to.equal('ready');
      const letter = generateLetter(3);
      const found = await api(app, app.adminToken, 'GET', `/api/v1/search?q=${encodeURIComponent(letter.letterNumber)}`);
      expect(found.status, JSON.stringify(found.body)).to.equal(200);
      expect(found.body.items!.map((i) => i.id)).to.include(id);
    });

    it('files 20 concurrent distinct uploads, each once, with the audit chain in strict order', async () => {
      const pdf = await readFile(await ensureFixture('letter-1p.pdf'));
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          upload(app, app.adminToken, '/api/v1/documents', [{ name: `${i}.pdf`, bytes: Buffer.concat([pdf, Buffer.from(`\n%${i}\n`)]) }]),
        ),
      );
      expect(replies.every((r) => r.status === 201)).to.equal(true);
      const entries = await app.naskah.adapters.db.audit.scan(0, 1000);
      expect(entries.map((e) => e.seq)).to.deep.equal(entries.map((_, i) => i + 1));
      expect(entries.filter((e) => e.action === 'document.upload')).to.have.length(21);
    });
  },
);
