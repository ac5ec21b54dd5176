import { Op, type Transaction } from 'sequelize';
import { foldName, type ContactRecord } from '../../../domain/parties.ts';
import type { ContactRepository } from '../../../ports/letter-type-repositories.ts';
import type { Models } from '../models.ts';
import type { ContactRow } from '../models/letters.models.ts';
import { mapOne, toDate } from './row.ts';

const toContact = (r: ContactRow): ContactRecord => ({
  id: r.id,
  name: r.name,
  address: r.address,
  email: r.email,
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
    return (await m.Contact.findAll({ where: { id: { [Op.in]: ids } }, raw: true, transaction })).map(toContact);
  },
  async ensure(name, newId, now) {
    const nameKey = foldName(name);
    // Insert-if-absent: the unique key on name_key decides between two registrations at once.
    await m.Contact.bulkCreate([{ id: newId, name, nameKey, address: null, email: null, createdAt: now, updatedAt: now }], {
      ignoreDuplicates: true,
      transaction,
    });
    // Inserted just now, or by whoever was first.
    return toContact((await m.Contact.findOne({ where: { nameKey }, raw: true, transaction }))!);
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
    return rows.map(toContact);
  },
});
