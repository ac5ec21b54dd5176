import { Op, type Transaction } from 'sequelize';
import { foldName, type ContactRecord } from '../../../domain/parties.ts';
import type { ContactRepository } from '../../../ports/letter-type-repositories.ts';
import type { Models } from '../models.ts';
import { mapAll, mapOne, type RawRow, str, strOrNull, toDate } from './row.ts';

const toContact = (r: RawRow): ContactRecord => ({
  id: str(r.id),
  name: str(r.name),
  address: strOrNull(r.address),
  email: strOrNull(r.email),
  createdAt: toDate(r.createdAt),
  updatedAt: toDate(r.updatedAt),
});

/** A LIKE pattern matching `s` literally (its % and _ escaped with !). */
const literalLike = (s: string): string => s.replace(/[!%_]/g, (c) => `!${c}`);

export const contactRepository = (m: Models, transaction?: Transaction): ContactRepository => ({
  async create(c) {
    await m.Contact.create({ ...c, nameKey: foldName(c.name) }, { transaction });
  },
  async findById(id) {
    return mapOne(await m.Contact.findByPk(id, { raw: true, transaction }), toContact);
  },
  async findManyByIds(ids) {
    if (ids.length === 0) return [];
    return mapAll(await m.Contact.findAll({ where: { id: { [Op.in]: ids } }, raw: true, transaction }), toContact);
  },
  async ensure(name, newId, now) {
    const nameKey = foldName(name);
    // Insert-if-absent: the unique key on name_key decides between two registrations at once.
    await m.Contact.bulkCreate([{ id: newId, name, nameKey, address: null, email: null, createdAt: now, updatedAt: now }], {
      ignoreDuplicates: true,
      transaction,
    });
    return toContact((await m.Contact.findOne({ where: { nameKey }, raw: true, transaction })) as unknown as RawRow);
  },
  async search(prefix, limit) {
    const p = literalLike(foldName(prefix));
    const q = m.Contact.sequelize!;
    const rows = await m.Contact.findAll({
      where: q.literal(`(name_key LIKE ${q.escape(`${p}%`)} ESCAPE '!' OR name_key LIKE ${q.escape(`% ${p}%`)} ESCAPE '!')`),
      order: [
        ['name', 'ASC'],
        ['id', 'ASC'],
      ],
      limit,
      raw: true,
      transaction,
    });
    return mapAll(rows, toContact);
  },
});
