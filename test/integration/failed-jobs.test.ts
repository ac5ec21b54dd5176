import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import type { TextExtractor } from '../../src/ports/text-extractor.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { user } from '../support/factories.ts';
import { api, expectProblem, upload } from '../support/http.ts';
import { waitForDocument } from '../support/test-app.ts';

type Job = {
  id: string;
  type: string;
  state: string;
  attempts: number;
  lastError: string | null;
  retryable: boolean;
  subject: { kind: string; id: string; title: string | null } | null;
};
const everything = { userId: 'x', unitCodes: 'all' as const, levels: ['biasa' as const] };

forEachDatabase(
  'failed jobs and their retry over HTTP',
  {
    timeout: 120_000,
    // One attempt: a crash fails the job for good at once, as the last of five would.
    env: { JOB_MAX_ATTEMPTS: '1' },
  },
  ({ app }) => {
    let staff: string;
    let realExtractor: TextExtractor;
    before(async () => {
      realExtractor = app.naskah.deps.extractor;
      staff = (await user(app, 'staf', { name: 'Staf' })).token;
    });

    /** Archives a letter while the OCR engine crashes on every file (uploads are still checked by the real one). */
    const archiveWhileEngineCrashes = async (seed: number) => {
      app.naskah.deps.extractor = {
        ...realExtractor,
        inspect: realExtractor.inspect.bind(realExtractor),
        extract: async () => Promise.reject(new Error('OCR engine crashed')),
      };
      try {
        const letter = generateLetter(seed);
        const up = await upload(app, app.adminToken, '/api/v1/documents', [{ name: `surat-${seed}.pdf`, bytes: await letterPdf([letter]) }], {
          title: `Surat ${seed}`,
        });
        expect(up.status, JSON.stringify(up.body)).to.equal(201);
        const doc = await waitForDocument(app, app.adminToken, String(up.body.id));
        expect(doc).to.include({ status: 'failed' });
        expect(String(doc.error)).to.match(/^text extraction failed: OCR engine crashed/);
        expect(doc.errorCode, 'the kind a client says in its own words').to.equal('extract-failed');
        return {
          id: String(up.body.id),
          word: letter.subject
            .split(/\s+/)
            .find((w) => w.length >= 7)!
            .replace(/[^\p{L}]/gu, ''),
        };
      } finally {
        app.naskah.deps.extractor = realExtractor;
      }
    };
    const failedJobOf = async (documentId: string) => {
      const r = await api(app, app.adminToken, 'GET', '/api/v1/jobs?state=failed');
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      return { job: (r.body.items as Job[]).find((j) => j.subject?.id === documentId), counts: r.body.counts as Record<string, number> };
    };

    it('lists a job that failed for good with its reason and document; a retry reads the file again and makes it searchable', async () => {
      const doc = await archiveWhileEngineCrashes(11);
      const { job, counts } = await failedJobOf(doc.id);
      expect(job, 'the failed extraction is listed').to.not.equal(undefined);
      expect(job).to.deep.include({
        type: 'extract-text',
        state: 'failed',
        attempts: 1,
        lastError: 'OCR engine crashed',
        lastErrorCode: 'other',
        retryable: true,
        subject: { kind: 'document', id: doc.id, title: 'Surat 11', exists: true },
      });
      expect(counts.failed).to.be.at.least(1);

      const retried = await api(app, app.adminToken, 'POST', `/api/v1/jobs/${job!.id}/retry`);
      expect(retried.status, JSON.stringify(retried.body)).to.equal(200);
      expect(['queued', 'running', 'done']).to.include(retried.body.state);
      const after = await waitForDocument(app, app.adminToken, doc.id);
      expect(after).to.include({ status: 'ready', textSource: 'pdf-text' });
      const hits = await api(app, staff, 'GET', `/api/v1/search?q=${encodeURIComponent(doc.word)}`);
      expect((hits.body.items as { id: string }[]).map((h) => h.id)).to.include(doc.id);
      expect((await failedJobOf(doc.id)).job).to.equal(undefined);
      const trail = await app.naskah.deps.db.audit.list({ targetId: doc.id, action: 'admin.job_retry' }, everything, 1, 10);
      expect(trail.items[0]?.details).to.deep.include({ jobId: job!.id, type: 'extract-text', lastError: 'OCR engine crashed' });
      expectProblem(await api(app, app.adminToken, 'POST', `/api/v1/jobs/${job!.id}/retry`), 409);
    });

    it('lets one of two admins retrying at once win; the other gets a 409', async () => {
      const doc = await archiveWhileEngineCrashes(12);
      const { job } = await failedJobOf(doc.id);
      const replies = await Promise.all([1, 2].map(() => api(app, app.adminToken, 'POST', `/api/v1/jobs/${job!.id}/retry`)));
      expect(replies.map((r) => r.status).sort()).to.deep.equal([200, 409]);
      expect(await waitForDocument(app, app.adminToken, doc.id)).to.include({ status: 'ready' });
      const trail = await app.naskah.deps.db.audit.list({ targetId: doc.id, action: 'admin.job_retry' }, everything, 1, 10);
      expect(trail.items).to.have.length(1);
    });

    it('is for admins only, and refuses unknown ids, bad ids and bad filters', async () => {
      expectProblem(await api(app, staff, 'GET', '/api/v1/jobs'), 403);
      expectProblem(await api(app, staff, 'POST', `/api/v1/jobs/${randomUUID()}/retry`), 403);
      expectProblem(await api(app, app.adminToken, 'POST', `/api/v1/jobs/${randomUUID()}/retry`), 404);
      expectProblem(await api(app, app.adminToken, 'POST', '/api/v1/jobs/not-an-id/retry'), 422);
      expectProblem(await api(app, app.adminToken, 'GET', '/api/v1/jobs?state=broken'), 422);
      const done = await api(app, app.adminToken, 'GET', '/api/v1/jobs?state=done&limit=1');
      expect(done.status).to.equal(200);
      expect(done.body).to.include({ limit: 1 });
      expect((done.body.items as Job[])[0]).to.include({ state: 'done', retryable: false });
      expectProblem(await api(app, app.adminToken, 'POST', `/api/v1/jobs/${(done.body.items as Job[])[0]!.id}/retry`), 409);
    });
  },
);
