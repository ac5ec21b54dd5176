import { type Attributes, fn, type Model, type ModelStatic, type Transaction, type WhereOptions } from 'sequelize';

/** Drivers differ in what they return for dates and BIGINTs; these read either form. */
export const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
export const toDateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : toDate(v));
export const toNum = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
export const toNumOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : toNum(v));
export const str = (v: unknown): string => String(v);
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
/** A BOOLEAN column reads back as 0 or 1. */
export const toBool = (v: unknown): boolean => Boolean(Number(v));

export type RawRow = Record<string, unknown>;

/** Maps a row (or null) to a record. */
export const mapOne = <R, T>(r: R | null, map: (row: R) => T): T | null => (r ? map(r) : null);
/** Maps rows to records. */
export const mapAll = <R, T>(rs: R[], map: (row: R) => T): T[] => rs.map(map);

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
  return rows.map((r) => ({ ...r, n: toNum('n' in r ? r.n : undefined) }));
};
