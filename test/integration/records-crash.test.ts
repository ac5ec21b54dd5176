import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { verifyAudit } from '../../src/app/audit/verify-audit.ts';
import { originalKey } from '../../src/app/documents/keys.ts';
import { loadSearchDocuments } from '../../src/app/documents/search-document.ts';
import { retentionForNew } from '../../src/app/records/retention-scheme.ts';
import { openOffice } from '../support/open-office.ts';
import { freePort, killHard, SERVER_ADMIN, startServer } from '../support/server-process.ts';
import { totpLoginClient } from '../support/totp-login.ts';
import { passwordOf } from '../support/passwords.ts';

const RECORDS = 500;
type Json = Record<string, unknown>;

/**
 * kill -9 in the middle of carrying out a 500-record disposal: after a restart the job finishes
 * it, exactly those records are gone (bytes, text, index entries), the minutes list all of them,
 * and the audit chain verifies. The server is a process of its own; the office is seeded and
 * inspected through the same adapters while it is down.
 */
describe('records: a disposal killed half-way completes after a restart', function () {
  this.timeout(300_000);
  let dataDir: string;
  let child: ChildProcess | undefined;
  const ids: string[] = [];
  const keep: string[] = [];
  const shas = new Map<string, string>();

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'naskah-records-crash-'));
    const office = await openOffice(dataDir);
    const { deps } = office;
    try {
      const now = new Date();
      await deps.db.classifications.create({
        code: '000.5',
        name: 'Kearsipan',
        description: null,
        activeYears: 1,
        inactiveYears: 2,
        finalDisposition: 'destroy',
        active: true,
        updatedAt: now,
      });
      const admin = (await deps.db.users.findByUsername('admin')) ?? null;
      await deps.db.transaction(async (tx) => {
        for (let i = 0; i < RECORDS + 5; i++) {
          const bytes = Buffer.from(`%PDF-1.4\n% arsip ${i} ${randomUUID()}\n%%EOF\n`);
          const sha256 = createHash('sha256').update(bytes).digest('hex');
          await deps.blobs.putBuffer(originalKey(sha256), bytes, 'application/pdf');
          const doc = await tx.documents.create(
            {
              id: randomUUID(),
              kind: 'document',
              title: `Arsip lama nomor ${i}`,
              sha256,
              size: bytes.length,
              mimeType: 'application/pdf',
              storageKey: originalKey(sha256),
              originalName: null,
              pages: 1,
              classificationCode: '000.5',
              securityLevel: 'biasa',
              unitCode: 'ORG',
              documentDate: '2012-06-01',
              tags: [],
              letterNumber: null,
              sender: null,
              createdBy: admin?.id ?? 'seed',
              batchId: null,
              retention: await retentionForNew(deps, { kind: 'document', classificationCode: '000.5', documentDate: '2012-06-01' }, tx),
            },
            now,
          );
          await tx.pages.replace(doc.id, [{ page: 1, text: `arsip lama nomor ${i}`, source: 'pdf-text' }]);
          await tx.documents.setStatus(doc.id, 'ready', { textSource: 'pdf-text' }, now);
          (i < RECORDS ? ids : keep).push(doc.id);
          shas.set(doc.id, sha256);
        }
      });
      await deps.search.upsert(await loadSearchDocuments(deps.db, await deps.db.documents.findManyByIds([...ids, ...keep])));
    } finally {
      await office.close();
    }
  });
  after(async () => {
    if (child) await killHard(child);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finishes after kill -9, destroying exactly the approved records, with minutes listing them and the chain intact', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { JOB_LEASE_MS: '2000', JOB_POLL_MS: '100', RETENTION_PASS_HOURS: '0', FIXITY_EVERY_HOURS: '0' };
    child = await startServer(dataDir, port, env);
    const client = totpLoginClient(base, { now: () => new Date() });
    const admin = await client.login(SERVER_ADMIN.username, SERVER_ADMIN.password);
    const post = async (token: string, p: string, body: unknown) => {
      const res = await fetch(`${base}${p}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Json };
    };
    for (const [username, roles] of [
      ['arsiparis', ['archivist']],
      ['kepala', ['official']],
    ] as const) {
      expect((await post(admin, '/api/v1/users', { username, password: passwordOf(username, '1'), name: username, roles, unitCode: 'ORG' })).status).to.equal(
        201,
      );
    }
    const archivist = await client.login('arsiparis', passwordOf('arsiparis', '1'));
    const head = await client.login('kepala', passwordOf('kepala', '1'));
    const proposed = await post(archivist, '/api/v1/disposals', { documentIds: ids, reason: 'Retensi habis' });
    expect(proposed.status, JSON.stringify(proposed.body)).to.equal(201);
    const disposalId = String(proposed.body.id);
    expect((await post(head, `/api/v1/disposals/${disposalId}/approve`, {})).status).to.equal(200);

    // Start the execution, and kill the server once part of the records are destroyed.
    void post(archivist, `/api/v1/disposals/${disposalId}/execute`, {}).catch(() => undefined);
    let destroyedAtKill = 0;
    for (const until = Date.now() + 60_000; Date.now() < until; ) {
      const office = await openOffice(dataDir);
      const items = await office.deps.db.disposals.items(disposalId);
      await office.close();
      destroyedAtKill = items.filter((i) => i.state === 'destroyed').length;
      if (destroyedAtKill >= 20) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await killHard(child);
    child = undefined;
    expect(destroyedAtKill, 'the kill came in the middle of the execution').to.be.within(20, RECORDS - 1);

    child = await startServer(dataDir, port, env);
    const again = await client.login('arsiparis', passwordOf('arsiparis', '1'));
    let disposal: Json = {};
    for (const until = Date.now() + 120_000; Date.now() < until; ) {
      disposal = (await (await fetch(`${base}/api/v1/disposals/${disposalId}`, { headers: { authorization: `Bearer ${again}` } })).json()) as Json;
      if (disposal.status === 'executed') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(disposal.status, JSON.stringify(disposal).slice(0, 300)).to.equal('executed');
    expect((disposal.items as Json[]).every((i) => i.state === 'destroyed')).to.equal(true);
    // The minutes are archived like any upload: wait until their text is read.
    for (const until = Date.now() + 60_000; Date.now() < until; ) {
      const m = (await (
        await fetch(`${base}/api/v1/documents/${String(disposal.minutesDocumentId)}`, { headers: { authorization: `Bearer ${again}` } })
      ).json()) as Json;
      if (m.status !== 'processing') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await killHard(child);
    child = undefined;

    const office = await openOffice(dataDir);
    try {
      const { deps } = office;
      const indexed = new Set<string>();
      for await (const id of deps.search.ids()) indexed.add(id);
      for (const id of ids) {
        const d = (await deps.db.documents.findById(id))!;
        expect(d.retention.phase, id).to.equal('disposed');
        expect(await deps.blobs.stat(originalKey(shas.get(id)!)), id).to.equal(null);
        expect(await deps.db.pages.get(id)).to.deep.equal([]);
        expect(indexed.has(id), id).to.equal(false);
      }
      for (const id of keep) {
        expect((await deps.db.documents.findById(id))!.retention.phase).to.equal('due');
        expect(await deps.blobs.stat(originalKey(shas.get(id)!))).to.not.equal(null);
        expect(indexed.has(id)).to.equal(true);
      }
      const minutesText = (await deps.db.pages.get(String(disposal.minutesDocumentId))).map((p) => p.text).join('\n');
      for (const id of ids) expect(minutesText.replace(/\s+/g, ' '), id).to.contain(shas.get(id)!.slice(0, 16));
      for (const id of keep) expect(minutesText).to.not.contain(shas.get(id)!.slice(0, 16));
      expect(await verifyAudit(deps.db.audit)).to.include({ intact: true });
    } finally {
      await office.close();
    }
  });
});
