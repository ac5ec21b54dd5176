import { expect } from 'chai';
import { type BackupManifest, backupName, manifestObjects, manifestProblems, schemaProblem } from '../../../src/domain/backup-manifest.ts';
import { backupDue, backupOverdue, RETRY_AFTER_FAILURE_MS } from '../../../src/domain/backup-schedule.ts';

const sha = (c: string) => c.repeat(64);
const manifest = (): BackupManifest => ({
  format: 'naskah-backup',
  formatVersion: 1,
  name: '2026-12-01T02-00-00-000Z',
  productVersion: '0.1.0',
  runId: 'r1',
  startedAt: '2026-12-01T02:00:00.000Z',
  finishedAt: '2026-12-01T02:00:05.000Z',
  source: { database: 'sqlite', storage: 'local' },
  schema: { migrations: ['001-initial', '008-backups'] },
  encrypted: false,
  database: { format: 'ndjson-v1', tables: [{ name: 'users', rows: 2, object: { sha256: sha('a'), size: 10 } }] },
  objects: [
    { key: `originals/bb/bb/${sha('b')}`, object: { sha256: sha('b'), size: 20 } },
    { key: 'inbox/x/1', object: { sha256: sha('b'), size: 20 } },
  ],
  secrets: [{ path: 'office-ca-key.secret', object: { sha256: sha('c'), size: 44 } }],
  missing: [],
  counts: { users: 2, documents: 1, auditEntries: 3, objects: 2, bytes: 74 },
  audit: { seq: 3, hash: sha('d') },
});

describe('domain/backup-manifest', () => {
  it('accepts a well-formed manifest and lists each object once', () => {
    expect(manifestProblems(manifest())).to.deep.equal([]);
    expect(manifestObjects(manifest()).map((r) => r.sha256)).to.deep.equal([sha('a'), sha('b'), sha('c')]);
  });

  it('names what is wrong with a damaged or foreign one', () => {
    expect(manifestProblems(null)).to.deep.equal(['the manifest is not a JSON object']);
    expect(manifestProblems({ format: 'zip' })).to.deep.equal(['this is not a Naskah backup manifest']);
    expect(manifestProblems({ ...manifest(), formatVersion: 2 })[0]).to.match(/format version 2; this Naskah reads version 1/);
    const m = manifest() as unknown as Record<string, unknown>;
    delete m.audit;
    (m.objects as { key: string }[])[0]!.key = '../etc/passwd';
    (m.database as { tables: { object: { sha256: string } }[] }).tables[0]!.object.sha256 = 'xyz';
    expect(manifestProblems(m)).to.deep.equal(['database.tables[0] has a bad SHA-256', 'objects[0] has a bad key', 'audit head is missing']);
  });

  it('refuses a backup of a newer schema, whatever order the migrations came in', () => {
    const known = ['001-initial', '007-records', '008-backups'];
    expect(schemaProblem(['001-initial', '008-backups'], known)).to.equal(null);
    expect(schemaProblem(['001-initial', '009-future'], known)).to.match(
      /newer Naskah: its database has schema version 009-future, which this version does not know \(it knows up to 008-backups\)/,
    );
  });

  it('names backups by their start time, sortable and safe as a folder name', () => {
    expect(backupName(new Date('2026-12-01T02:03:04.005Z'))).to.equal('2026-12-01T02-03-04-005Z');
  });
});

describe('domain/backup-schedule', () => {
  const at = (h: number) => new Date(Date.UTC(2026, 11, 1) + h * 3600_000);
  const day = 24 * 3600_000;

  it('is due an interval after the last good backup, and not again right after a failed try', () => {
    expect(backupDue({ now: at(0), intervalMs: day, lastSuccessAt: null, lastAttemptAt: null })).to.equal(true);
    expect(backupDue({ now: at(23), intervalMs: day, lastSuccessAt: at(0), lastAttemptAt: at(0) })).to.equal(false);
    expect(backupDue({ now: at(24), intervalMs: day, lastSuccessAt: at(0), lastAttemptAt: at(0) })).to.equal(true);
    const failedAt = at(24);
    expect(
      backupDue({ now: new Date(failedAt.getTime() + RETRY_AFTER_FAILURE_MS - 1), intervalMs: day, lastSuccessAt: at(0), lastAttemptAt: failedAt }),
    ).to.equal(false);
    expect(backupDue({ now: new Date(failedAt.getTime() + RETRY_AFTER_FAILURE_MS), intervalMs: day, lastSuccessAt: at(0), lastAttemptAt: failedAt })).to.equal(
      true,
    );
  });

  it('warns when the last good backup is older than the interval (with slack for the run under way)', () => {
    expect(backupOverdue(null, at(0), day)).to.equal(true);
    expect(backupOverdue(at(0), at(24.9), day)).to.equal(false);
    expect(backupOverdue(at(0), at(25.1), day)).to.equal(true);
    expect(backupOverdue(at(0), at(0.02), 0.01 * 3600_000)).to.equal(true);
  });
});
