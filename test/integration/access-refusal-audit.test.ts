import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { REFUSALS_RECORDED, REFUSAL_WINDOW_MS } from '../../src/domain/access-refusal.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { unit, uploadedDocument, user } from '../support/factories.ts';
import { api } from '../support/http.ts';
import { idle } from '../support/leftovers.ts';
import { eventually } from '../support/records-office.ts';

const PASSWORD = 'sandi-panjang-sekali';
type Entry = { actorId: string; action: string; targetType: string; targetId: string; details: Record<string, unknown> };

forEachDatabase('refused access to restricted documents is audited, within a limit', { timeout: 120_000 }, ({ app }) => {
  const token: Record<string, string> = {};
  const userId: Record<string, string> = {};
  const doc: Record<string, string> = {};

  /** What the auditor reads in the trail: entries of one action, optionally about one document or by one user. */
  const trail = async (action: string, q: { documentId?: string; actorId?: string } = {}): Promise<Entry[]> => {
    const params = new URLSearchParams({ action, limit: '100', ...q });
    const r = await api(app, token.auditor!, 'GET', `/api/v1/audit?${params}`);
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    return r.body.items as unknown as Entry[];
  };
  /** The answer to a request, as the client sees it (status, type, body). */
  const answer = async (tok: string, method: string, path: string, json?: unknown) => {
    const r = await api(app, tok, method, path, json);
    return { status: r.status, type: r.headers.get('content-type'), body: r.body };
  };
  const probe = (tok: string, id: string) => answer(tok, 'GET', `/api/v1/documents/${id}`);

  before(async () => {
    for (const code of ['BIDANG_A', 'BIDANG_B']) await unit(app, code);
    for (const [name, role, unitCode, clearance] of [
      ['clerk', 'clerk', 'BIDANG_A', 'rahasia'],
      ['insider', 'staff', 'BIDANG_A', 'rahasia'],
      ['prober', 'staff', 'BIDANG_B', 'biasa'],
      ['auditor', 'auditor', 'ORG', 'rahasia'],
    ] as const) {
      const u = await user(app, name, { password: PASSWORD, name, role, unitCode, clearance });
      userId[name] = u.id;
      token[name] = u.token;
    }
    for (const level of ['biasa', 'rahasia'])
      doc[level] = (
        await uploadedDocument(app, token.clerk!, `refusal-${level}`, { fileName: `${level}.pdf`, fields: { title: `Surat ${level}`, securityLevel: level } })
      ).id;
    await idle(app);
  });

  it('records each refused representation of a rahasia document, answering exactly as for a document that does not exist', async () => {
    const missing = await probe(token.prober!, randomUUID());
    expect(missing.status).to.equal(404);
    // A biasa document of another unit is refused the same way, but not audited.
    expect(await probe(token.prober!, doc.biasa!)).to.deep.equal(missing);
    expect(await probe(token.prober!, doc.rahasia!)).to.deep.equal(missing);
    for (const sub of ['content', 'text', 'corrections']) {
      const none = await answer(token.prober!, 'GET', `/api/v1/documents/${randomUUID()}/${sub}`);
      expect(await answer(token.prober!, 'GET', `/api/v1/documents/${doc.rahasia}/${sub}`), sub).to.deep.equal(none);
    }
    const noEdit = await answer(token.prober!, 'PATCH', `/api/v1/documents/${randomUUID()}`, { title: 'x' });
    expect(await answer(token.prober!, 'PATCH', `/api/v1/documents/${doc.rahasia}`, { title: 'x' })).to.deep.equal(noEdit);

    const entries = await eventually(
      'five refusals in the trail',
      () => trail('document.access_refused', { documentId: doc.rahasia! }),
      (e) => e.length >= 5,
    );
    // Recorded after the answer leaves, so not necessarily in the order asked.
    expect(entries.map((e) => e.details.asked)).to.have.members(['metadata', 'content', 'text', 'corrections', 'edit']);
    for (const e of entries) {
      expect(e).to.include({ actorId: userId.prober, targetType: 'document', targetId: doc.rahasia });
      expect(e.details).to.include({ securityLevel: 'rahasia', reason: 'unit_and_clearance' });
    }
    expect(await trail('document.access_refused', { documentId: doc.biasa! })).to.deep.equal([]);
  });

  it('records a refused edit (403) of a rahasia document the user may read, the answer unchanged', async () => {
    const r = await answer(token.insider!, 'PATCH', `/api/v1/documents/${doc.rahasia}`, { title: 'Diubah' });
    expect(r.status).to.equal(403);
    expect(String(r.body.detail)).to.equal('only clerks and admins edit documents; archivists set their classification code');
    const entries = await eventually(
      'the refused edit',
      () => trail('document.access_refused', { actorId: userId.insider! }),
      (e) => e.length >= 1,
    );
    expect(entries.map((e) => [e.targetId, e.details.asked, e.details.reason])).to.deep.equal([[doc.rahasia, 'edit', 'edit_not_allowed']]);
  });

  it('stops recording after the limit with one entry saying so, and sums up the rest when the next window opens', async () => {
    const before = (await trail('document.access_refused', { actorId: userId.prober! })).length;
    const more = REFUSALS_RECORDED + 10 - before;
    for (let i = 0; i < more; i++) expect((await probe(token.prober!, doc.rahasia!)).status).to.equal(404);

    const limit = await eventually(
      'the limit entry',
      () => trail('document.access_refused_limit', { actorId: userId.prober! }),
      (e) => e.length >= 1,
    );
    expect(limit[0]).to.include({ targetType: 'user', targetId: userId.prober });
    expect(limit[0]!.details).to.include({ recorded: REFUSALS_RECORDED });
    // Give every refusal's write time to land: none beyond the limit may add an entry.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await trail('document.access_refused', { actorId: userId.prober! })).to.have.length(REFUSALS_RECORDED);
    expect(await trail('document.access_refused_limit', { actorId: userId.prober! })).to.have.length(1);

    app.clock.advance(REFUSAL_WINDOW_MS);
    expect((await probe(token.prober!, doc.rahasia!)).status).to.equal(404);
    const summary = await eventually(
      'the summary',
      () => trail('document.access_refused_summary', { actorId: userId.prober! }),
      (e) => e.length >= 1,
    );
    expect(summary[0]!.details).to.include({ refused: REFUSALS_RECORDED + 10, notRecorded: 10 });
    await eventually(
      'a new window records again',
      () => trail('document.access_refused', { actorId: userId.prober! }),
      (e) => e.length === REFUSALS_RECORDED + 1,
    );
  });
});
