import { fn, col, Op, type Transaction, type WhereOptions } from 'sequelize';
import type { BerkasItemKind, BerkasItemRecord, BerkasRecord } from '../../../domain/berkas.ts';
import type { BerkasRepository } from '../../../ports/berkas-repository.ts';
import type { Models } from '../models.ts';
import { mapAll, mapOne, type RawRow, str, strOrNull, toDate, toNum } from './row.ts';

const toBerkas = (r: RawRow): BerkasRecord => ({
  id: str(r.id),
  name: str(r.name),
  description: strOrNull(r.description),
  unitCode: str(r.unitCode),
  createdBy: str(r.createdBy),
  createdAt: toDate(r.createdAt),
  updatedAt: toDate(r.updatedAt),
});

const toItem = (r: RawRow): BerkasItemRecord => ({
  berkasId: str(r.berkasId),
  kind: str(r.itemKind) as BerkasItemKind,
  itemId: str(r.itemId),
  addedBy: str(r.addedBy),
  addedAt: toDate(r.addedAt),
});

/** A LIKE pattern matching `s` literally anywhere (its % and _ escaped with !). */
const containing = (s: string): string => `%${s.replace(/[!%_]/g, (c) => `!${c}`)}%`;

export const berkasRepository = (m: Models, transaction?: Transaction): BerkasRepository => ({
  async create(b) {
    await m.Berkas.create({ ...b }, { transaction });
  },
  async findById(id) {
    return mapOne(await m.Berkas.findByPk(id, { raw: true, transaction }), toBerkas);
  },
  async list(unitCodes, q, limit) {
    const seq = m.Berkas.sequelize!;
    const where: WhereOptions = {
      ...(unitCodes === 'all' ? {} : { unitCode: { [Op.in]: unitCodes } }),
      ...(q ? { [Op.and]: [seq.literal(`name LIKE ${seq.escape(containing(q))} ESCAPE '!'`)] } : {}),
    };
    const rows = mapAll(await m.Berkas.findAll({ where, order: [['name', 'ASC']], limit, raw: true, transaction }), toBerkas);
    if (rows.length === 0) return [];
    const counts = (await m.BerkasItem.findAll({
      attributes: ['berkasId', [fn('COUNT', col('item_id')), 'n']],
      where: { berkasId: { [Op.in]: rows.map((r) => r.id) } },
      group: ['berkasId'],
      raw: true,
      transaction,
    })) as unknown as RawRow[];
    const n = new Map(counts.map((c) => [str(c.berkasId), toNum(c.n)]));
    return rows.map((r) => ({ ...r, itemCount: n.get(r.id) ?? 0 }));
  },
  async addItem(item) {
    const key = { berkasId: item.berkasId, itemKind: item.kind, itemId: item.itemId };
    if (await m.BerkasItem.findOne({ where: key, transaction })) return false;
    await m.BerkasItem.create({ ...key, addedBy: item.addedBy, addedAt: item.addedAt }, { transaction });
    return true;
  },
  async removeItem(berkasId, kind, itemId) {
    return (await m.BerkasItem.destroy({ where: { berkasId, itemKind: kind, itemId }, transaction })) > 0;
  },
  async items(berkasId) {
    return mapAll(await m.BerkasItem.findAll({ where: { berkasId }, order: [['addedAt', 'ASC']], raw: true, transaction }), toItem);
  },
  async holding(kind, itemId) {
    const ids = (await m.BerkasItem.findAll({ where: { itemKind: kind, itemId }, raw: true, transaction })).map((r) => str((r as unknown as RawRow).berkasId));
    if (ids.length === 0) return [];
    return mapAll(await m.Berkas.findAll({ where: { id: { [Op.in]: ids } }, order: [['name', 'ASC']], raw: true, transaction }), toBerkas);
  },
  async touch(id, now) {
    await m.Berkas.update({ updatedAt: now }, { where: { id }, transaction });
  },
});
