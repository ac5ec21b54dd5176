import { Op, type Transaction } from 'sequelize';
import type { BackupRunRecord, BackupRunRepository, BackupRunState, BackupScheduleRepository, BackupTrigger } from '../../../ports/backup-repositories.ts';
import type { BackupModels } from '../backup-models.ts';
import type { BackupRunRow } from '../backup-models.ts';
import { mapOne, toBool, toDate, toDateOrNull, toNumOrNull } from './row.ts';
import { pagedRows } from './paged.ts';

const SCHEDULE_ID = 'scheduled';

const toRun = (r: BackupRunRow): BackupRunRecord => ({
  id: r.id,
  trigger: r.trigger as BackupTrigger,
  state: r.state as BackupRunState,
  directory: r.directory,
  name: r.name,
  encrypted: toBool(r.encrypted),
  startedAt: toDate(r.startedAt),
  heartbeatAt: toDate(r.heartbeatAt),
  finishedAt: toDateOrNull(r.finishedAt),
  bytes: toNumOrNull(r.bytes),
  newBytes: toNumOrNull(r.newBytes),
  objects: toNumOrNull(r.objects),
  newObjects: toNumOrNull(r.newObjects),
  warnings: r.warnings ? (JSON.parse(r.warnings) as string[]) : [],
  error: r.error,
});

export const backupRunRepository = (m: BackupModels, transaction?: Transaction): BackupRunRepository => ({
  async start(run) {
    await m.BackupRun.create(
      { ...run, state: 'running', heartbeatAt: run.startedAt, name: null, finishedAt: null, warnings: null, error: null },
      { transaction },
    );
  },
  async heartbeat(id, at) {
    await m.BackupRun.update({ heartbeatAt: at }, { where: { id, state: 'running' }, transaction });
  },
  async finish(id, o) {
    const { warnings, ...rest } = o;
    await m.BackupRun.update(
      { ...rest, heartbeatAt: o.finishedAt, ...(warnings ? { warnings: JSON.stringify(warnings) } : {}) },
      { where: { id }, transaction },
    );
  },
  async failAbandoned({ directory, staleBefore }, now) {
    const [n] = await m.BackupRun.update(
      { state: 'failed', finishedAt: now, error: 'interrupted: the process running it stopped (killed or crashed); the backups before it are intact' },
      { where: { state: 'running', [Op.or]: [{ directory }, { heartbeatAt: { [Op.lt]: staleBefore } }] }, transaction },
    );
    return n;
  },
  async list(page, limit) {
    return pagedRows(
      m.BackupRun,
      {
        order: [
          ['startedAt', 'DESC'],
          ['id', 'ASC'],
        ],
        page,
        limit,
        transaction,
      },
      toRun,
    );
  },
  async lastSucceeded() {
    return mapOne(await m.BackupRun.findOne({ where: { state: 'succeeded' }, order: [['startedAt', 'DESC']], raw: true, transaction }), toRun);
  },
});

export const backupScheduleRepository = (m: BackupModels, transaction?: Transaction): BackupScheduleRepository => ({
  async state() {
    const r = await m.BackupSchedule.findByPk(SCHEDULE_ID, { raw: true, transaction });
    return {
      leaseOwner: r ? r.leaseOwner : null,
      leaseUntil: r ? toDateOrNull(r.leaseUntil) : null,
      lastAttemptAt: r ? toDateOrNull(r.lastAttemptAt) : null,
    };
  },
  async claim(owner, now, leaseUntil, seenLastAttemptAt) {
    // One UPDATE decides: no live lease, and nobody tried since the caller looked.
    const [n] = await m.BackupSchedule.update(
      { leaseOwner: owner, leaseUntil, lastAttemptAt: now },
      { where: { id: SCHEDULE_ID, lastAttemptAt: seenLastAttemptAt, [Op.or]: [{ leaseUntil: null }, { leaseUntil: { [Op.lt]: now } }] }, transaction },
    );
    return n === 1;
  },
  async renew(owner, leaseUntil) {
    const [n] = await m.BackupSchedule.update({ leaseUntil }, { where: { id: SCHEDULE_ID, leaseOwner: owner }, transaction });
    return n === 1;
  },
  async release(owner) {
    await m.BackupSchedule.update({ leaseOwner: null, leaseUntil: null }, { where: { id: SCHEDULE_ID, leaseOwner: owner }, transaction });
  },
});
