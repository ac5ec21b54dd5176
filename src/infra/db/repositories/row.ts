import { type Attributes, fn, type Model, type ModelStatic, type Transaction, type WhereOptions } from 'sequelize';
import type { DbBigint, DbBool, DbDate } from '../models/columns.ts';

/**
 * Drivers differ in what they return for dates, BIGINTs and booleans (see models/columns.ts); these
 * read either form. A column a query did not select (undefined) reads as null, as it always did.
 */
export const toDate = (v: DbDate): Date => (v instanceof Date ? v : new Date(v));
export const toDateOrNull = (v: DbDate | null): Date | null => (v === null || v === undefined ? null : toDate(v));
export const toNum = (v: DbBigint): number => (typeof v === 'number' ? v : Number(v));
export const toNumOrNull = (v: DbBigint | null): number | null => (v === null || v === undefined ? null : toNum(v));
export const toBool = (v: DbBool): boolean => Boolean(Number(v));

/** Maps a row (or null) to a record. */
export const mapOne = <R, T>(r: R | null, map: (row: R) => T): T | null => (r ? map(r) : null);

/**
 * How many rows `where` selects for each distinct value of the `by` columns, as `n` (COUNT reads
 * back as a number on both databases).
 */
export const countBy = async <M extends Model>(
  model: ModelStatic<M>,
  by: (keyof Attributes<M> & string)[],
  o: { where?: WhereOptions<Attributes<M>>; transaction?: Transaction | undefined },
): Promise<(M & { n: number })[]> => {
  const rows = await model.findAll({
    attributes: [...by, [fn('COUNT', '*'), 'n']],
    ...(o.where ? { where: o.where } : {}),
    group: by,
    raw: true,
    transaction: o.transaction ?? null,
  });
  return rows.map((r) => ({ ...r, n: Number('n' in r ? r.n : undefined) }));
};
