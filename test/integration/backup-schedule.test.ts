/**
 * The periodic backup (BACKUP_DIR): worker processes race for it and the database's lease lets
 * one run each period; older backups are pruned to BACKUP_KEEP; the admin page's API lists the
 * runs and says when the last good backup is older than the interval. On SQLite and MySQL.
 */
import { expect } from 'chai';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runScheduledBackup } from '../../src/app/backup/scheduled-backup.ts';
import { directoryVaults } from '../../src/infra/backup/directory.vault.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { api, expectProblem } from '../support/http.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { passwordOf } from '../support/passwords.ts';

const HOUR = 3600_000;

forEachDatabase(
  (db) => `the periodic backup on ${db}`,
  {
    timeout: 60_000,
    // The interval the admin page judges by; without BACKUP_DIR no timer runs, the test drives the schedule.
    env: { BACKUP_INTERVAL_HOURS: '1' },
  },
  ({ app, target }) => {
    let dir: string;
    const policy = () => ({ dir, intervalHours: 1, keep: 2 });
    const deps = () => {
      const a = app.naskah.adapters;
      return {
        db: a.db,
        snapshots: a.snapshots,
        blobs: a.blobs,
        secrets: a.secretFiles,
        vaults: directoryVaults(),
        clock: app.clock,
        productVersion: 'test',
        source: { database: target.name, storage: 'local' as const },
      };
    };

    before(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-scheduled-'));
    });
    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('runs once a period however many workers try, and keeps the newest BACKUP_KEEP', async () => {
      const first = await Promise.all(['worker-a', 'worker-b', 'worker-c'].map((w) => runScheduledBackup(deps(), policy(), w)));
      expect(first.filter((r) => typeof r === 'object')).to.have.length(1);
      // The others lost the race for the lease, or looked after the winner's claim.
      for (const r of first.filter((x) => typeof x !== 'object')) expect(r).to.be.oneOf(['taken', 'not-due']);
      expect(await runScheduledBackup(deps(), policy(), 'worker-b')).to.equal('not-due');
      for (let round = 0; round < 2; round++) {
        app.clock.advance(HOUR + 1000);
        const again = await Promise.all(['worker-a', 'worker-b'].map((w) => runScheduledBackup(deps(), policy(), w)));
        expect(
          again.filter((r) => typeof r === 'object'),
          `round ${round}`,
        ).to.have.length(1);
      }
      expect(await readdir(path.join(dir, 'backups'))).to.have.length(2);
      const runs = (await app.naskah.deps.db.backupRuns.list(1, 10)).items;
      expect(runs.map((r) => [r.trigger, r.state])).to.deep.equal([
        ['schedule', 'succeeded'],
        ['schedule', 'succeeded'],
        ['schedule', 'succeeded'],
      ]);
    });

    it('lists the runs for admins, and warns when the last good backup is older than the interval', async () => {
      const staff = await api(app, app.adminToken, 'POST', '/api/v1/users', {
        username: 'staf',
        password: passwordOf('staf'),
        name: 'Staf',
        role: 'staff',
        unitCode: 'ORG',
      });
      expect(staff.status).to.equal(201);
      expectProblem(await api(app, await app.login('staf', passwordOf('staf')), 'GET', '/api/v1/backups'), 403);
      const listed = await api(app, app.adminToken, 'GET', '/api/v1/backups?limit=2');
      expect(listed.status).to.equal(200);
      expect(listed.body).to.deep.include({ total: 3, page: 1, limit: 2, overdue: false });
      const [newest] = listed.body.items!;
      expect(newest).to.include({ trigger: 'schedule', state: 'succeeded', encrypted: false, error: null });
      expect(newest!.bytes).to.be.a('number').and.greaterThan(0);
      expect(newest!.durationMs).to.be.a('number');
      app.clock.advance(2 * HOUR);
      expect((await api(app, app.adminToken, 'GET', '/api/v1/backups')).body.overdue).to.equal(true);
    });

    it('records a run that could not start (the directory unusable) as failed, and tries again later', async () => {
      const bad = { dir: path.join(dir, 'backups', 'not-a-dir', 'x'), intervalHours: 1, keep: 2 };
      await rm(path.join(dir, 'backups'), { recursive: true });
      await writeFile(path.join(dir, 'backups'), 'a file where a folder should be');
      let error: unknown;
      await runScheduledBackup(deps(), bad, 'worker-a').catch((e: unknown) => (error = e));
      expect(String((error as Error)?.message)).to.match(/cannot be used \(ENOTDIR/);
      const [failed] = (await app.naskah.deps.db.backupRuns.list(1, 1)).items;
      expect(failed).to.include({ state: 'failed', trigger: 'schedule' });
      expect(await runScheduledBackup(deps(), bad, 'worker-b')).to.equal('not-due');
    });
  },
);

describe('the periodic backup in a running server (BACKUP_DIR)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let dir: string;
  after(async () => {
    await app?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('backs up on its own a few seconds after the worker starts, and the admin page shows it', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-server-backups-'));
    app = await startTestApp({ BACKUP_DIR: dir, BACKUP_INTERVAL_HOURS: '1', BACKUP_KEEP: '3' });
    const until = Date.now() + 30_000;
    let listed = await api(app, app.adminToken, 'GET', '/api/v1/backups');
    while (!(listed.body.items ?? []).some((r) => r.state === 'succeeded') && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      listed = await api(app, app.adminToken, 'GET', '/api/v1/backups');
    }
    expect(listed.body.items![0]).to.include({ trigger: 'schedule', state: 'succeeded', directory: dir });
    expect(listed.body).to.deep.include({ overdue: false, settings: { directory: dir, intervalHours: 1, keep: 3, encrypted: false } });
    expect(await readdir(path.join(dir, 'backups'))).to.have.length(1);
  });
});
