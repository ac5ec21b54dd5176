import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Sequelize } from 'sequelize';
import { recordScheduledCheckpoint } from '../../src/app/audit/checkpoints.ts';
import { hashAuditEntry } from '../../src/domain/audit-chain.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { uploadedDocument } from '../support/factories.ts';
import { cli } from '../support/cli.ts';
import { cliHere } from '../support/cli-in-process.ts';
import { api, expectProblem } from '../support/http.ts';
import { idle } from '../support/leftovers.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'sandi-panjang-sekali';
const ENTRY_KEYS = ['seq', 'at', 'actorId', 'action', 'targetType', 'targetId', 'details', 'hash', 'prevHash'];

/** An NDJSON download, parsed line by line. */
const ndjson = async (app: TestApp, token: string, p: string) => {
  const res = await fetch(`${app.url}${p}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  const lines = res.ok
    ? text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];
  return { status: res.status, headers: res.headers, lines };
};

const newUser = async (app: TestApp, username: string, role: string, clearance: string): Promise<string> => {
  const r = await api(app, app.adminToken, 'POST', '/api/v1/users', { username, password: PASSWORD, name: username, role, unitCode: 'ORG', clearance });
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return String(r.body.id);
};

forEachDatabase('audit trail over HTTP', { timeout: 120_000 }, ({ app }) => {
  const token: Record<string, string> = {};
  const userId: Record<string, string> = {};
  const doc: Record<string, string> = {};

  before(async () => {
    for (const [name, role, clearance] of [
      ['staf1', 'staff', 'biasa'],
      ['arsip1', 'clerk', 'rahasia'],
      ['audit1', 'auditor', 'biasa'],
      ['audit2', 'auditor', 'rahasia'],
      ['adminb', 'admin', 'biasa'],
    ] as const) {
      userId[name] = await newUser(app, name, role, clearance);
      token[name] = await app.login(name, PASSWORD);
    }
    for (const level of ['biasa', 'rahasia'])
      doc[level] = (
        await uploadedDocument(app, token.arsip1!, `audit-${level}`, { fileName: `${level}.pdf`, fields: { title: `Surat ${level}`, securityLevel: level } })
      ).id;
    await idle(app); // extraction appends entries of its own: let it finish before counting
  });

  it('lists entries in seq order with every hashed field, paged', async () => {
    const first = await api(app, token.audit2!, 'GET', '/api/v1/audit?limit=5');
    expect(first.status).to.equal(200);
    expect(first.body).to.include({ page: 1, limit: 5 });
    expect(first.body.total).to.be.greaterThan(10);
    expect(first.body.items!.map((e) => e.seq)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(Object.keys(first.body.items![0]!)).to.have.members(ENTRY_KEYS);
    const second = await api(app, token.audit2!, 'GET', '/api/v1/audit?limit=5&page=2');
    expect(second.body.items!.map((e) => e.seq)).to.deep.equal([6, 7, 8, 9, 10]);
    expect(second.body.items![0]!.prevHash).to.equal(first.body.items![4]!.hash);
  });

  it('filters by actor, action, document and time', async () => {
    const byActor = await api(app, app.adminToken, 'GET', `/api/v1/audit?actorId=${userId.arsip1}&limit=100`);
    expect(byActor.body.items!.length).to.equal(byActor.body.total).and.be.greaterThan(0);
    expect(byActor.body.items!.every((e) => e.actorId === userId.arsip1)).to.equal(true);
    const uploads = await api(app, token.adminb!, 'GET', '/api/v1/audit?action=document.upload');
    expect(uploads.body.items!.map((e) => e.targetId)).to.deep.equal([doc.biasa]); // this admin is cleared for biasa only
    const aboutDoc = await api(app, token.audit1!, 'GET', `/api/v1/audit?documentId=${doc.biasa}&limit=100`);
    expect(aboutDoc.body.items!.map((e) => e.action)).to.include.members(['document.upload', 'document.extracted']);
    expect(aboutDoc.body.items!.every((e) => e.targetId === doc.biasa)).to.equal(true);

    const all = (await api(app, token.audit2!, 'GET', '/api/v1/audit?limit=100')).body.items!;
    const [from, to] = [String(all[3]!.at), String(all[7]!.at)];
    const between = await api(app, token.audit2!, 'GET', `/api/v1/audit?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=100`);
    const expected = all.filter((e) => String(e.at) >= from && String(e.at) <= to).map((e) => e.seq);
    expect(between.body.items!.map((e) => e.seq)).to.deep.equal(expected);
    expect((await api(app, token.audit2!, 'GET', '/api/v1/audit?to=2000-01-01')).body.total).to.equal(0);
    const today = new Date(String(all[0]!.at)).toISOString().slice(0, 10);
    expect((await api(app, token.audit2!, 'GET', `/api/v1/audit?from=${today}&to=${today}`)).body.total).to.be.greaterThan(0);
  });

  it('answers bad query values with 422 and everyone but auditors and admins with 403', async () => {
    for (const q of [
      'from=yesterday',
      'from=2026-02-30',
      'to=2026-01-01T25:00:00Z',
      'from=2026-02-02&to=2026-02-01',
      'limit=0',
      'limit=101',
      'page=0',
      'documentId=abc',
      'actorId=1',
      'action=DROP%20TABLE',
    ]) {
      expectProblem(await api(app, token.audit1!, 'GET', `/api/v1/audit?${q}`), 422);
    }
    expectProblem(await api(app, token.audit1!, 'GET', '/api/v1/audit/verify?seq=3'), 422);
    expectProblem(await api(app, token.audit1!, 'GET', '/api/v1/audit/verify?seq=3&hash=xyz'), 422);
    expectProblem(await api(app, token.audit1!, 'GET', '/api/v1/audit/export?from=nope'), 422);
    for (const who of ['staf1', 'arsip1']) {
      for (const [method, p] of [
        ['GET', '/api/v1/audit'],
        ['GET', '/api/v1/audit/verify'],
        ['GET', '/api/v1/audit/export'],
        ['POST', '/api/v1/audit/checkpoints'],
        ['GET', '/api/v1/audit/checkpoints'],
        ['GET', '/api/v1/audit/checkpoints/latest'],
        ['GET', `/api/v1/users/${userId.arsip1}/activity`],
      ] as const) {
        expectProblem(await api(app, token[who]!, method, p), 403);
      }
    }
    expectProblem(await api(app, token.audit2!, 'GET', `/api/v1/users/${userId.arsip1}/activity`), 403);
    expectProblem(await api(app, null, 'GET', '/api/v1/audit'), 401);
  });

  it('neither returns nor counts entries about a document the auditor may not read', async () => {
    const hidden = await api(app, token.audit1!, 'GET', `/api/v1/audit?documentId=${doc.rahasia}`);
    expect(hidden.body).to.deep.include({ items: [], total: 0 });
    const seen = await api(app, token.audit2!, 'GET', `/api/v1/audit?documentId=${doc.rahasia}&limit=100`);
    expect(seen.body.total).to.be.greaterThan(1);
    const cleared = await api(app, token.audit2!, 'GET', '/api/v1/audit?limit=100');
    const uncleared = await api(app, token.audit1!, 'GET', '/api/v1/audit?limit=100');
    expect(uncleared.body.total).to.equal(Number(cleared.body.total) - Number(seen.body.total));
    expect(uncleared.body.items!.some((e) => e.targetId === doc.rahasia)).to.equal(false);
    const exported = await ndjson(app, token.audit1!, '/api/v1/audit/export');
    expect(exported.lines.some((e) => e.targetId === doc.rahasia)).to.equal(false);
    expect(exported.lines.some((e) => e.targetId === doc.biasa)).to.equal(true);
  });

  it('verifies the intact chain up to its head', async () => {
    const r = await api(app, token.audit1!, 'GET', '/api/v1/audit/verify');
    expect(r.status).to.equal(200);
    const head = await app.naskah.adapters.db.audit.head();
    expect(r.body).to.deep.equal({ intact: true, entries: head.seq, head });
  });

  it('exports the visible trail as NDJSON in seq order, itself included, within a time range', async () => {
    const r = await ndjson(app, token.audit2!, '/api/v1/audit/export');
    expect(r.status).to.equal(200);
    expect(r.headers.get('content-type')).to.match(/^application\/x-ndjson/);
    expect(r.headers.get('content-disposition')).to.match(/^attachment; filename="audit-.*\.ndjson"/);
    expect(r.lines.map((e) => e.seq)).to.deep.equal(r.lines.map((_, i) => i + 1));
    expect(Object.keys(r.lines[0]!)).to.have.members(ENTRY_KEYS);
    const own = r.lines[r.lines.length - 1]!;
    expect(own).to.deep.include({ action: 'audit.export', actorId: userId.audit2, details: { from: null, to: null } });
    const listed = (await api(app, token.audit2!, 'GET', '/api/v1/audit?limit=3')).body.items!;
    expect(r.lines.slice(0, 3)).to.deep.equal(listed);

    const from = String(r.lines[5]!.at);
    const ranged = await ndjson(app, token.audit2!, `/api/v1/audit/export?from=${encodeURIComponent(from)}&to=2999-12-31`);
    expect(ranged.lines.every((e) => String(e.at) >= from)).to.equal(true);
    expect(ranged.lines[0]!.seq).to.be.at.least(6);
  });

  it("exports one user's activity for an admin", async () => {
    const r = await ndjson(app, token.adminb!, `/api/v1/users/${userId.arsip1}/activity`);
    expect(r.status).to.equal(200);
    expect(r.headers.get('content-type')).to.match(/^application\/x-ndjson/);
    expect(r.lines.length).to.be.greaterThan(0);
    expect(r.lines.every((e) => e.actorId === userId.arsip1)).to.equal(true);
    // This admin is cleared for biasa: the clerk's upload of the rahasia document stays hidden.
    expect(r.lines.filter((e) => e.action === 'document.upload').map((e) => e.targetId)).to.deep.equal([doc.biasa]);
    expectProblem(await api(app, app.adminToken, 'GET', `/api/v1/users/${randomUUID()}/activity`), 404);
    expectProblem(await api(app, app.adminToken, 'GET', '/api/v1/users/not-a-uuid/activity'), 422);
  });

  it('records, lists and prints checkpoints, and checks an outside one against the chain', async () => {
    expectProblem(await api(app, token.audit1!, 'GET', '/api/v1/audit/checkpoints/latest'), 404);
    const made = await api(app, token.audit1!, 'POST', '/api/v1/audit/checkpoints');
    expect(made.status).to.equal(201);
    const cp = made.body as { seq: number; hash: string; at: string };
    const head = await app.naskah.adapters.db.audit.head();
    expect(cp).to.include(head);
    const [entry] = await app.naskah.adapters.db.audit.scan(cp.seq - 1, 1);
    expect(entry).to.deep.include({ seq: cp.seq, hash: cp.hash, action: 'audit.checkpoint', actorId: userId.audit1 });

    expect((await api(app, token.audit1!, 'GET', '/api/v1/audit/checkpoints/latest')).body).to.deep.equal(cp);
    const printed = await fetch(`${app.url}/api/v1/audit/checkpoints/latest`, { headers: { authorization: `Bearer ${token.audit1}`, accept: 'text/plain' } });
    expect(printed.headers.get('content-type')).to.match(/^text\/plain/);
    const text = await printed.text();
    expect(text).to.include(`Entry (seq): ${cp.seq}`).and.include(`Hash:        ${cp.hash}`).and.include(`Recorded at: ${cp.at}`).and.include('matches');

    const claim = await api(app, token.audit1!, 'GET', `/api/v1/audit/verify?seq=${cp.seq}&hash=${cp.hash.toUpperCase()}`);
    expect(claim.body).to.deep.include({ intact: true, checkpoint: { seq: cp.seq, hash: cp.hash, matches: true } });
    const wrong = await api(app, token.audit1!, 'GET', `/api/v1/audit/verify?seq=${cp.seq}&hash=${'0'.repeat(64)}`);
    expect(wrong.body).to.deep.include({ intact: true, checkpoint: { seq: cp.seq, hash: '0'.repeat(64), matches: false } });

    // The periodic checkpoint skips a head already recorded, records a moved one once however many workers race.
    expect(await recordScheduledCheckpoint(app.naskah.deps)).to.equal(null);
    await api(app, app.adminToken, 'POST', '/api/v1/units', { code: 'AUD', name: 'Inspektorat' });
    const raced = await Promise.all([1, 2, 3].map(() => recordScheduledCheckpoint(app.naskah.deps)));
    const moved = await app.naskah.adapters.db.audit.head();
    expect(raced.filter((c) => c !== null).map((c) => c.seq))
      .to.include(moved.seq)
      .and.satisfy((seqs: number[]) => seqs.every((s) => s === moved.seq));

    const list = await api(app, token.audit2!, 'GET', '/api/v1/audit/checkpoints?limit=1');
    expect(list.body).to.deep.include({ total: 2, page: 1, limit: 1 });
    expect(list.body.items!.map((c) => c.seq)).to.deep.equal([moved.seq]);
    const page2 = await api(app, token.audit2!, 'GET', '/api/v1/audit/checkpoints?limit=1&page=2');
    expect(page2.body.items).to.deep.equal([cp]);
  });
});

forEachDatabase(
  (db) => `audit tampering on ${db}: the API and verify-audit name the first broken entry`,
  { timeout: 180_000, app: false },
  ({ database: tdb, target }) => {
    let app: TestApp;
    let sql: Sequelize;
    let cliEnv: Record<string, string>;
    let cliDir: string;
    let checkpoint: { seq: number; hash: string };
    let last: number;

    const run = (q: string, replacements?: unknown[]) => sql.query(q, replacements ? { replacements } : {});

    /** Both the route and the CLI report the same first broken seq. */
    const expectBroken = async (seq: number, reason: RegExp) => {
      const r = await api(app, app.adminToken, 'GET', '/api/v1/audit/verify');
      expect(r.status).to.equal(200);
      expect(r.body).to.deep.include({ intact: false, firstBrokenSeq: seq });
      expect(String(r.body.reason)).to.match(reason);
      // In this process (as `npm run cli` parses and answers it): the first case runs the real shell command.
      const shell = await cliHere(['verify-audit'], cliEnv);
      expect(shell.code, shell.err).to.equal(1);
      expect(JSON.parse(shell.out)).to.deep.include({ intact: false, firstBrokenSeq: seq, reason: r.body.reason });
      expect(shell.err).to.include(`broken at seq ${seq}`);
    };

    before(async () => {
      app = await startTestApp({ DATABASE_URL: tdb.config.url });
      cliDir = await mkdtemp(path.join(os.tmpdir(), 'naskah-audit-cli-'));
      cliEnv = { DATA_DIR: cliDir, DATABASE_URL: tdb.config.url };
      for (const code of ['U1', 'U2', 'U3'])
        expect((await api(app, app.adminToken, 'POST', '/api/v1/units', { code, name: `Unit ${code}` })).status).to.equal(201);
      const made = await cliHere(['audit:checkpoint'], cliEnv);
      expect(made.code, made.err).to.equal(0);
      checkpoint = { seq: Number(/Entry \(seq\): (\d+)/.exec(made.out)![1]), hash: /Hash: +([0-9a-f]{64})/.exec(made.out)![1]! };
      expect((await app.naskah.adapters.db.audit.scan(checkpoint.seq - 1, 1))[0]).to.deep.include({ ...checkpoint, action: 'audit.checkpoint', actorId: null });
      for (const code of ['U4', 'U5']) expect((await api(app, app.adminToken, 'POST', '/api/v1/units', { code, name: `Unit ${code}` })).status).to.equal(201);
      last = (await app.naskah.adapters.db.audit.head()).seq;
      expect(last).to.be.greaterThan(checkpoint.seq);
      sql =
        target.name === 'sqlite'
          ? new Sequelize({ dialect: 'sqlite', storage: tdb.config.url.slice('sqlite:'.length), logging: false })
          : new Sequelize(tdb.config.url, { logging: false });
      await run('CREATE TABLE audit_log_copy AS SELECT * FROM audit_log');
      await run('CREATE TABLE audit_head_copy AS SELECT * FROM audit_head');
    });
    after(async () => {
      await sql?.close();
      await app?.stop();
      if (cliDir) await rm(cliDir, { recursive: true, force: true });
    });
    // Every case starts from the untouched trail.
    afterEach(async () => {
      for (const t of ['audit_log', 'audit_head']) {
        await run(`DELETE FROM ${t}`);
        await run(`INSERT INTO ${t} SELECT * FROM ${t}_copy`);
      }
      expect((await api(app, app.adminToken, 'GET', '/api/v1/audit/verify')).body).to.include({ intact: true, entries: last });
    });

    it('is intact before anything is touched, and the printed checkpoint matches', async () => {
      const shell = await cli(['verify-audit', '--checkpoint', `${checkpoint.seq}:${checkpoint.hash}`], cliEnv);
      expect(shell.code, shell.err).to.equal(0);
      expect(JSON.parse(shell.out)).to.deep.equal({
        intact: true,
        entries: last,
        head: await app.naskah.adapters.db.audit.head(),
        checkpoint: { ...checkpoint, matches: true },
      });
    });

    it('a changed details field', async () => {
      await run(`UPDATE audit_log SET details = '{"code":"HACKED"}' WHERE seq = 3`);
      await expectBroken(3, /entry 3 was changed/);
    });

    it('a deleted middle entry', async () => {
      await run('DELETE FROM audit_log WHERE seq = 4');
      await expectBroken(4, /entry 4 is missing/);
    });

    it('two entries whose seqs were swapped', async () => {
      await run('UPDATE audit_log SET seq = -1 WHERE seq = 3');
      await run('UPDATE audit_log SET seq = 3 WHERE seq = 6');
      await run('UPDATE audit_log SET seq = 6 WHERE seq = -1');
      await expectBroken(3, /moved/);
    });

    it('a deleted last entry', async () => {
      await run('DELETE FROM audit_log WHERE seq = ?', [last]);
      await expectBroken(last, /missing.*chain head/);
    });

    it('a rewrite that recomputed every hash and the head, caught by the checkpoint', async () => {
      const entries = await app.naskah.adapters.db.audit.scan(0, 1000);
      let prevHash = entries[0]!.hash;
      for (const e of entries.slice(1)) {
        const forged = { ...e, details: e.seq === 2 ? { ...e.details, forged: true } : e.details, prevHash };
        prevHash = hashAuditEntry(forged);
        await run('UPDATE audit_log SET details = ?, prev_hash = ?, hash = ? WHERE seq = ?', [
          JSON.stringify(forged.details),
          forged.prevHash,
          prevHash,
          e.seq,
        ]);
      }
      await run('UPDATE audit_head SET hash = ? WHERE id = 1', [prevHash]);
      await expectBroken(checkpoint.seq, /checkpoint/);
      const claim = await api(app, app.adminToken, 'GET', `/api/v1/audit/verify?seq=${checkpoint.seq}&hash=${checkpoint.hash}`);
      expect(claim.body.checkpoint).to.deep.equal({ ...checkpoint, matches: false });
      const shell = await cliHere(['verify-audit', '--checkpoint', `${checkpoint.seq}:${checkpoint.hash}`], cliEnv);
      expect(shell.code).to.equal(1);
      expect(shell.err).to.include('does not match');
    });
  },
);

forEachDatabase('audit entries about outgoing letters', { timeout: 120_000 }, ({ app }) => {
  const token: Record<string, string> = {};
  const userId: Record<string, string> = {};
  const letter: Record<'biasa' | 'rahasia', { id: string; documentId: string }> = { biasa: { id: '', documentId: '' }, rahasia: { id: '', documentId: '' } };

  before(async () => {
    for (const [name, role, clearance] of [
      ['konseptor', 'staff', 'rahasia'],
      ['sekda', 'official', 'rahasia'],
      ['audit1', 'auditor', 'biasa'],
      ['audit2', 'auditor', 'rahasia'],
    ] as const) {
      userId[name] = await newUser(app, name, role, clearance);
      token[name] = await app.login(name, PASSWORD);
    }
    for (const level of ['biasa', 'rahasia'] as const) {
      const r = await api(app, token.konseptor!, 'POST', '/api/v1/letters/outgoing', {
        subject: `Surat keluar ${level}`,
        recipient: 'Dinas Pendidikan',
        classificationCode: '005',
        signerId: userId.sekda,
        reviewerIds: [],
        securityLevel: level,
        template: { addressee: 'Yth. Kepala Dinas Pendidikan\ndi\nTempat', body: `Isi surat ${level}.` },
      });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      letter[level] = { id: String(r.body.id), documentId: String(r.body.documentId) };
    }
    // A cleared read of the rahasia letter is itself an entry about it.
    expect((await api(app, token.audit2!, 'GET', `/api/v1/letters/outgoing/${letter.rahasia.id}`)).status).to.equal(200);
    await idle(app);
  });

  const about = (entries: Record<string, unknown>[], l: { id: string; documentId: string }) =>
    entries.filter((e) => e.targetId === l.id || e.targetId === l.documentId || (e.details as Record<string, unknown>).documentId === l.documentId);

  it('neither shows nor counts the entries of a letter the auditor may not read; a cleared auditor sees them', async () => {
    const drafts = (who: string) => api(app, token[who]!, 'GET', '/api/v1/audit?action=letter.outgoing_draft&limit=100');
    const uncleared = await drafts('audit1');
    expect(uncleared.body.items!.map((e) => e.targetId)).to.deep.equal([letter.biasa.id]);
    expect(uncleared.body.total).to.equal(1);
    const cleared = await drafts('audit2');
    expect(cleared.body.items!.map((e) => e.targetId)).to.deep.equal([letter.biasa.id, letter.rahasia.id]);
    expect(cleared.body.items![1]!.details).to.deep.include({ documentId: letter.rahasia.documentId });

    expect((await api(app, token.audit1!, 'GET', `/api/v1/audit?documentId=${letter.rahasia.id}`)).body).to.deep.include({ items: [], total: 0 });
    const reads = await api(app, token.audit2!, 'GET', `/api/v1/audit?action=letter.outgoing_read&limit=100`);
    expect(reads.body.items!.map((e) => [e.targetId, (e.details as Record<string, unknown>).securityLevel])).to.deep.equal([[letter.rahasia.id, 'rahasia']]);
    expect((await api(app, token.audit1!, 'GET', `/api/v1/audit?action=letter.outgoing_read`)).body.total).to.equal(0);

    // Over the whole trail: the uncleared auditor misses exactly the rahasia letter's entries (and its document's).
    const all1 = await api(app, token.audit1!, 'GET', '/api/v1/audit?limit=100');
    const all2 = await api(app, token.audit2!, 'GET', '/api/v1/audit?limit=100');
    expect(all2.body.total).to.equal(all2.body.items!.length);
    const hidden = about(all2.body.items!, letter.rahasia);
    expect(hidden.map((e) => e.action)).to.include.members(['letter.outgoing_draft', 'letter.outgoing_read', 'document.upload']);
    expect(about(all1.body.items!, letter.rahasia)).to.deep.equal([]);
    expect(all1.body.total).to.equal(Number(all2.body.total) - hidden.length);
    expect(about(all1.body.items!, letter.biasa).map((e) => e.action)).to.include('letter.outgoing_draft');
    const exported = await ndjson(app, token.audit1!, '/api/v1/audit/export');
    expect(about(exported.lines, letter.rahasia)).to.deep.equal([]);
  });
});
