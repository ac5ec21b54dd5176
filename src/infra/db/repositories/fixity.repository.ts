import type { Transaction } from 'sequelize';
import type { FixityRun } from '../../../domain/records.ts';
import type { FixityRepository, ScheduleRepository } from '../../../ports/records-repositories.ts';
import type { Models } from '../models.ts';
import type { FixityRunRow } from '../models/records.models.ts';
import { mapOne, toDate, toDateOrNull, toNum } from './row.ts';
import { UniqueConstraintError, Op } from 'sequelize';

const toRun = (r: FixityRunRow): FixityRun => ({
  id: r.id,
  trigger: r.trigger as FixityRun['trigger'],
  status: r.status as FixityRun['status'],
  startedAt: toDate(r.startedAt),
  finishedAt: toDateOrNull(r.finishedAt),
  cursor: r.cursor,
  total: r.total,
  checked: r.checked,
  ok: r.ok,
  checkedBytes: toNum(r.checkedBytes),
  mismatched: JSON.parse(r.mismatched) as string[],
  missing: JSON.parse(r.missing) as string[],
});

const columns = (p: Partial<FixityRun>): Partial<FixityRunRow> => {
  const { mismatched, missing, ...rest } = p;
  return { ...rest, ...(mismatched ? { mismatched: JSON.stringify(mismatched) } : {}), ...(missing ? { missing: JSON.stringify(missing) } : {}) };
};

export const fixityRepository = (m: Models, transaction?: Transaction): FixityRepository => ({
  async create(run) {
    await m.FixityRun.create({ ...run, mismatched: JSON.stringify(run.mismatched), missing: JSON.stringify(run.missing) }, { transaction });
  },
  async findById(id) {
    return mapOne(await m.FixityRun.findByPk(id, { raw: true, transaction }), toRun);
  },
  async latest() {
    return mapOne(
      await m.FixityRun.findOne({
        order: [
          ['startedAt', 'DESC'],
          ['id', 'DESC'],
        ],
        raw: true,
        transaction,
      }),
      toRun,
    );
  },
  async update(id, patch) {
    await m.FixityRun.update(columns(patch), { where: { id }, transaction });
  },
});

export const scheduleRepository = (m: Models, transaction?: Transaction): ScheduleRepository => ({
  async claim(name, now, nextAt) {
    const [n] = await m.Schedule.update({ nextAt, lastAt: now }, { where: { name, nextAt: { [Op.lte]: now } }, transaction });
    if (n === 1) return true;
    if (await m.Schedule.findByPk(name, { transaction })) return false;
    try {
      await m.Schedule.create({ name, nextAt, lastAt: now }, { transaction });
      return true;
    } catch (e) {
      if (e instanceof UniqueConstraintError) return false; // another process made it first
      throw e;
    }
  },
  async dueNow(name, now) {
    const [n] = await m.Schedule.update({ nextAt: now }, { where: { name }, transaction });
    if (n === 0)
      await m.Schedule.create({ name, nextAt: now, lastAt: null }, { transaction }).catch((e: unknown) => {
        if (!(e instanceof UniqueConstraintError)) throw e;
      });
  },
});
