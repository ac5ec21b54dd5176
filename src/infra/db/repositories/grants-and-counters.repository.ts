import { Op, type Transaction } from 'sequelize';
import type { CounterRepository, ReaderRepository } from '../../../ports/correspondence-repositories.ts';
import type { Models } from '../models.ts';
import { toNum } from './row.ts';

export const readerRepository = (m: Models, transaction?: Transaction): ReaderRepository => ({
  async grant(documentId, userIds, reason, now) {
    const rows = [...new Set(userIds)].map((userId) => ({ documentId, userId, reason, createdAt: now }));
    if (rows.length) await m.DocumentReader.bulkCreate(rows, { ignoreDuplicates: true, transaction });
  },
  async of(documentId) {
    const rows = await m.DocumentReader.findAll({ where: { documentId }, attributes: ['userId'], raw: true, transaction });
    return rows.map((r) => r.userId);
  },
  async ofMany(documentIds) {
    const out = new Map<string, string[]>(documentIds.map((id) => [id, []]));
    if (documentIds.length === 0) return out;
    const rows = await m.DocumentReader.findAll({
      where: { documentId: { [Op.in]: documentIds } },
      attributes: ['documentId', 'userId'],
      raw: true,
      transaction,
    });
    for (const r of rows) out.get(r.documentId)?.push(r.userId);
    return out;
  },
});

export const counterRepository = (m: Models, transaction?: Transaction): CounterRepository => ({
  async ensure(scope) {
    await m.Counter.bulkCreate([{ scope, value: 0 }], { ignoreDuplicates: true, transaction });
  },
  async next(scope) {
    // Outside a transaction the increment and the read could interleave with another caller.
    if (!transaction) throw new Error('counters.next must run inside a transaction');
    // The UPDATE takes the row lock (MySQL) that holds every other caller until we commit.
    const [n] = await m.Counter.update({ value: m.Counter.sequelize!.literal('value + 1') }, { where: { scope }, transaction });
    if (n === 0) {
      // A scope nobody ensured: fine uncontended (and always on SQLite, whose writers queue).
      await m.Counter.create({ scope, value: 1 }, { transaction });
      return 1;
    }
    // Updated just now, in this transaction.
    const row = (await m.Counter.findByPk(scope, { raw: true, transaction }))!;
    return toNum(row.value);
  },
});
