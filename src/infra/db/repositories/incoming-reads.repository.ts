import { Op, type Transaction, UniqueConstraintError } from 'sequelize';
import type { IncomingReadRepository } from '../../../ports/incoming-read-repository.ts';
import type { Models } from '../models.ts';

export const incomingReadRepository = (m: Models, transaction?: Transaction): IncomingReadRepository => ({
  async mark(letterId, userId, at) {
    if (await m.IncomingRead.findOne({ where: { userId, letterId }, transaction })) return;
    try {
      await m.IncomingRead.create({ userId, letterId, readAt: at }, { transaction });
    } catch (e) {
      if (!(e instanceof UniqueConstraintError)) throw e; // the same reader opened it twice at once: read either way
    }
  },
  async readAmong(userId, letterIds) {
    if (letterIds.length === 0) return new Set();
    const rows = await m.IncomingRead.findAll({ where: { userId, letterId: { [Op.in]: letterIds } }, attributes: ['letterId'], raw: true, transaction });
    return new Set(rows.map((r) => r.letterId));
  },
});
