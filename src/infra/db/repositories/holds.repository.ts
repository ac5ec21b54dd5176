import { Op, type Transaction } from 'sequelize';
import type { HoldRecord } from '../../../domain/records.ts';
import type { HoldRepository } from '../../../ports/records-repositories.ts';
import type { Models } from '../models.ts';
import { mapOne, type RawRow, str, strOrNull, toDate, toDateOrNull, toNum } from './row.ts';

const toHold = (r: RawRow): HoldRecord => ({
  id: str(r.id),
  name: str(r.name),
  reason: str(r.reason),
  createdBy: str(r.createdBy),
  createdAt: toDate(r.createdAt),
  releasedAt: toDateOrNull(r.releasedAt),
  releasedBy: strOrNull(r.releasedBy),
  releaseReason: strOrNull(r.releaseReason),
});

export const holdRepository = (m: Models, transaction?: Transaction): HoldRepository => {
  const q = m.Hold.sequelize!;
  return {
    async create(hold, documentIds) {
      await m.Hold.create({ ...hold }, { transaction });
      await m.HoldItem.bulkCreate(
        documentIds.map((documentId) => ({ holdId: hold.id, documentId })),
        { transaction },
      );
    },
    async findById(id) {
      return mapOne(await m.Hold.findByPk(id, { raw: true, transaction }), toHold);
    },
    async list(filter, page, limit) {
      const where = filter.open === undefined ? {} : { releasedAt: filter.open ? null : { [Op.ne]: null } };
      const [rows, total] = await Promise.all([
        m.Hold.findAll({
          where,
          order: [
            [q.literal('released_at IS NULL'), 'DESC'],
            ['createdAt', 'DESC'],
            ['id', 'ASC'],
          ],
          limit,
          offset: (page - 1) * limit,
          raw: true,
          transaction,
        }),
        m.Hold.count({ where, transaction }),
      ]);
      const holds = (rows as unknown as RawRow[]).map(toHold);
      const counts = holds.length
        ? ((await m.HoldItem.findAll({
            attributes: ['holdId', [q.fn('COUNT', '*'), 'n']],
            where: { holdId: holds.map((h) => h.id) },
            group: ['holdId'],
            raw: true,
            transaction,
          })) as unknown as RawRow[])
        : [];
      const items = new Map(counts.map((c) => [str(c.holdId), toNum(c.n)]));
      return { items: holds.map((h) => ({ ...h, items: items.get(h.id) ?? 0 })), total };
    },
    async items(holdId) {
      return ((await m.HoldItem.findAll({ where: { holdId }, order: [['documentId', 'ASC']], raw: true, transaction })) as unknown as RawRow[]).map((r) =>
        str(r.documentId),
      );
    },
    async release(id, by, reason, at) {
      const [n] = await m.Hold.update({ releasedAt: at, releasedBy: by, releaseReason: reason }, { where: { id, releasedAt: null }, transaction });
      return n === 1;
    },
    async openHoldsOf(documentIds) {
      const out = new Map<string, { id: string; name: string }[]>(documentIds.map((d) => [d, []]));
      if (documentIds.length === 0) return out;
      const rows = (await q.query(
        `SELECT i.document_id AS documentId, h.id AS id, h.name AS name FROM hold_items i JOIN holds h ON h.id = i.hold_id
          WHERE h.released_at IS NULL AND i.document_id IN (:ids) ORDER BY h.created_at, h.id`,
        { replacements: { ids: documentIds }, type: 'SELECT', transaction },
      )) as RawRow[];
      for (const r of rows) out.get(str(r.documentId))?.push({ id: str(r.id), name: str(r.name) });
      return out;
    },
  };
};
