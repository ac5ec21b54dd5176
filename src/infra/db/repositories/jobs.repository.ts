import { randomUUID } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import type { JobListing, JobRecord, JobRepository, JobState } from '../../../ports/repositories.ts';
import type { Models } from '../models.ts';
import type { JobRow } from '../models/documents.models.ts';
import { countBy, mapOne, toDate, toDateOrNull } from './row.ts';
import { pagedRows } from './paged.ts';

const toJob = (r: JobRow): JobRecord => ({
  id: r.id,
  type: r.type,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  state: r.state as JobState,
  attempts: r.attempts,
  maxAttempts: r.maxAttempts,
  runAt: toDate(r.runAt),
  leaseOwner: r.leaseOwner,
  leaseUntil: toDateOrNull(r.leaseUntil),
  lastError: r.lastError,
});

const toListing = (r: JobRow): JobListing => ({ ...toJob(r), createdAt: toDate(r.createdAt), updatedAt: toDate(r.updatedAt) });

/**
 * The job table. Claims are compare-and-set updates guarded by (state, attempts, lease owner),
 * so the same code is correct on SQLite and on MySQL with many workers, without long locks.
 */
export const jobRepository = (m: Models, transaction?: Transaction): JobRepository => ({
  async enqueue({ type, payload, runAt, maxAttempts }) {
    const now = new Date();
    const row: JobRow = {
      id: randomUUID(),
      type,
      payload: JSON.stringify(payload),
      state: 'queued',
      attempts: 0,
      maxAttempts,
      runAt,
      leaseOwner: null,
      leaseUntil: null,
      lastError: null,
      createdAt: now,
      updatedAt: now,
    };
    await m.Job.create(row, { transaction });
    return toJob(row);
  },

  async claim(owner, leaseMs, limit, now, types) {
    const due = {
      [Op.or]: [
        { state: 'queued', runAt: { [Op.lte]: now } },
        { state: 'running', leaseUntil: { [Op.lt]: now } },
      ],
    };
    const candidates = await m.Job.findAll({
      where: types ? { ...due, type: types } : due,
      order: [['runAt', 'ASC']],
      limit: limit * 2,
      raw: true,
      transaction,
    });
    const claimed: JobRecord[] = [];
    for (const c of candidates.map(toJob)) {
      if (claimed.length >= limit) break;
      const guard = { id: c.id, state: c.state, attempts: c.attempts, leaseOwner: c.leaseOwner };
      if (c.state === 'running' && c.attempts >= c.maxAttempts) {
        // The holder died or hung on its last attempt: the job ends here, with the reason kept.
        const lastError = `lease expired on the last attempt (${c.lastError ?? 'worker stopped or hung'})`;
        const [n] = await m.Job.update({ state: 'failed', leaseOwner: null, leaseUntil: null, lastError, updatedAt: now }, { where: guard, transaction });
        // Handed back as failed (not to run), so the claimer's give-up hook settles its subject.
        if (n === 1) claimed.push({ ...c, state: 'failed', leaseOwner: null, leaseUntil: null, lastError });
        continue;
      }
      const leaseUntil = new Date(now.getTime() + leaseMs);
      const [n] = await m.Job.update(
        { state: 'running', leaseOwner: owner, leaseUntil, attempts: c.attempts + 1, updatedAt: now },
        { where: guard, transaction },
      );
      if (n === 1) claimed.push({ ...c, state: 'running', leaseOwner: owner, leaseUntil, attempts: c.attempts + 1 });
    }
    return claimed;
  },

  async complete(id, owner) {
    const [n] = await m.Job.update(
      { state: 'done', leaseOwner: null, leaseUntil: null, updatedAt: new Date() },
      { where: { id, leaseOwner: owner, state: 'running' }, transaction },
    );
    return n === 1;
  },

  async fail(id, owner, error, retryAt, countAttempt) {
    const patch = {
      lastError: error.slice(0, 4000),
      leaseOwner: null,
      leaseUntil: null,
      updatedAt: new Date(),
      ...(retryAt ? { state: 'queued', runAt: retryAt } : { state: 'failed' }),
      ...(countAttempt ? {} : { attempts: m.Job.sequelize!.literal('attempts - 1') }),
    };
    const [n] = await m.Job.update(patch, { where: { id, leaseOwner: owner, state: 'running' }, transaction });
    return n === 1;
  },

  async extendLease(id, owner, until) {
    const [n] = await m.Job.update({ leaseUntil: until, updatedAt: new Date() }, { where: { id, leaseOwner: owner, state: 'running' }, transaction });
    return n === 1;
  },

  async findById(id) {
    return mapOne(await m.Job.findByPk(id, { raw: true, transaction }), toListing);
  },

  async pendingTypes() {
    const rows = await m.Job.findAll({
      attributes: ['type'],
      where: { state: ['queued', 'running'] },
      group: ['type'],
      raw: true,
      transaction,
    });
    return rows.map((r) => r.type);
  },

  async activeSubjects(types, key) {
    const rows = await m.Job.findAll({
      attributes: ['payload'],
      where: { state: ['queued', 'running'], type: types },
      raw: true,
      transaction,
    });
    return new Set(rows.map((r) => (JSON.parse(r.payload) as Record<string, unknown>)[key]).filter((v): v is string => typeof v === 'string'));
  },

  async list(filter, page, limit) {
    const where = filter.state ? { state: filter.state } : {};
    return pagedRows(
      m.Job,
      {
        where,
        order: [
          ['updatedAt', 'DESC'],
          ['id', 'ASC'],
        ],
        page,
        limit,
        transaction,
      },
      toListing,
    );
  },

  async retry(id, now) {
    const [n] = await m.Job.update(
      { state: 'queued', attempts: 0, runAt: now, leaseOwner: null, leaseUntil: null, updatedAt: now },
      { where: { id, state: 'failed' }, transaction },
    );
    return n === 1;
  },

  async countByState() {
    const out: Record<JobState, number> = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const r of await countBy(m.Job, ['state'], { transaction })) out[r.state as JobState] = r.n;
    return out;
  },
});
