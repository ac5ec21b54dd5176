import type { Transaction } from 'sequelize';
import { SEARCH_SORTS, type SavedSearchFilters, type SavedSearchRecord } from '../../../domain/saved-search.ts';
import type { SavedSearchRepository } from '../../../ports/saved-search-repository.ts';
import type { Models } from '../models.ts';
import type { SavedSearchRow } from '../models/letters.models.ts';
import { toDate } from './row.ts';

const FILTER_KEYS = ['unitCode', 'classificationCode', 'kind', 'retentionPhase', 'from', 'to'] as const;

/** Only the known filters, as strings, survive a stored row (it was written by this code, but it is read as data). */
const filtersOf = (v: string): SavedSearchFilters => {
  const raw = JSON.parse(v) as Record<string, unknown>;
  const out: SavedSearchFilters = {};
  for (const k of FILTER_KEYS) if (typeof raw[k] === 'string') out[k] = raw[k];
  if ((SEARCH_SORTS as readonly unknown[]).includes(raw.sort)) out.sort = raw.sort as SavedSearchFilters['sort'];
  return out;
};

const toRecord = (r: SavedSearchRow): SavedSearchRecord => ({
  id: r.id,
  userId: r.userId,
  name: r.name,
  query: r.query,
  filters: filtersOf(r.filters),
  createdAt: toDate(r.createdAt),
});

export const savedSearchRepository = (m: Models, transaction?: Transaction): SavedSearchRepository => ({
  async create(s) {
    await m.SavedSearch.create({ ...s, filters: JSON.stringify(s.filters) }, { transaction });
  },
  async listFor(userId) {
    const order: [string, string][] = [
      ['name', 'ASC'],
      ['id', 'ASC'],
    ];
    return (await m.SavedSearch.findAll({ where: { userId }, order, raw: true, transaction })).map(toRecord);
  },
  async countFor(userId) {
    return m.SavedSearch.count({ where: { userId }, transaction });
  },
  async remove(id, userId) {
    return (await m.SavedSearch.destroy({ where: { id, userId }, transaction })) > 0;
  },
});
