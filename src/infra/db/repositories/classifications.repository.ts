import type { Transaction } from 'sequelize';
import type { Classification, FinalDisposition } from '../../../domain/classification.ts';
import type { ClassificationRepository } from '../../../ports/classification-repository.ts';
import type { Models } from '../models.ts';
import type { ClassificationRow } from '../models/documents.models.ts';
import { mapOne, toBool, toDate } from './row.ts';

const toClassification = (r: ClassificationRow): Classification => ({
  code: r.code,
  name: r.name,
  description: r.description,
  activeYears: r.activeYears,
  inactiveYears: r.inactiveYears,
  finalDisposition: r.finalDisposition as FinalDisposition | null,
  active: toBool(r.active),
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
    return (await m.Classification.findAll({ raw: true, transaction })).map(toClassification);
  },
});
