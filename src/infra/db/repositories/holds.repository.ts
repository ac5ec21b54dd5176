import { Op, type Order, QueryTypes, type Transaction } from 'sequelize';
import type { HoldRecord } from '../../../domain/records.ts';
import type { HoldRepository } from '../../../ports/records-repositories.ts';
import type { Models } from '../models.ts';
import type { HoldRow } from '../models/records.models.ts';
import { pagedRows } from './paged.ts';
import { countBy, mapOne, toDate, toDateOrNull } from './row.ts';

const toHold = (r: HoldRow): HoldRecord => ({
  id: r.id,
  name: r.name,
  reason: r.reason,
  createdBy: r.createdBy,
  createdAt: toDate(r.createdAt),
  releasedAt: toDateOrNull(r.releasedAt),
  releasedBy: r.releasedBy,
  releaseReason: r.releaseReason,
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
      const order: Order = [
        [q.literal('released_at IS NULL'), 'DESC'],
        ['createdAt', 'DESC'],
        ['id', 'ASC'],
      ];
      const { items: holds, total } = await pagedRows(m.Hold, { where, order, page, limit, transaction }, toHold);
      const counts = holds.length ? await countBy(m.HoldItem, ['holdId'], { where: { holdId: holds.map((h) => h.id) }, transaction }) : [];
      const items = new Map(counts.map((c) => [c.holdId, c.n]));
      return { items: holds.map((h) => ({ ...h, items: items.get(h.id) ?? 0 })), total };
    },
    async items(holdId) {
      return (await m.HoldItem.findAll({ where: { holdId }, order: [['documentId', 'ASC']], raw: true, transaction })).map((r) => r.documentId);
    },
    async release(id, by, reason, at) {
      const [n] = await m.Hold.update({ releasedAt: at, releasedBy: by, releaseReason: reason }, { where: { id, releasedAt: null }, transaction });
      return n === 1;
    },
    async openHoldsOf(documentIds) {
      const out = new Map<string, { id: string; name: string }[]>(documentIds.map((d) => [d, []]));
      if (documentIds.length === 0) return out;
      const rows = await q.query<{ documentId: string; id: string; name: string }>(
        `SELECT i.document_id AS documentId, h.id AS id, h.name AS name FROM hold_items i JOIN holds h ON h.id = i.hold_id
          WHERE h.released_at IS NULL AND i.document_id IN (:ids) ORDER BY h.created_at, h.id`,
        { replacements: { ids: documentIds }, type: QueryTypes.SELECT, transaction },
      );
      for (const r of rows) out.get(r.documentId)?.push({ id: r.id, name: r.name });
      return out;
    },
  };
};
