import { expect } from 'chai';
import { api } from '../support/http.ts';
import { archive, eventually, type RecordsPeople, setUpRecordsOffice } from '../support/records-office.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { passwordOf } from '../support/passwords.ts';

const YEAR = 365.25 * 24 * 3600_000;
type Json = Record<string, unknown>;

describe('the retention pass moves records on with the calendar and tells the archivists (HTTP, embedded)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let t: RecordsPeople;
  let id = '';
  const phase = async () => String(((await api(app, t.archivist, 'GET', `/api/v1/documents/${id}`)).body.retention as Json).phase);
  /** Moves the office's clock on; sessions end with time, so people log in again. */
  const later = async (ms: number) => {
    app.clock.advance(ms);
    t.archivist = await app.login('arsiparis', passwordOf('arsiparis'));
    t.clerk = await app.login('agendaris', passwordOf('agendaris'));
  };
  const pass = async () => {
    const jobsBefore = (await app.naskah.deps.db.jobs.countByState()).done;
    expect((await api(app, t.archivist, 'POST', '/api/v1/records/retention-pass', {})).status).to.equal(202);
    await eventually(
      'the pass',
      () => app.naskah.deps.db.jobs.countByState(),
      (j) => j.done > jobsBefore && j.queued + j.running === 0,
    );
  };

  before(async () => {
    app = await startTestApp();
    t = await setUpRecordsOffice(app);
    const today = app.clock.now().toISOString().slice(0, 10);
    id = await archive(app, t.clerk, 4301, { classificationCode: '000.5', documentDate: today }); // 1 year active, 2 inactive, then destroy
  });
  after(() => app?.stop());

  it('keeps a new record active until its active years end, then inactive, then due, with a notice to the archivists', async () => {
    expect(await phase()).to.equal('active');
    await pass();
    expect(await phase()).to.equal('active');
    await later(1 * YEAR + 2 * 24 * 3600_000);
    await pass();
    expect(await phase()).to.equal('inactive');
    expect(((await api(app, t.archivist, 'GET', '/api/v1/notifications')).body.items as Json[]).filter((n) => n.kind === 'records_due')).to.deep.equal([]);
    await later(2 * YEAR);
    await pass();
    expect(await phase()).to.equal('due');
    const notes = ((await api(app, t.archivist, 'GET', '/api/v1/notifications')).body.items as Json[]).filter((n) => n.kind === 'records_due');
    expect(notes).to.have.length(1);
    expect(String(notes[0]!.message)).to.contain('ORG: 1 (destroy)');
    // Not for people who do not keep records; and a second pass the same day tells nobody twice.
    expect(((await api(app, t.clerk, 'GET', '/api/v1/notifications')).body.items as Json[]).filter((n) => n.kind === 'records_due')).to.deep.equal([]);
    await pass();
    expect(((await api(app, t.archivist, 'GET', '/api/v1/notifications')).body.items as Json[]).filter((n) => n.kind === 'records_due')).to.have.length(1);
    await eventually(
      'the index',
      () => api(app, t.archivist, 'GET', '/api/v1/search?q=&retentionPhase=due'),
      (r) => r.body.total === 1,
    );
  });

  it('applies a changed schedule to the records of the code and its refinements at once', async () => {
    expect(
      (await api(app, t.archivist, 'PATCH', '/api/v1/classifications/000.5', { activeYears: 10, inactiveYears: 10, finalDisposition: 'permanent' })).status,
    ).to.equal(200);
    await eventually('the schedule applied', phase, (p) => p === 'active');
    const r = (await api(app, t.archivist, 'GET', `/api/v1/documents/${id}`)).body.retention as Json;
    expect(r).to.include({ finalDisposition: 'permanent' });
  });
});
