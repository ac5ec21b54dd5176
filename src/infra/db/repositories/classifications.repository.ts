import type { Transaction } from 'sequelize';
import type { Classification, FinalDisposition } from '../../../domain/classification.ts';
import type { ClassificationRepository } from '../../../ports/classification-repository.ts';
import type { Models } from '../models.ts';
import { mapAll, mapOne, type RawRow, str, strOrNull, toDate, toNumOrNull } from './row.ts';

const toClassification = (r: RawRow): Classification => ({
  code: str(r.code),
  name: str(r.name),
  description: strOrNull(r.description),
  activeYears: toNumOrNull(r.activeYears),
  inactiveYears: toNumOrNull(r.inactiveYears),
  finalDisposition: strOrNull(r.finalDisposition) as FinalDisposition | null,
  // SQLite hands booleans back as 0/1.
  active: Boolean(Number(r.active)),
  updatedAt: toDate(r.updatedAt),
});

export const classificationRepository = (m: Models, transaction?: Transaction): ClassificationRepository => ({
  async create(c) {
    await m.Classification.create({ ...c }, { transaction });
  },
  async findByCode(code) {
    return mapOne(await m.Classification.findByPk(code, { raw: true, transaction }), toClassification);
  },
  async update(code, patch) {
    const [n] = await m.Classification.update(patch, { where: { code }, transaction });
    return n > 0;
  },
  async all() {
    return mapAll(await m.Classification.findAll({ raw: true, transaction }), toClassification);
  },
});
