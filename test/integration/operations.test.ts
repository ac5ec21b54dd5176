import { expect } from 'chai';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { generateLetter, type GeneratedLetter } from '../../scripts/fixtures/letter-text.ts';
import { derivedPrefix, inboxKey, originalKey } from '../../src/app/documents/keys.ts';
import { toSearchDocument } from '../../src/app/documents/search-document.ts';
import { ORPHAN_GRACE_MS, reconcile } from '../../src/app/operations/reconcile.ts';
import { reindex } from '../../src/app/operations/reindex.ts';
import { verifyAudit } from '../../src/app/audit/verify-audit.ts';
import { archiveLetters } from '../support/archive-letters.ts';
import { cli } from '../support/cli.ts';
import { api } from '../support/http.ts';
import { startTestApp, waitForDocument, waitForPreviews, type TestApp } from '../support/test-app.ts';

describe('operations: reindex, reconcile, verify-audit (embedded)', function () {
  this.timeout(120_000);
  let app: TestApp;
  const letters: GeneratedLetter[] = [101, 102, 103].map((seed) => generateLetter(seed));
  const ids: string[] = [];
  const findsLetter = async (letter: GeneratedLetter) => {
    const r = await api(app, app.adminToken, 'GET', `/api/v1/search?q=${encodeURIComponent(letter.letterNumber)}`);
    return r.body.items!.map((i) => i.id);
  };
  const kindsAndSubjects = (r: Awaited<ReturnType<typeof reconcile>>) => r.findings.map((f) => `${f.kind} ${f.subject}`).sort();

  before(async () => {
    app = await startTestApp();
    ids.push(...(await archiveLetters(app, letters)));
  });
  after(async () => app?.stop());

  it('rebuilds an emptied search index from the database and stored text', async () => {
    const deps = app.naskah.deps;
    expect(await findsLetter(letters[0]!)).to.deep.equal([ids[0]]);
    await deps.search.clear();
    expect(await findsLetter(letters[0]!)).to.deep.equal([]);

    const seen: number[] = [];
    const result = await reindex(deps, { chunk: 2, onProgress: (p) => seen.push(p.indexed) });
    expect(result).to.include({ indexed: 3, skipped: 0 });
    expect(seen).to.deep.equal([2, 3]);
    for (const [i, letter] of letters.entries()) expect(await findsLetter(letter)).to.deep.equal([ids[i]]);
  });

  it('finds nothing to report on a clean system', async () => {
    const report = await reconcile(app.naskah.deps, { repair: false });
    expect(report).to.deep.include({ findings: [], notes: [], unrepaired: 0 });
    expect(report.checked).to.deep.equal({ documents: 3, originals: 3, inboxObjects: 0, indexEntries: 3 });
  });

  it('has the previews rendered that a document archived before previews existed lacks', async () => {
    const deps = app.naskah.deps;
    const id = ids[1]!;
    expect((await waitForPreviews(app, app.adminToken, id)).status).to.equal(200);
    for await (const key of deps.blobs.list(derivedPrefix(id))) await deps.blobs.delete(key);
    expect((await waitForPreviews(app, app.adminToken, id, 0)).status).to.equal(404);

    expect(kindsAndSubjects(await reconcile(deps, { repair: false }))).to.deep.equal([`missing-previews ${id}`]);
    const repaired = await reconcile(deps, { repair: true });
    expect(repaired.findings.map((f) => f.repaired)).to.deep.equal([true]);
    expect((await waitForPreviews(app, app.adminToken, id)).status).to.equal(200);
    expect(kindsAndSubjects(await reconcile(deps, { repair: false }))).to.deep.equal([]);
  });

  it('reports each disagreement exactly, and --repair fixes what it can', async () => {
    const deps = app.naskah.deps;
    const [lostId, unindexedId, stuckId] = ids as [string, string, string];
    const lost = (await deps.db.documents.findById(lostId))!;
    await deps.blobs.delete(lost.storageKey);
    await deps.search.remove([unindexedId]);
    const orphan = originalKey(createHash('sha256').update(randomBytes(16)).digest('hex'));
    await deps.blobs.putBuffer(orphan, Buffer.from('%PDF-1.4 orphan'), 'application/pdf');
    const strayInbox = inboxKey(randomUUID(), 1);
    await deps.blobs.putBuffer(strayInbox, Buffer.from('left by a failed import'), 'application/octet-stream');
    const strayId = randomUUID();
    await deps.search.upsert([toSearchDocument({ ...lost, id: strayId }, [], [])]);
    await deps.db.documents.setStatus(stuckId, 'processing', {}, new Date());

    const expected = [
      `missing-original ${lostId}`,
      `missing-from-index ${unindexedId}`,
      `orphan-original ${orphan}`,
      `stray-inbox ${strayInbox}`,
      `stray-index-entry ${strayId}`,
      `stuck-processing ${stuckId}`,
    ].sort();
    const found = await reconcile(deps, { repair: false });
    expect(kindsAndSubjects(found)).to.deep.equal(expected);
    expect(found.unrepaired).to.equal(6);
    expect(found.findings.every((f) => !f.repaired)).to.equal(true);

    // Unclaimed objects are only a few seconds old: an upload could still be committing them.
    const repaired = await reconcile(deps, { repair: true });
    expect(kindsAndSubjects(repaired)).to.deep.equal(expected);
    const left = repaired.findings
      .filter((f) => !f.repaired)
      .map((f) => f.kind)
      .sort();
    expect(left).to.deep.equal(['missing-original', 'orphan-original', 'stray-inbox']);
    expect(await deps.blobs.stat(orphan)).to.not.equal(null);
    expect(await findsLetter(letters[1]!)).to.deep.equal([unindexedId]);
    expect(await waitForDocument(app, app.adminToken, stuckId)).to.include({ status: 'ready' });
    const audit = await deps.db.audit.list({}, { userId: 'x', unitCodes: 'all', levels: ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] }, 1, 1000);
    expect(audit.items.map((e) => e.action)).to.include('admin.reconcile_repair');

    const later = { ...deps, clock: { now: () => new Date(Date.now() + ORPHAN_GRACE_MS + 60_000) } };
    const aged = await reconcile(later, { repair: true });
    expect(
      aged.findings
        .filter((f) => f.repaired)
        .map((f) => `${f.kind} ${f.subject}`)
        .sort(),
    ).to.deep.equal([`orphan-original ${orphan}`, `stray-inbox ${strayInbox}`]);
    expect(await deps.blobs.stat(orphan)).to.equal(null);
    expect(await deps.blobs.stat(strayInbox)).to.equal(null);

    const after = await reconcile(deps, { repair: false });
    expect(kindsAndSubjects(after)).to.deep.equal([`missing-original ${lostId}`]);
    expect(after.unrepaired).to.equal(1);
  });

  it('verifies the audit chain and names the first entry changed behind its back', async () => {
    const intact = await verifyAudit(app.naskah.deps.db.audit);
    expect(intact.intact).to.equal(true);
    expect(intact.entries).to.be.greaterThan(5);

    const db = new sqlite3.Database(path.join(app.dataDir, 'naskah.sqlite'));
    try {
      await new Promise<void>((resolve, reject) => db.run("UPDATE audit_log SET action = 'document.read' WHERE seq = 4", (e) => (e ? reject(e) : resolve())));
    } finally {
      await new Promise<void>((resolve) => db.close(() => resolve()));
    }
    expect(await verifyAudit(app.naskah.deps.db.audit, { chunk: 2 })).to.deep.include({ intact: false, entries: 3, firstBrokenSeq: 4 });
  });

  it('runs as a shell command against the data directory in DATA_DIR', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'naskah-cli-'));
    try {
      const env = { DATA_DIR: dataDir };
      const noUnit = await cli(['user:create', '--username', 'sari', '--password', 'rahasia-123', '--role', 'clerk', '--unit', 'ORG'], env);
      expect(noUnit.code, noUnit.err).to.equal(1);
      expect(noUnit.err).to.include('no unit with code ORG');
      expect((await cli(['unit:create', '--code', 'ORG', '--name', 'Organisasi'], env)).code).to.equal(0);
      const created = await cli(['user:create', '--username', 'sari', '--password', 'rahasia-123', '--role', 'clerk', '--unit', 'ORG', '--name', 'Sari'], env);
      expect(created.code, created.err).to.equal(0);
      expect(created.out).to.match(/created user sari \(clerk, unit ORG/);
      const badRole = await cli(['user:create', '--username', 'x', '--password', 'rahasia-123', '--role', 'boss', '--unit', 'ORG'], env);
      expect(badRole.code).to.equal(2);
      expect(badRole.err).to.include('--role must be one of');
      const verified = await cli(['verify-audit'], env);
      expect(verified.code, verified.err).to.equal(0);
      expect(JSON.parse(verified.out)).to.deep.include({ intact: true, entries: 2 });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
