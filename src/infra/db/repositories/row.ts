/** Drivers differ in what they return for dates and BIGINTs; these read either form. */
export const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
export const toDateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : toDate(v));
export const toNum = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
export const toNumOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : toNum(v));
export const str = (v: unknown): string => String(v);
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export type RawRow = Record<string, unknown>;

/** Maps a raw Sequelize result (or null) to a record. */
export const mapOne = <T>(r: unknown, map: (row: RawRow) => T): T | null => (r ? map(r as RawRow) : null);
/** Maps raw Sequelize results to records. */
export const mapAll = <T>(rs: unknown, map: (row: RawRow) => T): T[] => (rs as RawRow[]).map(map);
