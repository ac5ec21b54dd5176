import { Op, literal, type Order, type Transaction } from 'sequelize';
import { DISPOSITION_ACTIONS, type DispositionAction, type DispositionRecord, type DispositionStatus } from '../../../domain/correspondence.ts';
import type { DispositionRepository } from '../../../ports/correspondence-repositories.ts';
import type { Models } from '../models.ts';
import type { DispositionRow } from '../models/correspondence.models.ts';
import { mapOne, toDate, toDateOrNull } from './row.ts';

const actionsOf = (v: string): DispositionAction[] => {
  const parsed = JSON.parse(v) as unknown;
  return Array.isArray(parsed) ? parsed.filter((a): a is DispositionAction => (DISPOSITION_ACTIONS as readonly unknown[]).includes(a)) : [];
};

const toRecord = (r: DispositionRow): DispositionRecord => ({
  id: r.id,
  letterId: r.letterId,
  parentId: r.parentId,
  fromUserId: r.fromUserId,
  toUserId: r.toUserId,
  toUnitCode: r.toUnitCode,
  instruction: r.instruction,
  actions: actionsOf(r.actions),
  dueAt: toDateOrNull(r.dueAt),
  status: r.status as DispositionStatus,
  readAt: toDateOrNull(r.readAt),
  completedAt: toDateOrNull(r.completedAt),
  completedBy: r.completedBy,
  report: r.report,
  reportDocumentId: r.reportDocumentId,
  createdAt: toDate(r.createdAt),
});

// Due first; without a due date last; then oldest first. `due_at IS NULL` sorts the same on both dialects.
const DUE_FIRST: Order = [
  [literal('due_at IS NULL'), 'ASC'],
  ['dueAt', 'ASC'],
  ['createdAt', 'ASC'],
  ['id', 'ASC'],
];

export const dispositionRepository = (m: Models, transaction?: Transaction): DispositionRepository => ({
  async create(d) {
    await m.Disposition.create({ ...d, actions: JSON.stringify(d.actions) }, { transaction });
  },
  async findById(id) {
    return mapOne(await m.Disposition.findByPk(id, { raw: true, transaction }), toRecord);
  },
  async ofLetter(letterId) {
    // Inside a transaction this is a locking read on MySQL (SQLite's IMMEDIATE transactions are
    // serial already): two completions of a letter's last open dispositions, or a completion and
    // a new disposition, then see each other's writes instead of both deciding the letter's
    // status from a stale snapshot.
    const rows = await m.Disposition.findAll({
      where: { letterId },
      order: [
        ['createdAt', 'ASC'],
        ['id', 'ASC'],
      ],
      raw: true,
      transaction,
      ...(transaction ? { lock: transaction.LOCK.UPDATE } : {}),
    });
    return rows.map(toRecord);
  },
  async ofLetters(letterIds) {
    if (letterIds.length === 0) return [];
    const order: Order = [
      ['createdAt', 'ASC'],
      ['id', 'ASC'],
    ];
    return (await m.Disposition.findAll({ where: { letterId: { [Op.in]: letterIds } }, order, raw: true, transaction })).map(toRecord);
  },
  async inbox(userId, unitCode, state = 'open', limit = 500) {
    const rows = await m.Disposition.findAll({
      where: { status: state === 'open' ? 'open' : 'completed', [Op.or]: [{ toUserId: userId }, { toUnitCode: unitCode }] },
      order:
        state === 'open'
          ? DUE_FIRST
          : [
              ['completedAt', 'DESC'],
              ['id', 'ASC'],
            ],
      limit,
      raw: true,
      transaction,
    });
    return rows.map(toRecord);
  },
  async markRead(id, now) {
    await m.Disposition.update({ readAt: now }, { where: { id, readAt: null }, transaction });
  },
  async complete(id, by, report, reportDocumentId, now) {
    const [n] = await m.Disposition.update(
      { status: 'completed', completedAt: now, completedBy: by, report, reportDocumentId },
      { where: { id, status: 'open' }, transaction },
    );
    return n === 1;
  },
  async withdraw(id) {
    const [n] = await m.Disposition.update({ status: 'withdrawn' }, { where: { id, status: 'open', readAt: null }, transaction });
    return n === 1;
  },
  async openDueBy(until, limit, afterId) {
    // Ordered by id so that `afterId` pages through every match exactly once.
    const where = { status: 'open', dueAt: { [Op.lte]: until }, ...(afterId !== null ? { id: { [Op.gt]: afterId } } : {}) };
    return (await m.Disposition.findAll({ where, order: [['id', 'ASC']], limit, raw: true, transaction })).map(toRecord);
  },
});
