import { Op, type Transaction, type WhereOptions } from 'sequelize';
import type { BerkasItemKind, BerkasItemRecord, BerkasRecord } from '../../../domain/berkas.ts';
import type { BerkasRepository } from '../../../ports/berkas-repository.ts';
import type { Models } from '../models.ts';
import type { BerkasItemRow, BerkasRow } from '../models/letters.models.ts';
import { countBy, mapOne, toDate } from './row.ts';

const toBerkas = (r: BerkasRow): BerkasRecord => ({
  id: r.id,
  name: r.name,
  description: r.description,
  unitCode: r.unitCode,
  createdBy: r.createdBy,
  createdAt: toDate(r.createdAt),
  updatedAt: toDate(r.updatedAt),
});

const toItem = (r: BerkasItemRow): BerkasItemRecord => ({
  berkasId: r.berkasId,
  kind: r.itemKind as BerkasItemKind,
  itemId: r.itemId,
  addedBy: r.addedBy,
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
    const rows = (await m.Berkas.findAll({ where, order: [['name', 'ASC']], limit, raw: true, transaction })).map(toBerkas);
    if (rows.length === 0) return [];
    const counts = await countBy(m.BerkasItem, ['berkasId'], { where: { berkasId: { [Op.in]: rows.map((r) => r.id) } }, transaction });
    const n = new Map(counts.map((c) => [c.berkasId, c.n]));
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
    return (await m.BerkasItem.findAll({ where: { berkasId }, order: [['addedAt', 'ASC']], raw: true, transaction })).map(toItem);
  },
  async holding(kind, itemId) {
    const ids = (await m.BerkasItem.findAll({ where: { itemKind: kind, itemId }, raw: true, transaction })).map((r) => r.berkasId);
    if (ids.length === 0) return [];
    return (await m.Berkas.findAll({ where: { id: { [Op.in]: ids } }, order: [['name', 'ASC']], raw: true, transaction })).map(toBerkas);
  },
  async touch(id, now) {
    await m.Berkas.update({ updatedAt: now }, { where: { id }, transaction });
  },
});
